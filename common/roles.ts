import type { Permission } from './permissions.ts';

/** Roles are granted at an org unit and reach its subtree (resident: only their own household). */
export const ROLES = [
  'resident',
  'building_leader',
  'grid_worker',
  'compound_secretary',
  'community_staff',
  'points_committee',
  'subdistrict_admin',
  'district_admin',
  'department_staff',
  'system_admin',
  'provider_staff',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  resident: { zh: '居民', en: 'Resident' },
  building_leader: { zh: '楼栋长', en: 'Building leader' },
  grid_worker: { zh: '网格员', en: 'Grid worker' },
  compound_secretary: { zh: '小区党支部书记', en: 'Compound party secretary' },
  community_staff: { zh: '社区工作人员', en: 'Community staff' },
  points_committee: { zh: '积分管理小组', en: 'Points committee' },
  subdistrict_admin: { zh: '街道管理员', en: 'Subdistrict admin' },
  district_admin: { zh: '区级管理员', en: 'District admin' },
  department_staff: { zh: '职能部门人员', en: 'Department staff' },
  system_admin: { zh: '系统管理员', en: 'System admin' },
  provider_staff: { zh: '服务提供方', en: 'Provider staff' },
};

const READ_ORG: Permission[] = ['org:read', 'party:read', 'grid:read', 'department:read', 'partner:read'];
const EDIT_ORG: Permission[] = [
  ...READ_ORG,
  'org:write',
  'party:write',
  'grid:write',
  'partner:write',
  'roster:import',
  'roster:export',
  'audit:read',
];

/** What each role may do inside its scope. Lists are filtered by scope; this says which actions. */
const ADMIN: Permission[] = [
  ...EDIT_ORG,
  'person:reveal_id',
  'department:write',
  'user:manage',
  'points:read',
  'points:manage',
  'shop:read',
  'shop:manage',
  'shop:figures',
  'cases:read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  resident: [
    'org:read',
    'file:upload',
    'points:read',
    'points:declare',
    'points:object',
    'shop:read',
    'shop:redeem',
    'cases:report',
    'cases:read',
    'cases:accept',
  ],
  building_leader: [
    'org:read',
    'party:read',
    'grid:read',
    'department:read',
    'file:upload',
    'cases:report',
    'cases:read',
    'cases:handle',
    'cases:accept',
  ],
  grid_worker: [
    ...READ_ORG,
    'org:write',
    'file:upload',
    'points:read',
    'points:declare',
    'points:check',
    'shop:read',
    'shop:redeem',
    'cases:report',
    'cases:read',
    'cases:check',
    'cases:accept',
  ],
  compound_secretary: [
    ...READ_ORG,
    'file:upload',
    'cases:report',
    'cases:read',
    'cases:handle',
    'cases:accept',
  ],
  community_staff: [
    ...EDIT_ORG,
    'file:upload',
    'person:reveal_id',
    'points:read',
    'points:manage',
    'shop:read',
    'shop:manage',
    'shop:figures',
    'file:upload',
    'cases:report',
    'cases:read',
    'cases:handle',
    'cases:whistle',
  ],
  points_committee: [
    ...READ_ORG,
    'file:upload',
    'points:read',
    'points:declare',
    'points:review',
    'points:manage',
  ],
  subdistrict_admin: ADMIN,
  district_admin: ADMIN,
  department_staff: ['department:read', 'file:upload', 'cases:report_in'],
  system_admin: ADMIN,
  // Staff of a partner unit, merchant or property company: fulfil their own provider's vouchers.
  provider_staff: ['shop:fulfil'],
};
