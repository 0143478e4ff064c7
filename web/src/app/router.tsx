import { Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
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

const router = createBrowserRouter([
  { path: '/', Component: HomeRedirect },
  { path: '/login', Component: LoginPage },
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
      { path: '*', Component: NotFoundPage },
    ],
  },
  { path: '*', Component: NotFoundPage },
]);

export function AppRouter() {
  return (
    <Suspense fallback={<FullPageLoading />}>
      <RouterProvider router={router} />
    </Suspense>
  );
}
