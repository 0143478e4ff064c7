import { DesktopOutlined } from '@ant-design/icons';
import { Button, Skeleton } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate } from 'react-router';
import { LangSwitch } from '../components/lang-switch.tsx';
import { UserMenu } from '../components/user-menu.tsx';
import { InboxBell } from '../pages/inbox/inbox-bell.tsx';
import { Brand } from './brand.tsx';
import { canUseDesktop, useMe } from './session.ts';

/** The phone shell for residents and grid workers: one column, a sticky red bar, big touch targets. */
export function PhoneShell() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  return (
    <div className="linli-phone">
      <header className="linli-phone-header">
        <Link to="/m" aria-label={t('phone.home')}>
          <Brand compact />
        </Link>
        <div style={{ display: 'flex', alignItems: 'center', gap: 2 }}>
          {canUseDesktop(me) && (
            <Button
              type="text"
              icon={<DesktopOutlined />}
              onClick={() => navigate('/admin')}
              aria-label={t('shell.switchToDesktop')}
              data-testid="to-desktop"
            />
          )}
          <InboxBell to="/m/inbox" />
          <LangSwitch />
          <UserMenu compact />
        </div>
      </header>
      <main className="linli-phone-body">
        <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
