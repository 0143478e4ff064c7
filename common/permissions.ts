/** Permission names, `module:action`. The access table maps every route to one of these. */
export const PERMISSIONS = [
  'org:read',
  'org:write',
  'person:reveal_id',
  'party:read',
  'party:write',
  'grid:read',
  'grid:write',
  'department:read',
  'department:write',
  'partner:read',
  'partner:write',
  'roster:import',
  'roster:export',
  'audit:read',
  'user:manage',
  'file:upload',
  'points:read',
  'points:declare',
  'points:check',
  'points:review',
  'points:manage',
  'points:object',
  'shop:read',
  'shop:redeem',
  'shop:fulfil',
  'shop:manage',
  'shop:figures',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** `public`: no sign-in. `signed_in`: any active session. Otherwise a permission held somewhere. */
export type RouteAccess = 'public' | 'signed_in' | Permission;
