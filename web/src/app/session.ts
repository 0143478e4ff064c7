import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Permission } from '../../../common/permissions.ts';
import type { Role } from '../../../common/roles.ts';
import { fetchMe, login, logout, type Me } from '../api/auth.ts';

export const sessionKey = ['session'] as const;

/** The signed-in user (`null` when signed out); `undefined` only while the first check runs. */
export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** For components rendered inside RequireSession, where a user is guaranteed. */
export function useMe(): Me {
  const { data } = useSession();
  if (!data) throw new Error('useMe() outside a signed-in route');
  return data;
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      // Whatever was cached belonged to the previous user.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
      qc.setQueryData(sessionKey, me);
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      qc.clear();
      qc.setQueryData(sessionKey, null);
    },
  });
}

export function can(me: Me | null | undefined, p: Permission): boolean {
  return !!me?.permissions.includes(p);
}

const PHONE_ROLES: readonly Role[] = ['resident', 'grid_worker', 'provider_staff', 'safety_sentinel'];

/** Residents, grid workers, safety sentinels and providers' counter staff work on a phone; everyone else at a desk. */
export function isPhoneFirst(me: Me): boolean {
  return me.roles.length > 0 && me.roles.every((r) => PHONE_ROLES.includes(r.role));
}

/** Residents and providers' counter staff have nothing to do on the desktop shell. */
export function canUseDesktop(me: Me): boolean {
  return me.roles.some((r) => r.role !== 'resident' && r.role !== 'provider_staff');
}

/** A provider's counter staff only fulfil vouchers (核销): the counter is their home page. */
export function isCounterStaff(me: Me): boolean {
  return me.roles.length > 0 && me.roles.every((r) => r.role === 'provider_staff');
}

export function hasRole(me: Me, role: Role): boolean {
  return me.roles.some((r) => r.role === role);
}

/** A department's staff answer whistles (吹哨报到): their queue is their home page. */
export function isDepartmentStaff(me: Me): boolean {
  return me.roles.length > 0 && me.roles.every((r) => r.role === 'department_staff');
}

export function homePath(me: Me): string {
  if (isCounterStaff(me)) return '/m/shop/counter';
  if (isDepartmentStaff(me)) return '/admin/cases/whistles';
  return isPhoneFirst(me) ? '/m' : '/admin';
}
