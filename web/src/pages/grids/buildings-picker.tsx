import { useQuery } from '@tanstack/react-query';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { orgApi } from '../../api/org.ts';

/**
 * Buildings of one community, grouped by compound, with check boxes. A community has a few dozen
 * buildings, so the two levels are fetched at once; the value is building ids only.
 */
export function BuildingsPicker({
  communityId,
  value,
  onChange,
}: {
  communityId?: string;
  value?: string[];
  onChange?: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const tree = useQuery({
    queryKey: ['org-units', communityId, 'buildings-by-compound'],
    enabled: !!communityId,
    queryFn: async () => {
      const compounds = await orgApi.children(communityId!);
      const buildings = await Promise.all(compounds.map((c) => orgApi.children(c.id)));
      return compounds.map((c, i) => ({
        value: `compound:${c.id}`,
        title: c.name,
        children: buildings[i].map((b) => ({ value: b.id, title: `${b.name}（${b.householdCount}）` })),
      }));
    },
  });
  return (
    <TreeSelect
      treeCheckable
      showCheckedStrategy={TreeSelect.SHOW_CHILD}
      disabled={!communityId}
      loading={tree.isFetching}
      treeData={tree.data ?? []}
      value={value}
      // Compound nodes only group their buildings; their synthetic ids never leave this component.
      onChange={(ids: string[]) => onChange?.(ids.filter((id) => !id.startsWith('compound:')))}
      placeholder={communityId ? t('grid.pickBuildings') : t('grid.pickCommunityFirst')}
      maxTagCount="responsive"
      style={{ width: '100%' }}
      treeDefaultExpandAll
    />
  );
}
