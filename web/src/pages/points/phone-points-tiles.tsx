import {
  AuditOutlined,
  FileAddOutlined,
  NotificationOutlined,
  TrophyOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { pointsApi, pointsKeys } from '../../api/points.ts';
import { can, hasRole, useMe } from '../../app/session.ts';
import { Tile } from '../../components/phone-tiles.tsx';

/** The phone home's points entry: a resident's balance and shortcuts, a grid worker's queue. */
export function PhonePointsTiles() {
  const { t } = useTranslation();
  const me = useMe();
  const resident = hasRole(me, 'resident') && !!me.user.personId;
  const checker = can(me, 'points:check');
  if (!resident && !checker) return null;
  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 12 }} aria-label={t('phone.points')}>
      {resident && <BalanceCard />}
      <div className="linli-tiles">
        {resident && (
          <>
            <Tile to="/m/points" icon={<TrophyOutlined />} label={t('phone.tileMine')} testId="tile-mine" />
            <Tile
              to="/m/points/declare"
              icon={<FileAddOutlined />}
              label={t('phone.tileDeclare')}
              testId="tile-declare"
            />
          </>
        )}
        {checker && <CheckTile />}
        {checker && (
          <Tile
            to="/m/points/declare/for"
            icon={<UserAddOutlined />}
            label={t('phone.tileDeclareFor')}
            testId="tile-declare-for"
          />
        )}
        <Tile
          to="/m/points/posting"
          icon={<NotificationOutlined />}
          label={t('phone.tilePosting')}
          testId="tile-posting"
        />
      </div>
    </section>
  );
}

function BalanceCard() {
  const { t } = useTranslation();
  const account = useQuery({ queryKey: pointsKeys.me, queryFn: pointsApi.me });
  return (
    <Link to="/m/points" style={{ color: 'inherit' }}>
      <Card className="linli-balance-card" styles={{ body: { padding: 16 } }}>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.85)' }}>
          {t('phone.pointsBalance')}
        </Typography.Text>
        <div className="linli-balance" data-testid="home-balance">
          {account.data?.balance ?? '—'}
          <span className="linli-balance-unit">{t('phone.pointsUnit')}</span>
        </div>
      </Card>
    </Link>
  );
}

function CheckTile() {
  const { t } = useTranslation();
  const q = { queue: 'check' as const, pageSize: 1 };
  const queue = useQuery({ queryKey: [...pointsKeys.claims, q], queryFn: () => pointsApi.claims(q) });
  return (
    <Tile
      to="/m/points/check"
      icon={<AuditOutlined />}
      badge={queue.data?.total ?? 0}
      label={t('phone.tileCheck')}
      testId="tile-check"
    />
  );
}
