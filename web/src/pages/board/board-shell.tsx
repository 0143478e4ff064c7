import { Skeleton } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { Brand } from '../../app/brand.tsx';
import { LangSwitch } from '../../components/lang-switch.tsx';

/**
 * 公示栏: the public board's own shell. No session is asked for or used: anyone (a resident scanning the
 * printed QR code) sees what the server's masked, public endpoints return.
 */
export function BoardShell() {
  const { t } = useTranslation();
  return (
    <div className="linli-board">
      <header className="linli-board-header linli-no-print">
        <Link to="/board" aria-label={t('board.index')}>
          <Brand />
        </Link>
        <LangSwitch />
      </header>
      <main className="linli-board-body">
        <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="linli-board-footer">{t('board.footer')}</footer>
    </div>
  );
}
