import { MobileOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Result, Skeleton, Tooltip } from 'antd';
import { createElement, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { LangSwitch } from '../components/lang-switch.tsx';
import { UserMenu } from '../components/user-menu.tsx';
import { InboxBell } from '../pages/inbox/inbox-bell.tsx';
import { Brand } from './brand.tsx';
import { activeEntry, MENU_GROUPS, visibleMenu } from './menu.ts';
import { canUseDesktop, hasRole, homePath, useMe } from './session.ts';

/** The admin shell: red header, a Sider menu built from ADMIN_MENU, pages in the content area. */
export function DesktopShell() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);

  const items = useMemo(() => {
    const entries = visibleMenu(me.permissions);
    return MENU_GROUPS.map((g) => ({
      key: g.key,
      type: 'group' as const,
      label: t(g.label),
      children: entries
        .filter((e) => e.group === g.key)
        .map((e) => ({ key: e.key, icon: createElement(e.icon), label: t(e.label) })),
    })).filter((g) => g.children.length > 0);
  }, [me.permissions, t]);

  // A resident's home is the phone shell (a provider's, its counter); a desktop page typed in by one
  // says "no access" instead.
  if (!canUseDesktop(me)) {
    if (/^\/admin\/?$/.test(location.pathname)) return <Navigate to={homePath(me)} replace />;
    return (
      <div className="linli-fill-center" style={{ minHeight: '100vh' }} data-testid="forbidden">
        <Result
          status="403"
          title={t('common.forbidden')}
          subTitle={t('common.forbiddenHint')}
          extra={
            <Button type="primary" onClick={() => navigate(homePath(me), { replace: true })}>
              {t('common.backHome')}
            </Button>
          }
        />
      </div>
    );
  }
  const active = activeEntry(location.pathname);
  const fieldWorker = hasRole(me, 'grid_worker') || hasRole(me, 'resident');

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="linli-header">
        <Brand />
        <div className="linli-header-actions">
          {fieldWorker && (
            <Tooltip title={t('shell.switchToPhoneHint')}>
              <Button
                type="text"
                icon={<MobileOutlined />}
                onClick={() => navigate('/m')}
                data-testid="to-phone"
              >
                {t('shell.switchToPhone')}
              </Button>
            </Tooltip>
          )}
          <InboxBell to="/admin/inbox" />
          <LangSwitch />
          <UserMenu />
        </div>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          theme="light"
          width={208}
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          className="linli-sider"
        >
          <Menu
            mode="inline"
            items={items}
            selectedKeys={active ? [active.key] : []}
            onClick={({ key }) => {
              const entry = visibleMenu(me.permissions).find((e) => e.key === key);
              if (entry) navigate(`/admin/${entry.path}`);
            }}
            style={{ borderInlineEnd: 0, paddingTop: 8 }}
          />
        </Layout.Sider>
        <Layout.Content className="linli-content">
          <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
