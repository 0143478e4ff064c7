import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { FullPageError, FullPageLoading } from '../components/full-page-state.tsx';
import { useSession } from './session.ts';

/** Renders children only for a signed-in user; otherwise to the login page, remembering where we were. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <FullPageLoading />;
  if (session.isError) return <FullPageError error={session.error} onRetry={() => session.refetch()} />;
  if (!session.data) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  return children;
}
