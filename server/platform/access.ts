import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Permission } from '../../common/permissions.ts';
import { ROLE_PERMISSIONS, type Role } from '../../common/roles.ts';
import { AppError } from './errors.ts';

export type Grant = {
  role: Role;
  orgUnitId: string;
  orgPath: string;
  householdId: string | null;
  departmentId: string | null;
  providerId?: string | null;
};

/** Who is acting: the signed-in user with their grants, or the system (scheduler, seed, CLI). */
export type Actor = {
  userId: string | null;
  displayName: string;
  personId: string | null;
  grants: Grant[];
  sessionId: string | null;
};

/** Where an object sits: its org path and, for household-bound rows, the households it belongs to. */
export type Target = { orgPath: string; householdIds?: readonly string[] };

function reaches(g: Grant, t: Target): boolean {
  if (!t.orgPath.startsWith(g.orgPath)) return false;
  // A resident reaches only rows of their own household, never the rest of the building.
  if (g.role === 'resident') return !!g.householdId && (t.householdIds ?? []).includes(g.householdId);
  return true;
}

export function hasPermission(g: Grant, p: Permission): boolean {
  return ROLE_PERMISSIONS[g.role].includes(p);
}

/** Does the actor hold `p` anywhere? The coarse, route-level check. */
export function holdsAnywhere(actor: Actor, p: Permission): boolean {
  return actor.grants.some((g) => hasPermission(g, p));
}

export function can(actor: Actor, p: Permission, t: Target): boolean {
  return actor.grants.some((g) => reaches(g, t) && hasPermission(g, p));
}

/**
 * The object-level check. Not visible to the actor at all → 404 (we never confirm it exists);
 * visible but this action is not theirs → 403.
 */
export function authorize(actor: Actor, p: Permission, t: Target): void {
  const visible = actor.grants.filter((g) => reaches(g, t));
  if (visible.length === 0) throw new AppError('not_found');
  if (!visible.some((g) => hasPermission(g, p))) throw new AppError('forbidden');
}

/** Is the object visible at all (any grant reaches it)? */
export function sees(actor: Actor, t: Target): boolean {
  return actor.grants.some((g) => reaches(g, t));
}

/** Which of `candidates` the actor may do to this object, for the UI's buttons. */
export function allowedActions(actor: Actor, t: Target, candidates: readonly Permission[]): Permission[] {
  return candidates.filter((p) => can(actor, p, t));
}

/**
 * The SQL form of `can(actor, p, row)`, for lists: rows under a grant's path, and for resident grants
 * only their household (`householdOf` maps a household id to a condition on the row).
 */
export function scopeCondition(
  actor: Actor,
  p: Permission,
  pathColumn: AnyPgColumn | SQL,
  householdOf?: (householdId: string) => SQL,
): SQL {
  const parts: SQL[] = [];
  for (const g of actor.grants) {
    if (!hasPermission(g, p)) continue;
    if (g.role === 'resident') {
      if (g.householdId && householdOf) parts.push(householdOf(g.householdId));
      continue;
    }
    parts.push(sql`${pathColumn} like ${`${g.orgPath}%`}`);
  }
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** The district an org path belongs to: its first segment. */
export function districtOf(orgPath: string): string {
  const id = orgPath.split('/')[1];
  if (!id) throw new Error(`not an org path: ${orgPath}`);
  return id;
}

export const SYSTEM_ACTOR: Actor = {
  userId: null,
  displayName: '系统',
  personId: null,
  grants: [],
  sessionId: null,
};
