import { z } from 'zod';
import { ROLES } from '../roles.ts';
import { paged, pageQuery } from './common.ts';

export const auditEventOut = z.object({
  id: z.number(),
  seq: z.number(),
  actorName: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  orgUnitId: z.string().nullable(),
  summary: z.string(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export const auditQuery = pageQuery.extend({
  action: z.string().max(100).optional(),
  subjectType: z.string().max(50).optional(),
  subjectId: z.string().max(100).optional(),
  orgUnitId: z.uuid().optional(),
});
export const auditPage = paged(auditEventOut);

export const userOut = z.object({
  id: z.string(),
  phone: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  roles: z.array(z.object({ role: z.enum(ROLES), orgUnitId: z.string(), orgUnitName: z.string() })),
});
export const userQuery = pageQuery.extend({ q: z.string().max(50).optional() });
export const userPage = paged(userOut);
