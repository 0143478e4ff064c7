import { z } from 'zod';
import { allowed, paged, pageQuery } from './common.ts';
import { contactPhone } from './departments.ts';

/** 共建单位 kinds: enterprises, hospitals, law firms, schools, government bodies, social organisations. */
export const PARTNER_UNIT_KINDS = [
  'enterprise',
  'hospital',
  'law_firm',
  'school',
  'government',
  'social_org',
  'other',
] as const;
export type PartnerUnitKind = (typeof PARTNER_UNIT_KINDS)[number];

export const partnerUnitOut = z.object({
  id: z.string(),
  /** The community it co-builds. */
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  name: z.string(),
  kind: z.enum(PARTNER_UNIT_KINDS),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  /** What it offers the community (义诊、法律咨询 …). */
  services: z.string().nullable(),
  createdAt: z.iso.datetime(),
  allowed,
});
export type PartnerUnitOut = z.infer<typeof partnerUnitOut>;

export const partnerUnitQuery = pageQuery.extend({
  orgUnitId: z.uuid().optional(),
  /** Part of the name or of the services. */
  q: z.string().trim().max(60).optional(),
});
export const partnerUnitPage = paged(partnerUnitOut);

const partnerUnitFields = {
  name: z.string().trim().min(1).max(100),
  kind: z.enum(PARTNER_UNIT_KINDS),
  contactName: z.string().trim().min(1).max(60).nullable(),
  contactPhone: contactPhone.nullable(),
  services: z.string().trim().max(500).nullable(),
};
export const partnerUnitCreate = z.object({
  /** A community (422 not_a_community otherwise). */
  orgUnitId: z.uuid(),
  name: partnerUnitFields.name,
  kind: partnerUnitFields.kind.default('enterprise'),
  contactName: partnerUnitFields.contactName.optional(),
  contactPhone: partnerUnitFields.contactPhone.optional(),
  services: partnerUnitFields.services.optional(),
});
// Built from the fields, not `partnerUnitCreate.partial()`: a default inside `.partial()` still fires in
// zod 4 and would reset `kind` on every PATCH that leaves it out.
export const partnerUnitUpdate = z.object(partnerUnitFields).partial();
