import { AppstoreOutlined, ToolOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toolboxApi, toolboxKeys } from '../../api/toolbox.ts';
import { can, useMe } from '../../app/session.ts';
import { Tile, TileSection } from '../../components/phone-tiles.tsx';

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
    <TileSection title={t('toolbox.title')}>
      <Tile
        to="/m/toolbox"
        icon={<AppstoreOutlined />}
        label={t('toolbox.tileCatalogue')}
        testId="tile-toolbox"
      />
      <Tile
        to="/m/toolbox/loans"
        icon={<ToolOutlined />}
        label={t('toolbox.tileMine')}
        hint={n > 0 ? t('toolbox.tileMineHint', { count: n }) : null}
        testId="tile-my-loans"
      />
    </TileSection>
  );
}
