import { type ComponentType, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import type { Permission } from '../../../common/permissions.ts';
import { FullPageLoading } from '../components/full-page-state.tsx';
import { NotFoundPage } from '../components/not-found-page.tsx';
import { RequirePermission } from '../components/require-permission.tsx';
import { lazyPage } from './lazy-page.ts';
import { ADMIN_MENU } from './menu.ts';
import { RequireSession } from './require-session.tsx';
import { homePath, useSession } from './session.ts';

// Each shell is its own chunk: a resident's phone never downloads the admin pages or ECharts.
const DesktopShell = lazyPage(() => import('./desktop-shell.tsx'), 'DesktopShell');
const PhoneShell = lazyPage(() => import('./phone-shell.tsx'), 'PhoneShell');
const LoginPage = lazyPage(() => import('../pages/auth/login-page.tsx'), 'LoginPage');
const PhoneHomePage = lazyPage(() => import('../pages/phone/phone-home-page.tsx'), 'PhoneHomePage');
const PhoneHouseholdPage = lazyPage(
  () => import('../pages/phone/phone-household-page.tsx'),
  'PhoneHouseholdPage',
);
const PhoneMyPointsPage = lazyPage(
  () => import('../pages/points/phone-my-points-page.tsx'),
  'PhoneMyPointsPage',
);
const PhoneDeclarePage = lazyPage(() => import('../pages/points/phone-declare-page.tsx'), 'PhoneDeclarePage');
const PhoneDeclareForPage = lazyPage(
  () => import('../pages/points/phone-declare-page.tsx'),
  'PhoneDeclareForPage',
);
const PhoneClaimPage = lazyPage(() => import('../pages/points/phone-claim-page.tsx'), 'PhoneClaimPage');
const PhonePostingPage = lazyPage(() => import('../pages/points/phone-posting-page.tsx'), 'PhonePostingPage');
const PhoneCheckPage = lazyPage(() => import('../pages/points/phone-check-page.tsx'), 'PhoneCheckPage');
// 积分超市 on the phone: the resident's shop and vouchers, the provider's counter.
const PhoneShopPage = lazyPage(() => import('../pages/shop/phone-shop-page.tsx'), 'PhoneShopPage');
const PhoneItemPage = lazyPage(() => import('../pages/shop/phone-item-page.tsx'), 'PhoneItemPage');
const PhoneRedemptionsPage = lazyPage(
  () => import('../pages/shop/phone-redemptions-page.tsx'),
  'PhoneRedemptionsPage',
);
const PhoneVoucherPage = lazyPage(() => import('../pages/shop/phone-voucher-page.tsx'), 'PhoneVoucherPage');
const PhoneCounterPage = lazyPage(() => import('../pages/shop/phone-counter-page.tsx'), 'PhoneCounterPage');
// 事项 on the phone (H5): 随手拍, my reports, the grid check queue, my orders, a case.
const PhoneReportPage = lazyPage(() => import('../pages/cases/phone-report-page.tsx'), 'PhoneReportPage');
const PhoneMyCasesPage = lazyPage(() => import('../pages/cases/phone-cases-page.tsx'), 'PhoneMyCasesPage');
const PhoneCheckCasesPage = lazyPage(
  () => import('../pages/cases/phone-cases-page.tsx'),
  'PhoneCheckCasesPage',
);
const PhoneAssignedCasesPage = lazyPage(
  () => import('../pages/cases/phone-cases-page.tsx'),
  'PhoneAssignedCasesPage',
);
const PhoneCasePage = lazyPage(() => import('../pages/cases/phone-case-page.tsx'), 'PhoneCasePage');
// 公示栏: public pages, no session; their own light shell.
const BoardShell = lazyPage(() => import('../pages/board/board-shell.tsx'), 'BoardShell');
const BoardIndexPage = lazyPage(() => import('../pages/board/board-index-page.tsx'), 'BoardIndexPage');
const BoardPage = lazyPage(() => import('../pages/board/board-page.tsx'), 'BoardPage');
const BoardPostingPage = lazyPage(() => import('../pages/board/board-posting-page.tsx'), 'BoardPostingPage');
const BoardRulebookPage = lazyPage(
  () => import('../pages/board/board-rulebook-page.tsx'),
  'BoardRulebookPage',
);
// 暖心实项目 and 一事一策 (H4): the resident's phone list with ratings, and the public progress pages.
const PhoneProjectsPage = lazyPage(
  () => import('../pages/projects/phone-projects-page.tsx'),
  'PhoneProjectsPage',
);
const PublicProjectsPage = lazyPage(
  () => import('../pages/projects/public-projects-page.tsx'),
  'PublicProjectsPage',
);
const PublicPlanPage = lazyPage(() => import('../pages/projects/public-plan-page.tsx'), 'PublicPlanPage');
const BoardConventionPage = lazyPage(
  () => import('../pages/board/board-convention-page.tsx'),
  'BoardConventionPage',
);
// 表决 on the phone (H8): my motions, the ballot, the result.
const PhoneVotesPage = lazyPage(() => import('../pages/votes/phone-votes-page.tsx'), 'PhoneVotesPage');
const PhoneVotePage = lazyPage(() => import('../pages/votes/phone-vote-page.tsx'), 'PhoneVotePage');
const PublicVotePage = lazyPage(() => import('../pages/votes/public-vote-page.tsx'), 'PublicVotePage');
const PhoneInboxPage = lazyPage(() => import('../pages/inbox/phone-inbox-page.tsx'), 'PhoneInboxPage');

// 服务场所 on the phone (issue 7, V3): venues of my area with hours and this week's services.
const PhoneVenuesPage = lazyPage(() => import('../pages/venues/phone-venues-page.tsx'), 'PhoneVenuesPage');
// 志愿活动 on the phone (issue 7, V2): find and join, an activity, check-in/out, the organiser's QR, my hours.
const PhoneActivitiesPage = lazyPage(
  () => import('../pages/activities/phone-activities-page.tsx'),
  'PhoneActivitiesPage',
);
const PhoneActivityPage = lazyPage(
  () => import('../pages/activities/phone-activity-page.tsx'),
  'PhoneActivityPage',
);
const PhoneActivityScanPage = lazyPage(
  () => import('../pages/activities/phone-scan-page.tsx'),
  'PhoneActivityScanPage',
);
const PhoneActivityCodePage = lazyPage(
  () => import('../pages/activities/phone-code-page.tsx'),
  'PhoneActivityCodePage',
);
const PhoneHoursPage = lazyPage(() => import('../pages/activities/phone-hours-page.tsx'), 'PhoneHoursPage');

// 共享工具箱 on the phone (issue 7, V4): the catalogue of what is free, and my borrowed tools.
const PhoneToolboxPage = lazyPage(
  () => import('../pages/toolbox/phone-toolbox-page.tsx'),
  'PhoneToolboxPage',
);
const PhoneMyLoansPage = lazyPage(
  () => import('../pages/toolbox/phone-my-loans-page.tsx'),
  'PhoneMyLoansPage',
);
// 我的志愿者档案 (issue 7, V1): skills, free time, my teams, join a team.
const PhoneVolunteerProfilePage = lazyPage(
  () => import('../pages/volunteers/phone-profile-page.tsx'),
  'PhoneVolunteerProfilePage',
);

// 幸福家园合伙人 on the phone (issue 7, V5): cooperative projects, a project, become a partner, propose.
const PhonePartnerProjectsPage = lazyPage(
  () => import('../pages/partner-projects/phone-projects-page.tsx'),
  'PhonePartnerProjectsPage',
);
const PhonePartnerProjectPage = lazyPage(
  () => import('../pages/partner-projects/phone-project-page.tsx'),
  'PhoneProjectPage',
);
const PhonePartnerPage = lazyPage(
  () => import('../pages/partner-projects/phone-partner-page.tsx'),
  'PhonePartnerPage',
);
const PhoneProposePage = lazyPage(
  () => import('../pages/partner-projects/phone-propose-page.tsx'),
  'PhoneProposePage',
);

// 议事 on the phone (H7): my meetings, a meeting, check-in, the organiser's rotating code; the public outcome.
const PhoneMeetingsPage = lazyPage(
  () => import('../pages/meetings/phone-meetings-page.tsx'),
  'PhoneMeetingsPage',
);
const PhoneMeetingPage = lazyPage(
  () => import('../pages/meetings/phone-meeting-page.tsx'),
  'PhoneMeetingPage',
);
const PhoneCheckinPage = lazyPage(
  () => import('../pages/meetings/phone-checkin-page.tsx'),
  'PhoneCheckinPage',
);
const PhoneCodePage = lazyPage(() => import('../pages/meetings/phone-code-page.tsx'), 'PhoneCodePage');
const PublicOutcomePage = lazyPage(
  () => import('../pages/meetings/public-outcome-page.tsx'),
  'PublicOutcomePage',
);

const DutySheetPage = lazyPage(() => import('../pages/case-lists/duty-sheet-page.tsx'), 'DutySheetPage');

function HomeRedirect() {
  const session = useSession();
  if (session.isPending) return <FullPageLoading />;
  return <Navigate to={session.data ? homePath(session.data) : '/login'} replace />;
}

// Every page of an entry is guarded by the entry's permission, so a typed-in URL says "no access".
const adminRoutes = ADMIN_MENU.flatMap((entry) => {
  const guarded = (Page: typeof entry.page) => (
    <RequirePermission permission={entry.permission}>
      <Page />
    </RequirePermission>
  );
  return [
    entry.path === ''
      ? { index: true, element: guarded(entry.page) }
      : { path: entry.path, element: guarded(entry.page) },
    ...(entry.routes ?? []).map((r) => ({ path: r.path, element: guarded(r.page) })),
  ];
});

function phone(permission: Permission, Page: ComponentType) {
  return (
    <RequirePermission permission={permission}>
      <Page />
    </RequirePermission>
  );
}

const router = createBrowserRouter([
  { path: '/', Component: HomeRedirect },
  { path: '/login', Component: LoginPage },
  // A published vote's result, public (H8).
  { path: '/public/votes/:id', Component: PublicVotePage },
  {
    path: '/admin',
    element: (
      <RequireSession>
        <DesktopShell />
      </RequireSession>
    ),
    children: [...adminRoutes, { path: '*', Component: NotFoundPage }],
  },
  {
    path: '/m',
    element: (
      <RequireSession>
        <PhoneShell />
      </RequireSession>
    ),
    children: [
      { index: true, Component: PhoneHomePage },
      { path: 'households/:id', Component: PhoneHouseholdPage },
      { path: 'inbox', Component: PhoneInboxPage },
      { path: 'points', element: phone('points:read', PhoneMyPointsPage) },
      { path: 'points/declare', element: phone('points:declare', PhoneDeclarePage) },
      { path: 'points/declare/for', element: phone('points:check', PhoneDeclareForPage) },
      { path: 'points/claims/:id', element: phone('points:read', PhoneClaimPage) },
      { path: 'points/posting', element: phone('points:read', PhonePostingPage) },
      { path: 'points/check', element: phone('points:check', PhoneCheckPage) },
      { path: 'shop', element: phone('shop:read', PhoneShopPage) },
      { path: 'shop/items/:id', element: phone('shop:read', PhoneItemPage) },
      { path: 'shop/redemptions', element: phone('shop:redeem', PhoneRedemptionsPage) },
      { path: 'shop/redemptions/:id', element: phone('shop:redeem', PhoneVoucherPage) },
      // Provider staff (shop:fulfil) or community shop staff (shop:manage): the page checks either.
      { path: 'shop/counter', Component: PhoneCounterPage },
      { path: 'projects', element: phone('projects:rate', PhoneProjectsPage) },
      { path: 'cases', element: phone('cases:read', PhoneMyCasesPage) },
      { path: 'cases/report', element: phone('cases:report', PhoneReportPage) },
      { path: 'cases/check', element: phone('cases:check', PhoneCheckCasesPage) },
      { path: 'cases/assigned', element: phone('cases:read', PhoneAssignedCasesPage) },
      // A department whistled or an on-duty person alerted may open a case outside cases:read.
      { path: 'cases/:id', Component: PhoneCasePage },
      { path: 'meetings', element: phone('meetings:read', PhoneMeetingsPage) },
      { path: 'meetings/check-in', element: phone('meetings:attend', PhoneCheckinPage) },
      { path: 'meetings/:id', element: phone('meetings:read', PhoneMeetingPage) },
      { path: 'meetings/:id/check-in', element: phone('meetings:attend', PhoneCheckinPage) },
      { path: 'meetings/:id/code', element: phone('meetings:read', PhoneCodePage) },
      { path: 'votes', element: phone('votes:read', PhoneVotesPage) },
      { path: 'votes/:id', element: phone('votes:read', PhoneVotePage) },
      { path: 'toolbox', element: phone('toolbox:read', PhoneToolboxPage) },
      { path: 'toolbox/loans', element: phone('toolbox:read', PhoneMyLoansPage) },
      { path: 'partner-projects', element: phone('partner_projects:read', PhonePartnerProjectsPage) },
      { path: 'partner-projects/partner', element: phone('partner_projects:read', PhonePartnerPage) },
      { path: 'partner-projects/propose', element: phone('partner_projects:join', PhoneProposePage) },
      { path: 'partner-projects/:id', element: phone('partner_projects:read', PhonePartnerProjectPage) },
      { path: 'volunteer', element: phone('volunteers:join', PhoneVolunteerProfilePage) },
      { path: 'venues', element: phone('meetings:read', PhoneVenuesPage) },
      { path: 'activities', element: phone('volunteers:read', PhoneActivitiesPage) },
      { path: 'activities/scan', element: phone('volunteers:join', PhoneActivityScanPage) },
      { path: 'activities/hours', element: phone('volunteers:read', PhoneHoursPage) },
      { path: 'activities/:id', element: phone('volunteers:read', PhoneActivityPage) },
      { path: 'activities/:id/scan', element: phone('volunteers:join', PhoneActivityScanPage) },
      { path: 'activities/:id/code', element: phone('volunteers:read', PhoneActivityCodePage) },
      { path: '*', Component: NotFoundPage },
    ],
  },
  {
    path: '/board',
    Component: BoardShell,
    children: [
      { index: true, Component: BoardIndexPage },
      { path: ':communityId', Component: BoardPage },
      { path: ':communityId/postings/:id', Component: BoardPostingPage },
      { path: ':communityId/rulebook', Component: BoardRulebookPage },
      { path: ':communityId/convention', Component: BoardConventionPage },
      { path: 'meetings/:id', Component: PublicOutcomePage },
      { path: ':communityId/projects', Component: PublicProjectsPage },
      { path: 'plans/:id', Component: PublicPlanPage },
      { path: '*', Component: NotFoundPage },
    ],
  },
  // 部门职责清单 (H6): public and printable, posted at a compound's gate; no shell, no session.
  { path: '/public/duty-sheet/:compoundId', Component: DutySheetPage },
  { path: '*', Component: NotFoundPage },
]);

export function AppRouter() {
  return (
    <Suspense fallback={<FullPageLoading />}>
      <RouterProvider router={router} />
    </Suspense>
  );
}
