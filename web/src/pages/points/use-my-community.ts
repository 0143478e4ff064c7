import { useQuery } from '@tanstack/react-query';
import { orgApi, orgKeys } from '../../api/org.ts';
import { useMe } from '../../app/session.ts';

export type MyCommunity = { id: string; name: string } | null;

/**
 * The community the signed-in user belongs to: a resident's through their household, anyone else's
 * through their first grant (a community, or a compound or building inside one). Null for grants
 * above a community (subdistrict, district): those pages ask which community.
 */
export function useMyCommunity(): { community: MyCommunity; isPending: boolean } {
  const me = useMe();
  const householdId = me.roles.find((r) => r.role === 'resident' && r.householdId)?.householdId ?? null;
  const unitId = householdId ? null : (me.roles[0]?.orgUnitId ?? null);
  const household = useQuery({
    queryKey: orgKeys.household(householdId ?? ''),
    queryFn: () => orgApi.household(householdId!),
    enabled: !!householdId,
    staleTime: 5 * 60_000,
  });
  const unit = useQuery({
    queryKey: orgKeys.unit(unitId ?? ''),
    queryFn: () => orgApi.unit(unitId!),
    enabled: !!unitId,
    staleTime: 5 * 60_000,
  });
  if (householdId) {
    const c = household.data?.trail.find((u) => u.kind === 'community');
    return { community: c ? { id: c.id, name: c.name } : null, isPending: household.isPending };
  }
  if (!unitId) return { community: null, isPending: false };
  const u = unit.data;
  if (!u) return { community: null, isPending: unit.isPending };
  if (u.kind === 'community') return { community: { id: u.id, name: u.name }, isPending: false };
  const c = u.trail.find((x) => x.kind === 'community');
  return { community: c ? { id: c.id, name: c.name } : null, isPending: false };
}
