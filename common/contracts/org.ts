import { z } from 'zod';
import { allowed, paged, pageQuery } from './common.ts';

export const ORG_UNIT_KINDS = ['district', 'subdistrict', 'community', 'compound', 'building'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];
/** The kind a child of each kind must be. */
export const CHILD_KIND: Record<OrgUnitKind, OrgUnitKind | null> = {
  district: 'subdistrict',
  subdistrict: 'community',
  community: 'compound',
  compound: 'building',
  building: null,
};

export const PERSON_TAGS = [
  'party_member',
  'gig_worker',
  'volunteer',
  'elderly_alone',
  'hardship',
  'disabled',
] as const;
export const HOUSEHOLD_TAGS = ['elderly_alone', 'hardship', 'rental', 'vacant', 'key_care'] as const;
export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'tenant', 'member'] as const;
export const GENDERS = ['male', 'female'] as const;

const name = z.string().trim().min(1).max(60);
const phone = z
  .string()
  .trim()
  .regex(/^(\+?86)?1\d{10}$|^0\d{2,3}-?\d{7,8}$/, 'phone');
/** 15 digits, or 17 digits and a check digit that may be X. */
const idNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d{15}$|^\d{17}[\dX]$/, 'id_number');
const area = z.number().min(0).max(100_000).multipleOf(0.01);

export const orgUnitOut = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(ORG_UNIT_KINDS),
  name: z.string(),
  code: z.string().nullable(),
  address: z.string().nullable(),
  compoundClass: z.number().nullable(),
  depth: z.number(),
  childCount: z.number(),
  householdCount: z.number(),
  /** Ancestors from the district down, for breadcrumbs. */
  trail: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(ORG_UNIT_KINDS) })),
  allowed,
});
export type OrgUnitOut = z.infer<typeof orgUnitOut>;
export const orgUnitList = z.object({ items: z.array(orgUnitOut) });
export const orgUnitSearch = z.object({
  q: z.string().trim().max(60).optional(),
  kind: z.enum(ORG_UNIT_KINDS).optional(),
});
export const orgUnitCreate = z.object({
  parentId: z.uuid(),
  name,
  code: z.string().trim().max(40).optional(),
  address: z.string().trim().max(200).optional(),
  compoundClass: z.union([z.literal(1), z.literal(2)]).optional(),
});
export const orgUnitUpdate = orgUnitCreate.omit({ parentId: true }).partial();

export const memberOut = z.object({
  personId: z.string(),
  name: z.string(),
  relation: z.enum(RELATIONS),
  phone: z.string().nullable(),
  tags: z.array(z.string()),
  birthYear: z.number().nullable(),
});
export const householdOut = z.object({
  id: z.string(),
  buildingId: z.string(),
  address: z.string(),
  unitNo: z.string(),
  room: z.string(),
  floorAreaM2: z.number().nullable(),
  tags: z.array(z.string()),
  members: z.array(memberOut),
  trail: orgUnitOut.shape.trail,
  updatedAt: z.iso.datetime(),
  allowed,
});
export type HouseholdOut = z.infer<typeof householdOut>;
export const householdQuery = pageQuery.extend({
  q: z.string().trim().max(60).optional(),
  orgUnitId: z.uuid().optional(),
  tag: z.enum(HOUSEHOLD_TAGS).optional(),
});
export const householdPage = paged(householdOut);
export const householdCreate = z.object({
  buildingId: z.uuid(),
  unitNo: z.string().trim().max(10).default(''),
  room: z.string().trim().min(1).max(20),
  floorAreaM2: area.nullable().optional(),
  tags: z.array(z.enum(HOUSEHOLD_TAGS)).max(10).default([]),
});
// Built from plain fields: zod 4 applies `.default()` even inside `.partial()`, which would turn an
// omitted field into a reset.
export const householdUpdate = z.object({
  unitNo: z.string().trim().max(10).optional(),
  room: z.string().trim().min(1).max(20).optional(),
  floorAreaM2: area.nullable().optional(),
  tags: z.array(z.enum(HOUSEHOLD_TAGS)).max(10).optional(),
});
export const memberParams = z.object({ id: z.uuid(), personId: z.uuid() });
export const memberBody = z.object({ relation: z.enum(RELATIONS).default('member') });

export const personOut = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  /** Always masked; the full number only through reveal-id, with a reason that is audited. */
  idNumberMasked: z.string().nullable(),
  gender: z.enum(GENDERS).nullable(),
  birthYear: z.number().nullable(),
  tags: z.array(z.string()),
  households: z.array(
    z.object({ householdId: z.string(), address: z.string(), relation: z.enum(RELATIONS) }),
  ),
  partyOrgs: z.array(
    z.object({
      partyOrgId: z.string(),
      name: z.string(),
      kind: z.string(),
      workplace: z.string().nullable(),
    }),
  ),
  minor: z.boolean(),
  allowed,
});
export type PersonOut = z.infer<typeof personOut>;
export const personQuery = pageQuery.extend({
  q: z.string().trim().max(60).optional(),
  orgUnitId: z.uuid().optional(),
  tag: z.enum(PERSON_TAGS).optional(),
});
export const personPage = paged(personOut);
export const personCreate = z.object({
  orgUnitId: z.uuid(),
  name,
  phone: phone.nullable().optional(),
  idNumber: idNumber.nullable().optional(),
  gender: z.enum(GENDERS).nullable().optional(),
  birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
  tags: z.array(z.enum(PERSON_TAGS)).max(10).default([]),
  householdId: z.uuid().optional(),
  relation: z.enum(RELATIONS).optional(),
});
export const personUpdate = z.object({
  name: name.optional(),
  phone: phone.nullable().optional(),
  idNumber: idNumber.nullable().optional(),
  gender: z.enum(GENDERS).nullable().optional(),
  birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
  tags: z.array(z.enum(PERSON_TAGS)).max(10).optional(),
});
export const revealBody = z.object({ reason: z.string().trim().min(4).max(200) });
export const revealOut = z.object({ idNumber: z.string().nullable() });
