import { OrgUnitPicker } from '../../components/org-unit-picker.tsx';
import { useSearchState } from '../../components/use-search-state.ts';
import { useMyCommunity } from './use-my-community.ts';

/**
 * The community a desktop page works on: the one in the URL, else the user's own. Users above a
 * community (subdistrict, district) choose one with the picker this returns.
 */
export function useCommunityChoice(placeholder: string) {
  const { values, update } = useSearchState(['communityId'] as const);
  const { community, isPending } = useMyCommunity();
  const communityId = values.communityId ?? community?.id;
  const picker = (
    <OrgUnitPicker
      value={communityId}
      onChange={(id) => update({ communityId: id })}
      selectableKinds={['community']}
      allowClear={false}
      placeholder={placeholder}
      initialLabel={communityId && communityId === community?.id ? community.name : undefined}
      style={{ width: 260 }}
    />
  );
  return { communityId, isPending: !values.communityId && isPending, picker };
}
