import { AppstoreOutlined, ToolOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { toolboxApi, toolboxKeys } from '../../api/toolbox.ts';
import { can, useMe } from '../../app/session.ts';

/** The phone home's 共享工具箱 entry: the catalogue, and my borrowed tools with how many are out. */
export function PhoneToolboxTiles() {
  const { t } = useTranslation();
  const me = useMe();
  const resident = can(me, 'toolbox:read') && !!me.user.personId;
  const out = useQuery({
    queryKey: [...toolboxKeys.loans, 'mine', 'count'],
    queryFn: () => toolboxApi.loans({ mine: true, state: 'out', pageSize: 1 }),
    enabled: resident,
  });
  if (!resident) return null;
  const n = out.data?.total ?? 0;
  return (
    <section style={{ display: 'flex', flexDirection: 'column', gap: 8 }} aria-label={t('toolbox.title')}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('toolbox.title')}
      </Typography.Title>
      <div className="linli-tiles">
        <Link to="/m/toolbox" className="linli-tile" data-testid="tile-toolbox">
          <span className="linli-tile-icon">
            <AppstoreOutlined />
          </span>
          <span>{t('toolbox.tileCatalogue')}</span>
        </Link>
        <Link to="/m/toolbox/loans" className="linli-tile" data-testid="tile-my-loans">
          <span className="linli-tile-icon">
            <ToolOutlined />
          </span>
          <span>{t('toolbox.tileMine')}</span>
          {n > 0 && <span className="linli-muted">{t('toolbox.tileMineHint', { count: n })}</span>}
        </Link>
      </div>
    </section>
  );
}
