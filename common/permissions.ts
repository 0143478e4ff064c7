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
  'cases:report',
  'cases:read',
  'cases:check',
  'cases:handle',
  'cases:accept',
  'cases:whistle',
  'cases:report_in',
  'cases:configure',
  // Emergencies: acknowledge and check in on site; keep a community's on-duty list.
  'cases:respond',
  'cases:duty',
  // Open311: register and revoke the API keys of outside systems that file cases.
  'cases:api_clients',
  // 一事一策 and 暖心实项目.
  'projects:read',
  'projects:manage',
  'projects:rate',
  // Deliberation (议事): see and attend meetings, run a level's bodies and meetings, keep venues.
  'meetings:read',
  'meetings:attend',
  'meetings:manage',
  'venues:manage',
  // Votes (表决): see motions in scope, run them and enter paper ballots, cast a ballot.
  'votes:read',
  'votes:manage',
  'votes:cast',
  // Volunteers (志愿服务): see teams and activities, sign up and check in, run teams and activities.
  'volunteers:read',
  'volunteers:join',
  'volunteers:manage',
  // Venues: book rooms and record service sessions (义诊、理发、法律咨询) with their visits.
  'venues:book',
  // 共享工具箱: see the tools, lend and take back.
  'toolbox:read',
  'toolbox:lend',
  // 幸福家园合伙人: see partners and cooperative projects, register and join, run them.
  'partner_projects:read',
  'partner_projects:join',
  'partner_projects:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** `public`: no sign-in. `signed_in`: any active session. Otherwise a permission held somewhere. */
export type RouteAccess = 'public' | 'signed_in' | Permission;
