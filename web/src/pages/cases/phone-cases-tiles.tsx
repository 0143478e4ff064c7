import { AuditOutlined, CameraOutlined, FileSearchOutlined, SolutionOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { can, useMe } from '../../app/session.ts';
import { Tile, TileSection } from '../../components/phone-tiles.tsx';
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
    <TileSection title={t('cases.tiles.section')}>
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
          icon={<AuditOutlined />}
          badge={toCheck}
          label={t('cases.tiles.check')}
          testId="tile-case-check"
        />
      )}
      {assigned > 0 && (
        <Tile
          to="/m/cases/assigned"
          icon={<SolutionOutlined />}
          badge={assigned}
          label={t('cases.tiles.assigned')}
          testId="tile-case-assigned"
        />
      )}
    </TileSection>
  );
}

function useQueueCount(queue: 'check' | 'assigned', enabled: boolean): number {
  const q: CaseQuery = { queue, pageSize: 1 };
  const res = useQuery({ queryKey: caseKeys.list(q), queryFn: () => casesApi.list(q), enabled });
  return res.data?.total ?? 0;
}
