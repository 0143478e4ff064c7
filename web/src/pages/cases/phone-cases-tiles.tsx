import { AuditOutlined, CameraOutlined, FileSearchOutlined, SolutionOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can, useMe } from '../../app/session.ts';
import { type CaseQuery, caseKeys, casesApi } from './cases-api.ts';

/** The phone home's cases entry: 随手拍 and 我的报事 for reporters, 待核实 for the grid worker, 我的接单. */
export function PhoneCasesTiles() {
  const { t } = useTranslation();
  const me = useMe();
  const reporter = can(me, 'cases:report') && can(me, 'cases:read');
  const checker = can(me, 'cases:check');
  const assigned = useQueueCount('assigned', can(me, 'cases:accept') && !!me.user.personId);
  const toCheck = useQueueCount('check', checker);
  if (!reporter && !checker) return null;
  return (
    <section
      style={{ display: 'flex', flexDirection: 'column', gap: 12 }}
      aria-label={t('cases.tiles.section')}
    >
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('cases.tiles.section')}
      </Typography.Title>
      <div className="linli-tiles">
        {reporter && (
          <>
            <Tile
              to="/m/cases/report"
              icon={<CameraOutlined />}
              label={t('cases.tiles.report')}
              testId="tile-case-report"
            />
            <Tile
              to="/m/cases"
              icon={<FileSearchOutlined />}
              label={t('cases.tiles.mine')}
              testId="tile-case-mine"
            />
          </>
        )}
        {checker && (
          <Tile
            to="/m/cases/check"
            icon={
              <Badge count={toCheck} size="small" offset={[6, -2]}>
                <AuditOutlined style={{ fontSize: 24, color: '#c8161d' }} />
              </Badge>
            }
            label={t('cases.tiles.check')}
            testId="tile-case-check"
          />
        )}
        {assigned > 0 && (
          <Tile
            to="/m/cases/assigned"
            icon={
              <Badge count={assigned} size="small" offset={[6, -2]}>
                <SolutionOutlined style={{ fontSize: 24, color: '#c8161d' }} />
              </Badge>
            }
            label={t('cases.tiles.assigned')}
            testId="tile-case-assigned"
          />
        )}
      </div>
    </section>
  );
}

function useQueueCount(queue: 'check' | 'assigned', enabled: boolean): number {
  const q: CaseQuery = { queue, pageSize: 1 };
  const res = useQuery({ queryKey: caseKeys.list(q), queryFn: () => casesApi.list(q), enabled });
  return res.data?.total ?? 0;
}

function Tile({ to, icon, label, testId }: { to: string; icon: ReactNode; label: string; testId: string }) {
  return (
    <Link to={to} className="linli-tile" data-testid={testId}>
      <span className="linli-tile-icon">{icon}</span>
      <span>{label}</span>
    </Link>
  );
}
