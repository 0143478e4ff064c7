import { z } from 'zod';
import { PERMISSIONS } from '../permissions.ts';
import { ROLES } from '../roles.ts';

export const loginBody = z.object({
  phone: z.string().trim().min(5).max(20),
  password: z.string().min(1).max(200),
});

export const meResponse = z.object({
  user: z.object({
    id: z.string(),
    displayName: z.string(),
    phone: z.string(),
    personId: z.string().nullable(),
  }),
  roles: z.array(
    z.object({
      role: z.enum(ROLES),
      orgUnitId: z.string(),
      orgUnitName: z.string(),
      householdId: z.string().nullable(),
      departmentId: z.string().nullable(),
      /** For provider_staff: the shop provider whose counter they staff. */
      providerId: z.string().nullable(),
    }),
  ),
  permissions: z.array(z.enum(PERMISSIONS)),
});
export type Me = z.infer<typeof meResponse>;

export const okResponse = z.object({ ok: z.literal(true) });
