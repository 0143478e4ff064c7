import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  ClusterOutlined,
  DashboardOutlined,
  FileExcelOutlined,
  FlagOutlined,
  HomeOutlined,
  ShopOutlined,
  UserOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { ComponentType, LazyExoticComponent } from 'react';
import type { Permission } from '../../../common/permissions.ts';
import type { zhCN } from '../i18n/zh-CN.ts';
import { lazyPage } from './lazy-page.ts';

type MenuLabel = `menu.${Exclude<keyof typeof zhCN.menu, 'group'>}`;
type Page = LazyExoticComponent<ComponentType>;

export type MenuGroup = 'overview' | 'org' | 'party' | 'system';

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
];

export function visibleMenu(permissions: readonly Permission[]): MenuEntry[] {
  return ADMIN_MENU.filter((e) => !e.permission || permissions.includes(e.permission));
}

/** The entry a location belongs to: the longest matching path prefix. */
export function activeEntry(pathname: string): MenuEntry | undefined {
  const rel = pathname.replace(/^\/admin\/?/, '');
  const first = rel.split('/')[0] ?? '';
  return ADMIN_MENU.find((e) => e.path === first) ?? (first === '' ? ADMIN_MENU[0] : undefined);
}
