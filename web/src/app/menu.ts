import {
  // toolbox (issue 7, V4)
  ToolOutlined,
  SwapOutlined,
  // venues (issue 7, V3)
  MedicineBoxOutlined,
  // meetings (H7)
  CommentOutlined,
  EnvironmentOutlined,
  FundOutlined,
  TeamOutlined,
  CarryOutOutlined,
  AimOutlined,
  FileDoneOutlined,
  HeartOutlined,
  LineChartOutlined,
  ScheduleOutlined,
  AccountBookOutlined,
  ApiOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  ClusterOutlined,
  DashboardOutlined,
  BookOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  FileExcelOutlined,
  FileTextOutlined,
  FlagOutlined,
  HomeOutlined,
  NotificationOutlined,
  ProfileOutlined,
  ReadOutlined,
  ScanOutlined,
  ShopOutlined,
  ShoppingOutlined,
  SoundOutlined,
  TrophyOutlined,
  UnorderedListOutlined,
  UserOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { ComponentType, LazyExoticComponent } from 'react';
import type { Permission } from '../../../common/permissions.ts';
import type { zhCN } from '../i18n/zh-CN.ts';
import { lazyPage } from './lazy-page.ts';

type MenuLabel = `menu.${Exclude<keyof typeof zhCN.menu, 'group'>}`;
type Page = LazyExoticComponent<ComponentType>;

export type MenuGroup =
  | 'overview'
  | 'org'
  | 'party'
  | 'cases'
  | 'projects'
  | 'meetings'
  | 'votes'
  | 'points'
  | 'shop'
  | 'toolbox'
  | 'venues'
  | 'volunteers'
  | 'system';

/**
 * One entry of the admin shell: a Sider item and the routes under it. Later modules add their entries
 * here (and nowhere else); an entry appears only when /api/auth/me lists its permission.
 */
export type MenuEntry = {
  key: string;
  group: MenuGroup;
  label: MenuLabel;
  icon: ComponentType;
  /** Needed to see the entry; undefined means every signed-in desktop user. */
  permission?: Permission;
  /** Relative to /admin. */
  path: string;
  page: Page;
  /** Detail pages under the entry, relative to /admin; the entry stays highlighted on them. */
  routes?: { path: string; page: Page }[];
};

export const MENU_GROUPS: { key: MenuGroup; label: `menu.group.${keyof typeof zhCN.menu.group}` }[] = [
  { key: 'overview', label: 'menu.group.overview' },
  { key: 'org', label: 'menu.group.org' },
  { key: 'party', label: 'menu.group.party' },
  { key: 'cases', label: 'menu.group.cases' },
  { key: 'projects', label: 'menu.group.projects' },
  { key: 'meetings', label: 'menu.group.meetings' },
  { key: 'votes', label: 'menu.group.votes' },
  { key: 'points', label: 'menu.group.points' },
  { key: 'shop', label: 'menu.group.shop' },
  { key: 'toolbox', label: 'menu.group.toolbox' },
  { key: 'venues', label: 'menu.group.venues' },
  { key: 'volunteers', label: 'menu.group.volunteers' },
  { key: 'system', label: 'menu.group.system' },
];

export const ADMIN_MENU: MenuEntry[] = [
  {
    key: 'dashboard',
    group: 'overview',
    label: 'menu.dashboard',
    icon: DashboardOutlined,
    path: '',
    page: lazyPage(() => import('../pages/dashboard/dashboard-page.tsx'), 'DashboardPage'),
  },
  // inbox (H1): every signed-in user's own notices.
  {
    key: 'inbox',
    group: 'overview',
    label: 'menu.inbox',
    icon: BellOutlined,
    path: 'inbox',
    page: lazyPage(() => import('../pages/inbox/inbox-page.tsx'), 'InboxPage'),
  },
  {
    key: 'org-tree',
    group: 'org',
    label: 'menu.orgTree',
    icon: ApartmentOutlined,
    permission: 'org:read',
    path: 'org-units',
    page: lazyPage(() => import('../pages/org/org-tree-page.tsx'), 'OrgTreePage'),
    routes: [
      {
        path: 'org-units/:id',
        page: lazyPage(() => import('../pages/org/org-tree-page.tsx'), 'OrgTreePage'),
      },
    ],
  },
  {
    key: 'households',
    group: 'org',
    label: 'menu.households',
    icon: HomeOutlined,
    permission: 'org:read',
    path: 'households',
    page: lazyPage(() => import('../pages/org/households-page.tsx'), 'HouseholdsPage'),
    routes: [
      {
        path: 'households/:id',
        page: lazyPage(() => import('../pages/org/household-detail-page.tsx'), 'HouseholdDetailPage'),
      },
    ],
  },
  {
    key: 'persons',
    group: 'org',
    label: 'menu.persons',
    icon: UserOutlined,
    permission: 'org:read',
    path: 'persons',
    page: lazyPage(() => import('../pages/org/persons-page.tsx'), 'PersonsPage'),
    routes: [
      {
        path: 'persons/:id',
        page: lazyPage(() => import('../pages/org/person-detail-page.tsx'), 'PersonDetailPage'),
      },
    ],
  },
  {
    key: 'rosters',
    group: 'org',
    label: 'menu.rosters',
    icon: FileExcelOutlined,
    permission: 'roster:import',
    path: 'rosters',
    page: lazyPage(() => import('../pages/rosters/rosters-page.tsx'), 'RostersPage'),
  },
  {
    key: 'party',
    group: 'party',
    label: 'menu.party',
    icon: FlagOutlined,
    permission: 'party:read',
    path: 'party-orgs',
    page: lazyPage(() => import('../pages/party/party-orgs-page.tsx'), 'PartyOrgsPage'),
    routes: [
      {
        path: 'party-orgs/:id',
        page: lazyPage(() => import('../pages/party/party-org-detail-page.tsx'), 'PartyOrgDetailPage'),
      },
    ],
  },
  {
    key: 'grids',
    group: 'party',
    label: 'menu.grids',
    icon: ClusterOutlined,
    permission: 'grid:read',
    path: 'grids',
    page: lazyPage(() => import('../pages/grids/grids-page.tsx'), 'GridsPage'),
  },
  {
    key: 'departments',
    group: 'party',
    label: 'menu.departments',
    icon: BankOutlined,
    permission: 'department:read',
    path: 'departments',
    page: lazyPage(() => import('../pages/departments/departments-page.tsx'), 'DepartmentsPage'),
  },
  {
    key: 'partners',
    group: 'party',
    label: 'menu.partners',
    icon: ShopOutlined,
    permission: 'partner:read',
    path: 'partner-units',
    page: lazyPage(() => import('../pages/partners/partner-units-page.tsx'), 'PartnerUnitsPage'),
  },
  // cases (H5): the handlers' case list and detail; a whistled department's queue (its staff's home).
  {
    key: 'cases',
    group: 'cases',
    label: 'menu.cases',
    icon: AlertOutlined,
    permission: 'cases:read',
    path: 'cases',
    page: lazyPage(() => import('../pages/cases/cases-page.tsx'), 'CasesPage'),
    routes: [
      {
        path: 'cases/:id',
        page: lazyPage(() => import('../pages/cases/case-detail-page.tsx'), 'CaseDetailPage'),
      },
    ],
  },
  {
    key: 'case-whistles',
    group: 'cases',
    label: 'menu.caseWhistles',
    icon: SoundOutlined,
    permission: 'cases:report_in',
    path: 'cases/whistles',
    page: lazyPage(() => import('../pages/cases/whistles-page.tsx'), 'WhistlesPage'),
    routes: [
      {
        path: 'cases/whistles/:id',
        page: lazyPage(() => import('../pages/cases/case-detail-page.tsx'), 'CaseDetailPage'),
      },
    ],
  },
  // open311 (H3): the outside systems filing cases through GeoReport v2, and their API keys.
  {
    key: 'open311-clients',
    group: 'cases',
    label: 'menu.open311Clients',
    icon: ApiOutlined,
    permission: 'cases:api_clients',
    path: 'open311/clients',
    page: lazyPage(() => import('../pages/open311/open311-clients-page.tsx'), 'Open311ClientsPage'),
  },
  // case lists (H6): 民生诉求清单, 治理任务清单, 分级处置统计, the category catalogue.
  {
    key: 'case-demands',
    group: 'cases',
    label: 'menu.caseDemands',
    icon: UnorderedListOutlined,
    permission: 'cases:read',
    path: 'case-lists/demands',
    page: lazyPage(() => import('../pages/case-lists/case-lists-page.tsx'), 'DemandListPage'),
  },
  {
    key: 'case-tasks',
    group: 'cases',
    label: 'menu.caseTasks',
    icon: FileTextOutlined,
    permission: 'cases:read',
    path: 'case-lists/tasks',
    page: lazyPage(() => import('../pages/case-lists/case-lists-page.tsx'), 'TaskListPage'),
  },
  {
    key: 'case-figures',
    group: 'cases',
    label: 'menu.caseFigures',
    icon: BarChartOutlined,
    permission: 'cases:read',
    path: 'case-lists/figures',
    page: lazyPage(() => import('../pages/case-lists/figures-page.tsx'), 'CaseFiguresPage'),
  },
  {
    key: 'case-categories',
    group: 'cases',
    label: 'menu.caseCategories',
    icon: ClusterOutlined,
    permission: 'cases:configure',
    path: 'case-lists/categories',
    page: lazyPage(() => import('../pages/case-lists/categories-page.tsx'), 'CaseCategoriesPage'),
  },
  // duty roster (H9): 值班表 — who is alerted with the front line when an emergency is reported.
  {
    key: 'duty-roster',
    group: 'cases',
    label: 'menu.dutyRoster',
    icon: ScheduleOutlined,
    permission: 'cases:duty',
    path: 'duty-roster',
    page: lazyPage(() => import('../pages/duty/duty-roster-page.tsx'), 'DutyRosterPage'),
  },
  {
    key: 'points-review',
    group: 'points',
    label: 'menu.pointsReview',
    icon: CheckSquareOutlined,
    permission: 'points:review',
    path: 'points/review',
    page: lazyPage(() => import('../pages/points/review-page.tsx'), 'ReviewPage'),
  },
  {
    key: 'points-claims',
    group: 'points',
    label: 'menu.pointsClaims',
    icon: ProfileOutlined,
    permission: 'points:read',
    path: 'points/claims',
    page: lazyPage(() => import('../pages/points/claims-page.tsx'), 'ClaimsPage'),
    routes: [
      {
        path: 'points/claims/:id',
        page: lazyPage(() => import('../pages/points/claim-detail-page.tsx'), 'ClaimDetailPage'),
      },
    ],
  },
  {
    key: 'points-postings',
    group: 'points',
    label: 'menu.pointsPostings',
    icon: NotificationOutlined,
    permission: 'points:read',
    path: 'points/postings',
    page: lazyPage(() => import('../pages/points/postings-page.tsx'), 'PostingsPage'),
    routes: [
      {
        path: 'points/postings/:id',
        page: lazyPage(() => import('../pages/points/posting-detail-page.tsx'), 'PostingDetailPage'),
      },
    ],
  },
  {
    key: 'points-rulebooks',
    group: 'points',
    label: 'menu.pointsRulebooks',
    icon: BookOutlined,
    permission: 'points:read',
    path: 'points/rulebooks',
    page: lazyPage(() => import('../pages/points/rulebooks-page.tsx'), 'RulebooksPage'),
    routes: [
      {
        path: 'points/rulebooks/:id',
        page: lazyPage(() => import('../pages/points/rulebook-detail-page.tsx'), 'RulebookDetailPage'),
      },
    ],
  },
  {
    key: 'points-convention',
    group: 'points',
    label: 'menu.pointsConvention',
    icon: ReadOutlined,
    permission: 'points:manage',
    path: 'points/convention',
    page: lazyPage(() => import('../pages/points/convention-page.tsx'), 'ConventionPage'),
  },
  {
    key: 'points-base-batch',
    group: 'points',
    label: 'menu.pointsBaseBatch',
    icon: CalendarOutlined,
    permission: 'points:manage',
    path: 'points/base-batches',
    page: lazyPage(() => import('../pages/points/base-batch-page.tsx'), 'BaseBatchPage'),
  },
  {
    key: 'points-summary',
    group: 'points',
    label: 'menu.pointsSummary',
    icon: FileTextOutlined,
    permission: 'points:read',
    path: 'points/summaries',
    page: lazyPage(() => import('../pages/points/summary-page.tsx'), 'SummaryPage'),
  },
  {
    key: 'points-awards',
    group: 'points',
    label: 'menu.pointsAwards',
    icon: TrophyOutlined,
    permission: 'points:read',
    path: 'points/awards',
    page: lazyPage(() => import('../pages/points/awards-page.tsx'), 'AwardsPage'),
    routes: [
      {
        path: 'points/awards/:id',
        page: lazyPage(() => import('../pages/points/award-detail-page.tsx'), 'AwardDetailPage'),
      },
    ],
  },
  {
    key: 'shop-items',
    group: 'shop',
    label: 'menu.shopItems',
    icon: ShoppingOutlined,
    permission: 'shop:manage',
    path: 'shop/items',
    page: lazyPage(() => import('../pages/shop/items-page.tsx'), 'ItemsPage'),
  },
  {
    key: 'shop-orders',
    group: 'shop',
    label: 'menu.shopOrders',
    icon: UnorderedListOutlined,
    permission: 'shop:manage',
    path: 'shop/redemptions',
    page: lazyPage(() => import('../pages/shop/orders-page.tsx'), 'OrdersPage'),
  },
  {
    key: 'shop-counter',
    group: 'shop',
    label: 'menu.shopCounter',
    icon: ScanOutlined,
    permission: 'shop:manage',
    path: 'shop/counter',
    page: lazyPage(() => import('../pages/shop/counter-page.tsx'), 'CounterPage'),
  },
  {
    key: 'shop-figures',
    group: 'shop',
    label: 'menu.shopFigures',
    icon: BarChartOutlined,
    permission: 'shop:figures',
    path: 'shop/figures',
    page: lazyPage(() => import('../pages/shop/figures-page.tsx'), 'FiguresPage'),
  },
  {
    key: 'shop-settlements',
    group: 'shop',
    label: 'menu.shopSettlements',
    icon: AccountBookOutlined,
    permission: 'shop:figures',
    path: 'shop/settlements',
    page: lazyPage(() => import('../pages/shop/settlements-page.tsx'), 'SettlementsPage'),
  },
  {
    key: 'audit',
    group: 'system',
    label: 'menu.audit',
    icon: AuditOutlined,
    permission: 'audit:read',
    path: 'audit',
    page: lazyPage(() => import('../pages/audit/audit-page.tsx'), 'AuditPage'),
  },
  {
    key: 'users',
    group: 'system',
    label: 'menu.users',
    icon: UserSwitchOutlined,
    permission: 'user:manage',
    path: 'users',
    page: lazyPage(() => import('../pages/users/users-page.tsx'), 'UsersPage'),
  },
  // meetings (H7): 议事协商 — meetings with their detail, bodies, tasks, figures, venues.
  {
    key: 'meetings',
    group: 'meetings',
    label: 'menu.meetings',
    icon: CommentOutlined,
    permission: 'meetings:manage',
    path: 'meetings',
    page: lazyPage(() => import('../pages/meetings/meetings-page.tsx'), 'MeetingsPage'),
    routes: [
      {
        path: 'meetings/:id',
        page: lazyPage(() => import('../pages/meetings/meeting-page.tsx'), 'MeetingPage'),
      },
    ],
  },
  {
    key: 'meeting-bodies',
    group: 'meetings',
    label: 'menu.meetingBodies',
    icon: TeamOutlined,
    permission: 'meetings:manage',
    path: 'meeting-bodies',
    page: lazyPage(() => import('../pages/meetings/bodies-page.tsx'), 'BodiesPage'),
  },
  {
    key: 'meeting-tasks',
    group: 'meetings',
    label: 'menu.meetingTasks',
    icon: CarryOutOutlined,
    permission: 'meetings:manage',
    path: 'meeting-tasks',
    page: lazyPage(() => import('../pages/meetings/tasks-page.tsx'), 'TasksPage'),
  },
  {
    key: 'meeting-figures',
    group: 'meetings',
    label: 'menu.meetingFigures',
    icon: FundOutlined,
    permission: 'meetings:manage',
    path: 'meeting-figures',
    page: lazyPage(() => import('../pages/meetings/figures-page.tsx'), 'MeetingFiguresPage'),
  },
  // venues (issue 7, V3): venues with spaces and hours, the week of bookings, recurring services.
  {
    key: 'venues',
    group: 'venues',
    label: 'menu.venues',
    icon: EnvironmentOutlined,
    permission: 'meetings:manage',
    path: 'venues',
    page: lazyPage(() => import('../pages/venues/venues-page.tsx'), 'VenuesPage'),
    routes: [
      {
        path: 'venues/:id',
        page: lazyPage(() => import('../pages/venues/venue-page.tsx'), 'VenuePage'),
      },
    ],
  },
  {
    key: 'venue-bookings',
    group: 'venues',
    label: 'menu.venueBookings',
    icon: CalendarOutlined,
    permission: 'venues:book',
    path: 'venue-bookings',
    page: lazyPage(() => import('../pages/venues/bookings-page.tsx'), 'VenueBookingsPage'),
  },
  {
    key: 'venue-services',
    group: 'venues',
    label: 'menu.venueServices',
    icon: MedicineBoxOutlined,
    permission: 'venues:book',
    path: 'venue-services',
    page: lazyPage(() => import('../pages/venues/services-page.tsx'), 'VenueServicesPage'),
  },
  // volunteer activities (issue 7, V2): 志愿活动 — list, publish, sign-ups, QR, attendance → hours.
  {
    key: 'volunteer-activities',
    group: 'volunteers',
    label: 'menu.volunteerActivities',
    icon: HeartOutlined,
    permission: 'volunteers:manage',
    path: 'activities',
    page: lazyPage(() => import('../pages/activities/activities-page.tsx'), 'ActivitiesPage'),
    routes: [
      {
        path: 'activities/:id',
        page: lazyPage(() => import('../pages/activities/activity-page.tsx'), 'ActivityPage'),
      },
    ],
  },
  // volunteer teams (issue 7, V1): 志愿服务队 with posts, members and matching; volunteers; figures.
  {
    key: 'volunteer-teams',
    group: 'volunteers',
    label: 'menu.volunteerTeams',
    icon: TeamOutlined,
    permission: 'volunteers:read',
    path: 'volunteers/teams',
    page: lazyPage(() => import('../pages/volunteers/teams-page.tsx'), 'TeamsPage'),
    routes: [
      {
        path: 'volunteers/teams/:id',
        page: lazyPage(() => import('../pages/volunteers/team-page.tsx'), 'TeamPage'),
      },
    ],
  },
  {
    key: 'volunteer-profiles',
    group: 'volunteers',
    label: 'menu.volunteerProfiles',
    icon: UserOutlined,
    permission: 'volunteers:manage',
    path: 'volunteers/people',
    page: lazyPage(() => import('../pages/volunteers/volunteers-page.tsx'), 'VolunteersPage'),
  },
  {
    key: 'volunteer-figures',
    group: 'volunteers',
    label: 'menu.volunteerFigures',
    icon: BarChartOutlined,
    permission: 'volunteers:read',
    path: 'volunteers/figures',
    page: lazyPage(() => import('../pages/volunteers/figures-page.tsx'), 'VolunteerFiguresPage'),
  },
  // 幸福家园合伙人 (issue 7, V5): cooperative projects with figures, and the partners to review.
  {
    key: 'partner-projects',
    group: 'volunteers',
    label: 'menu.partnerProjects',
    icon: ProfileOutlined,
    permission: 'partner_projects:manage',
    path: 'partner-projects',
    page: lazyPage(() => import('../pages/partner-projects/projects-page.tsx'), 'PartnerProjectsPage'),
    routes: [
      {
        path: 'partner-projects/:id',
        page: lazyPage(() => import('../pages/partner-projects/project-page.tsx'), 'PartnerProjectPage'),
      },
    ],
  },
  {
    key: 'community-partners',
    group: 'volunteers',
    label: 'menu.communityPartners',
    icon: TeamOutlined,
    permission: 'partner_projects:manage',
    path: 'community-partners',
    page: lazyPage(() => import('../pages/partner-projects/partners-page.tsx'), 'CommunityPartnersPage'),
  },
  // toolbox (issue 7, V4): 共享工具箱 — the tools with availability and figures, loans and returns.
  {
    key: 'toolbox-tools',
    group: 'toolbox',
    label: 'menu.toolboxTools',
    icon: ToolOutlined,
    permission: 'toolbox:lend',
    path: 'toolbox',
    page: lazyPage(() => import('../pages/toolbox/tools-page.tsx'), 'ToolsPage'),
    routes: [
      {
        path: 'toolbox/tools/:id',
        page: lazyPage(() => import('../pages/toolbox/tool-page.tsx'), 'ToolPage'),
      },
    ],
  },
  {
    key: 'toolbox-loans',
    group: 'toolbox',
    label: 'menu.toolboxLoans',
    icon: SwapOutlined,
    permission: 'toolbox:lend',
    path: 'toolbox/loans',
    page: lazyPage(() => import('../pages/toolbox/loans-page.tsx'), 'LoansPage'),
  },
  // votes (H8): motions, paper ballot entry and results with the rule's thresholds.
  {
    key: 'votes',
    group: 'votes',
    label: 'menu.votes',
    icon: CheckSquareOutlined,
    permission: 'votes:read',
    path: 'votes',
    page: lazyPage(() => import('../pages/votes/votes-page.tsx'), 'VotesPage'),
    routes: [
      {
        path: 'votes/:id',
        page: lazyPage(() => import('../pages/votes/vote-detail-page.tsx'), 'VoteDetailPage'),
      },
    ],
  },
  // projects (H4): 暖心实项目 (list, 周调度, 月研判, 季总结) and 一事一策.
  {
    key: 'projects-list',
    group: 'projects',
    label: 'menu.projectsList',
    icon: HeartOutlined,
    permission: 'projects:read',
    path: 'projects',
    page: lazyPage(() => import('../pages/projects/projects-page.tsx'), 'ProjectsPage'),
    routes: [
      {
        path: 'projects/:id',
        page: lazyPage(() => import('../pages/projects/project-detail-page.tsx'), 'ProjectDetailPage'),
      },
    ],
  },
  {
    key: 'projects-weekly',
    group: 'projects',
    label: 'menu.projectsWeekly',
    icon: ScheduleOutlined,
    permission: 'projects:read',
    path: 'projects/weekly',
    page: lazyPage(() => import('../pages/projects/weekly-page.tsx'), 'WeeklyPage'),
  },
  {
    key: 'projects-monthly',
    group: 'projects',
    label: 'menu.projectsMonthly',
    icon: LineChartOutlined,
    permission: 'projects:read',
    path: 'projects/monthly',
    page: lazyPage(() => import('../pages/projects/monthly-page.tsx'), 'MonthlyPage'),
  },
  {
    key: 'projects-quarterly',
    group: 'projects',
    label: 'menu.projectsQuarterly',
    icon: FileDoneOutlined,
    permission: 'projects:read',
    path: 'projects/quarterly',
    page: lazyPage(() => import('../pages/projects/quarterly-page.tsx'), 'QuarterlyPage'),
  },
  {
    key: 'projects-plans',
    group: 'projects',
    label: 'menu.projectsPlans',
    icon: AimOutlined,
    permission: 'projects:read',
    path: 'projects/plans',
    page: lazyPage(() => import('../pages/projects/plans-page.tsx'), 'PlansPage'),
    routes: [
      {
        path: 'projects/plans/:id',
        page: lazyPage(() => import('../pages/projects/plan-detail-page.tsx'), 'PlanDetailPage'),
      },
    ],
  },
];

export function visibleMenu(permissions: readonly Permission[]): MenuEntry[] {
  return ADMIN_MENU.filter((e) => !e.permission || permissions.includes(e.permission));
}

/** The entry a location belongs to: the longest matching path prefix, segment by segment. */
export function activeEntry(pathname: string): MenuEntry | undefined {
  const rel = pathname.replace(/^\/admin\/?/, '').replace(/\/$/, '');
  if (rel === '') return ADMIN_MENU[0];
  const segments = rel.split('/');
  let best: MenuEntry | undefined;
  let bestLength = 0;
  for (const e of ADMIN_MENU) {
    if (!e.path) continue;
    const own = e.path.split('/');
    if (own.length > bestLength && own.every((s, i) => segments[i] === s)) {
      best = e;
      bestLength = own.length;
    }
  }
  return best;
}
