import type { RouteAccess } from './permissions.ts';

/**
 * Every route of the API and who may call it: `public`, `signed_in`, or a permission the actor must
 * hold somewhere (the command then checks the object's scope). A route missing here is refused at
 * run time and fails the access-table test.
 */
export const ACCESS_TABLE: Record<string, RouteAccess> = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': 'signed_in',

  'GET /api/org-units': 'org:read',
  'GET /api/org-units/:id': 'org:read',
  'GET /api/org-units/:id/children': 'org:read',
  'POST /api/org-units': 'org:write',
  'PATCH /api/org-units/:id': 'org:write',

  'GET /api/households': 'org:read',
  'GET /api/households/:id': 'org:read',
  'POST /api/households': 'org:write',
  'PATCH /api/households/:id': 'org:write',
  'PUT /api/households/:id/members/:personId': 'org:write',
  'DELETE /api/households/:id/members/:personId': 'org:write',

  'GET /api/persons': 'org:read',
  'GET /api/persons/:id': 'org:read',
  'POST /api/persons': 'org:write',
  'PATCH /api/persons/:id': 'org:write',
  'POST /api/persons/:id/reveal-id': 'person:reveal_id',

  'GET /api/party-orgs': 'party:read',
  'GET /api/party-orgs/:id': 'party:read',
  'POST /api/party-orgs': 'party:write',
  'PATCH /api/party-orgs/:id': 'party:write',
  'PUT /api/party-orgs/:id/members/:personId': 'party:write',
  'DELETE /api/party-orgs/:id/members/:personId': 'party:write',

  'GET /api/grids': 'grid:read',
  'GET /api/grids/:id': 'grid:read',
  'POST /api/grids': 'grid:write',
  'PATCH /api/grids/:id': 'grid:write',

  'GET /api/departments': 'department:read',
  'GET /api/departments/:id': 'department:read',
  'POST /api/departments': 'department:write',
  'PATCH /api/departments/:id': 'department:write',

  'GET /api/partner-units': 'partner:read',
  'POST /api/partner-units': 'partner:write',
  'PATCH /api/partner-units/:id': 'partner:write',

  'GET /api/users': 'user:manage',
  'POST /api/users/:id/disable': 'user:manage',
  'POST /api/users/:id/enable': 'user:manage',

  'GET /api/audit-events': 'audit:read',

  // 站内通知 (inbox): each user reads and marks only their own notices; another's id is 404.
  'GET /api/inbox': 'signed_in',
  'GET /api/inbox/unread-count': 'signed_in',
  'POST /api/inbox/:id/read': 'signed_in',
  'POST /api/inbox/read-all': 'signed_in',

  // Registered only when the server runs with LINLI_TEST_HOOKS=1 (end-to-end tests).
  'POST /api/test/run-jobs': 'public',

  'POST /api/files': 'file:upload',
  'GET /api/files/:id': 'signed_in',

  'GET /api/points/rulebooks': 'points:read',
  'GET /api/points/rulebooks/:id': 'points:read',
  'POST /api/points/rulebooks': 'points:manage',
  'PUT /api/points/rulebooks/:id': 'points:manage',
  'POST /api/points/rulebooks/:id/revise': 'points:manage',
  'POST /api/points/rulebooks/:id/activate': 'points:manage',
  'POST /api/points/conventions': 'points:manage',
  'GET /api/points/claims': 'points:read',
  'POST /api/points/claims': 'points:declare',
  'GET /api/points/claims/:id': 'points:read',
  'POST /api/points/claims/:id/transitions': 'points:read',
  'POST /api/points/claims/batch-approve': 'points:review',
  'POST /api/points/base-batches': 'points:manage',
  'GET /api/points/me': 'points:read',
  'GET /api/points/persons/:id/account': 'points:read',
  'PUT /api/points/persons/:id/consent': 'signed_in',
  'GET /api/points/households/:id': 'points:read',
  'GET /api/points/postings': 'points:read',
  'GET /api/points/postings/:id': 'points:read',
  'POST /api/points/postings': 'points:manage',
  'GET /api/points/objections': 'points:read',
  'POST /api/points/objections': 'points:object',
  'POST /api/points/objections/:id/decision': 'points:review',
  'GET /api/points/summaries': 'points:read',
  'GET /api/points/summaries/export': 'points:read',
  'GET /api/points/awards': 'points:read',
  'POST /api/points/awards': 'points:review',
  'GET /api/points/awards/:id': 'points:read',
  'GET /api/points/awards/:id/candidates': 'points:review',
  'PUT /api/points/awards/:id/winners': 'points:review',
  'POST /api/points/awards/:id/publish': 'points:review',

  // 公示栏: the public board, no login; responses are masked (contracts/board.ts is the whitelist).
  'GET /api/public/communities': 'public',
  'GET /api/public/communities/:id/board': 'public',
  'GET /api/public/communities/:id/rulebook': 'public',
  'GET /api/public/communities/:id/convention': 'public',
  'GET /api/public/postings/:id': 'public',

  'GET /api/shop/providers': 'shop:manage',
  'POST /api/shop/providers': 'shop:manage',
  'GET /api/shop/items': 'signed_in',
  'GET /api/shop/items/:id': 'signed_in',
  'POST /api/shop/items': 'shop:manage',
  'PATCH /api/shop/items/:id': 'shop:manage',
  'POST /api/shop/redemptions': 'shop:redeem',
  'GET /api/shop/redemptions': 'signed_in',
  'GET /api/shop/redemptions/:id': 'signed_in',
  'POST /api/shop/redemptions/:id/cancel': 'signed_in',
  'GET /api/shop/vouchers/:code': 'signed_in',
  'POST /api/shop/vouchers/:code/fulfil': 'signed_in',
  'GET /api/shop/figures': 'shop:figures',
  // Community staff with shop:figures over the provider, or the provider's own counter staff.
  'GET /api/shop/settlements': 'signed_in',
  'GET /api/shop/settlements/export': 'signed_in',

  // Cases (四单、三事三议、吹哨报到): the commands check reporter, checker, level, assignee and department.
  'GET /api/cases/categories': 'signed_in',
  'GET /api/cases/duplicates': 'cases:report',
  'POST /api/cases': 'cases:report',
  'GET /api/cases': 'cases:read',
  'GET /api/cases/whistles': 'cases:report_in',
  'GET /api/cases/:id': 'signed_in',
  'POST /api/cases/:id/transitions': 'signed_in',
  'POST /api/cases/:id/whistles': 'cases:whistle',
  'POST /api/cases/whistles/:id/report-in': 'cases:report_in',
  'POST /api/cases/whistles/:id/result': 'cases:report_in',

  // 民生诉求清单 / 治理任务清单, the category catalogue, tiered figures (staff grants; checked in lists.ts),
  // and the public department duty sheet posted at compound entrances.
  'GET /api/cases/lists/demands': 'cases:read',
  'GET /api/cases/lists/tasks': 'cases:read',
  'GET /api/cases/lists/demands/export.xlsx': 'cases:read',
  'GET /api/cases/lists/tasks/export.xlsx': 'cases:read',
  'GET /api/cases/category-admin': 'cases:configure',
  'PUT /api/cases/category-admin/:orgUnitId/:code': 'cases:configure',
  'DELETE /api/cases/category-admin/:orgUnitId/:code': 'cases:configure',
  'GET /api/cases/figures': 'cases:read',
  'GET /api/public/compounds/:id/duty-sheet': 'public',
  'GET /api/public/communities/:id/duty-sheets': 'public',
  // 突发事件: whoever the alert reached, or cases:respond in scope (the command checks); 值班表.
  'POST /api/cases/:id/acknowledge': 'signed_in',
  'POST /api/cases/:id/check-in': 'signed_in',
  'GET /api/cases/duty-roster': 'cases:duty',
  'POST /api/cases/duty-roster': 'cases:duty',
  'DELETE /api/cases/duty-roster/:id': 'cases:duty',
  // 一事一策 and 暖心实项目: list scope and manage rights are checked per plan/project by the commands.
  'GET /api/projects/plans': 'projects:read',
  'POST /api/projects/plans': 'projects:manage',
  'GET /api/projects/plans/:id': 'projects:read',
  'PATCH /api/projects/plans/:id': 'projects:manage',
  'POST /api/projects/plans/:id/transitions': 'projects:manage',
  'POST /api/projects/plans/:id/updates': 'projects:manage',
  'POST /api/projects/milestones/:id': 'projects:manage',
  'GET /api/projects': 'projects:read',
  'GET /api/projects/units': 'projects:read',
  'POST /api/projects': 'projects:manage',
  'GET /api/projects/:id': 'projects:read',
  'PATCH /api/projects/:id': 'projects:manage',
  'POST /api/projects/:id/transitions': 'projects:manage',
  'POST /api/projects/:id/updates': 'projects:manage',
  'GET /api/projects/weekly': 'projects:read',
  'GET /api/projects/monthly': 'projects:read',
  'GET /api/projects/quarterly': 'projects:read',
  'GET /api/projects/quarterly/export': 'projects:read',
  'GET /api/projects/resident': 'projects:rate',
  'POST /api/projects/:id/ratings': 'projects:rate',
  'GET /api/public/communities/:id/projects': 'public',
  'GET /api/public/plans/:id': 'public',

  // 表决 (votes): scope, electorate and state are checked per motion by the commands. Casting is
  // for electors (the command checks household, age, membership); results and the public page
  // carry tallies only, never a voter's choice.
  'GET /api/votes': 'votes:read',
  'POST /api/votes': 'votes:manage',
  'GET /api/votes/:id': 'votes:read',
  'POST /api/votes/:id/transitions': 'votes:manage',
  'POST /api/votes/:id/ballots': 'votes:cast',
  'POST /api/votes/:id/paper-ballots': 'votes:manage',
  'GET /api/votes/:id/electors': 'votes:manage',
  'GET /api/votes/:id/results': 'votes:read',
  'GET /api/public/votes/:id': 'public',

  // 议事 (meetings, H7): a body's chair and secretary may be residents, so moves, minutes, decisions
  // and the check-in code need only meetings:read here; the commands check the seat or the organiser's
  // scope. Check-in and registration are for attendees; the outcome page is public and masked.
  'GET /api/meetings/bodies': 'meetings:read',
  'GET /api/meetings/bodies/:id': 'meetings:read',
  'POST /api/meetings/bodies': 'meetings:manage',
  'PATCH /api/meetings/bodies/:id': 'meetings:manage',
  'GET /api/meetings/figures': 'meetings:manage',
  'GET /api/meetings/tasks': 'meetings:read',
  'POST /api/meetings/tasks/:id/complete': 'meetings:read',
  'GET /api/meetings': 'meetings:read',
  'POST /api/meetings': 'meetings:manage',
  'GET /api/meetings/:id': 'meetings:read',
  'POST /api/meetings/:id/transitions': 'meetings:read',
  'POST /api/meetings/:id/agenda': 'meetings:manage',
  'DELETE /api/meetings/:id/agenda/:itemId': 'meetings:manage',
  'POST /api/meetings/:id/register': 'meetings:attend',
  'GET /api/meetings/:id/checkin-code': 'meetings:read',
  'POST /api/meetings/:id/check-in': 'meetings:attend',
  'PUT /api/meetings/:id/minutes': 'meetings:read',
  'POST /api/meetings/:id/decisions': 'meetings:read',
  'GET /api/public/meetings/:id': 'public',
  'GET /api/public/communities/:id/meetings': 'public',
  'GET /api/venues': 'meetings:read',
  'GET /api/venues/:id': 'meetings:read',
  'POST /api/venues': 'venues:manage',
  'PATCH /api/venues/:id': 'venues:manage',
  // Venues (issue 7, V3): spaces, bookings, recurring services, sessions with visits, figures.
  'POST /api/venues/:id/spaces': 'venues:manage',
  'PATCH /api/venues/spaces/:id': 'venues:manage',
  'GET /api/venues/bookings': 'venues:book',
  'POST /api/venues/bookings': 'venues:book',
  'POST /api/venues/bookings/:id/cancel': 'venues:book',
  'GET /api/venues/services': 'meetings:read',
  'POST /api/venues/services': 'venues:manage',
  'GET /api/venues/sessions': 'meetings:read',
  'PUT /api/venues/sessions/:id/visits': 'venues:book',
  'POST /api/venues/sessions/:id/cancel': 'venues:book',
  'GET /api/venues/figures': 'venues:book',

  // 幸福家园合伙人 and cooperative projects (issue 7, V5; not the partner units above): residents
  // register and join; staff (partner_projects:manage over the compound) decide; creating and moving a
  // project is checked in the command (a partner proposes and leads, staff approve).
  'GET /api/partners': 'partner_projects:read',
  'GET /api/partners/me': 'partner_projects:read',
  'POST /api/partners': 'partner_projects:join',
  'GET /api/partners/:id': 'partner_projects:read',
  'POST /api/partners/:id/approve': 'partner_projects:manage',
  'POST /api/partners/:id/decline': 'partner_projects:manage',
  'POST /api/partners/:id/suspend': 'partner_projects:manage',
  'GET /api/partner-projects': 'partner_projects:read',
  'GET /api/partner-projects/figures': 'partner_projects:manage',
  'POST /api/partner-projects': 'partner_projects:read',
  'GET /api/partner-projects/:id': 'partner_projects:read',
  'POST /api/partner-projects/:id/transitions': 'partner_projects:read',
  'POST /api/partner-projects/:id/join': 'partner_projects:join',
  'POST /api/partner-projects/:id/leave': 'partner_projects:join',
  'GET /api/partner-projects/:id/participants': 'partner_projects:read',

  // Open311 GeoReport v2: reads are public per the spec; POST checks its api_key in the handler.
  'GET /open311/v2/services.:format': 'public',
  'GET /open311/v2/services/:service_code.:format': 'public',
  'POST /open311/v2/requests.:format': 'public',
  'GET /open311/v2/requests.:format': 'public',
  'GET /open311/v2/requests/:id.:format': 'public',
  'GET /open311/v2/tokens/:token.:format': 'public',
  // Staff register and revoke the API keys of Open311 clients (scope checked in the command).
  'GET /api/open311/clients': 'cases:api_clients',
  'POST /api/open311/clients': 'cases:api_clients',
  'POST /api/open311/clients/:id/revoke': 'cases:api_clients',

  'GET /api/rosters/template': 'roster:import',
  'POST /api/rosters/imports': 'roster:import',
  'GET /api/rosters/imports/:id': 'roster:import',
  'GET /api/rosters/export': 'roster:export',

  // 共享工具箱 (toolbox, issue 7, V4): residents read the catalogue and their own loans and may extend
  // one once; lending staff (toolbox:lend over the station) add tools, lend, take back, mark lost.
  'GET /api/toolbox/tools': 'toolbox:read',
  'GET /api/toolbox/tools/:id': 'toolbox:read',
  'POST /api/toolbox/tools': 'toolbox:lend',
  'PATCH /api/toolbox/tools/:id': 'toolbox:lend',
  'GET /api/toolbox/loans': 'toolbox:read',
  'GET /api/toolbox/loans/:id': 'toolbox:read',
  'POST /api/toolbox/loans': 'toolbox:lend',
  'POST /api/toolbox/loans/:id/return': 'toolbox:lend',
  'POST /api/toolbox/loans/:id/extend': 'toolbox:read',
  'POST /api/toolbox/loans/:id/lost': 'toolbox:lend',
  'GET /api/toolbox/figures': 'toolbox:lend',

  // 志愿活动 (issue 7, V2): a team leader may be a resident, so creating and managing an activity
  // needs only volunteers:read here; the commands check volunteers:manage in scope or the leader.
  'GET /api/volunteers/activities': 'volunteers:read',
  'POST /api/volunteers/activities': 'volunteers:read',
  'GET /api/volunteers/activities/my-hours': 'volunteers:read',
  'GET /api/volunteers/activities/:id': 'volunteers:read',
  'PATCH /api/volunteers/activities/:id': 'volunteers:read',
  'POST /api/volunteers/activities/:id/cancel': 'volunteers:read',
  'PUT /api/volunteers/activities/:id/capacity': 'volunteers:read',
  'POST /api/volunteers/activities/:id/signup': 'volunteers:join',
  'DELETE /api/volunteers/activities/:id/signup': 'volunteers:join',
  'GET /api/volunteers/activities/:id/code': 'volunteers:read',
  'POST /api/volunteers/activities/:id/check-in': 'volunteers:join',
  'POST /api/volunteers/activities/:id/check-out': 'volunteers:join',
  'POST /api/volunteers/activities/:id/attendance': 'volunteers:read',

  // 志愿服务队、岗位、志愿者、匹配、统计 (issue 7, V1): leaving a team or a leader removing a member
  // needs only volunteers:read here; the command checks the member, the leader or volunteers:manage.
  'GET /api/volunteers/teams': 'volunteers:read',
  'POST /api/volunteers/teams': 'volunteers:manage',
  'GET /api/volunteers/teams/:id': 'volunteers:read',
  'PATCH /api/volunteers/teams/:id': 'volunteers:manage',
  'POST /api/volunteers/teams/:id/posts': 'volunteers:manage',
  'PATCH /api/volunteers/posts/:id': 'volunteers:manage',
  'POST /api/volunteers/teams/:id/members': 'volunteers:manage',
  'DELETE /api/volunteers/teams/:id/members/:memberId': 'volunteers:read',
  'POST /api/volunteers/teams/:id/join': 'volunteers:join',
  'GET /api/volunteers/me': 'volunteers:join',
  'PUT /api/volunteers/me': 'volunteers:join',
  'GET /api/volunteers/profiles': 'volunteers:manage',
  'GET /api/volunteers/match': 'volunteers:manage',
  'GET /api/volunteers/figures': 'volunteers:read',
};

/** The routes the table governs: the API, and the Open311 GeoReport endpoints. */
export function isTableRoute(url: string): boolean {
  return url.startsWith('/api') || url.startsWith('/open311/');
}

export function routeKey(method: string, url: string): string {
  return `${method.toUpperCase()} ${url}`;
}
