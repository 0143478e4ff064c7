import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Permission } from '../../../common/permissions.ts';
import { type Actor, type Grant, hasPermission } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';

// Who sees a plan or a project. A list belongs to a community (or a subdistrict), yet the people of
// the community's compounds and buildings (secretaries, building leaders) read it too, and a
// community reads its subdistrict's list: so a staff grant reaches a list at its own unit, below it,
// or at one of its unit's ancestors. A sibling community is none of these (404).

const staffGrants = (actor: Actor) => actor.grants.filter((g) => g.role !== 'resident');

/** "/d/s/c/" → ["/d/", "/d/s/", "/d/s/c/"]. */
export function pathAndAncestors(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
}

function touches(g: Grant, orgPath: string): boolean {
  return orgPath.startsWith(g.orgPath) || g.orgPath.startsWith(orgPath);
}

/** 404 when no grant of the actor reaches the list, 403 when one does but `p` is not theirs there. */
export function authorizeList(actor: Actor, p: Permission, orgPath: string): void {
  const visible = staffGrants(actor).filter((g) => touches(g, orgPath) && hasPermission(g, 'projects:read'));
  if (visible.length === 0) throw new AppError('not_found');
  if (p === 'projects:read') return;
  // Managing needs a grant at the list's unit or above it.
  if (!visible.some((g) => orgPath.startsWith(g.orgPath) && hasPermission(g, p)))
    throw new AppError('forbidden');
}

export function mayManage(actor: Actor, orgPath: string): boolean {
  return staffGrants(actor).some((g) => orgPath.startsWith(g.orgPath) && hasPermission(g, 'projects:manage'));
}

/** The SQL form of authorizeList(actor, 'projects:read', row). */
export function readScope(actor: Actor, pathColumn: AnyPgColumn): SQL {
  const parts: SQL[] = [];
  for (const g of staffGrants(actor)) {
    if (!hasPermission(g, 'projects:read')) continue;
    parts.push(sql`${pathColumn} like ${`${g.orgPath}%`}`);
    const ancestors = pathAndAncestors(g.orgPath);
    parts.push(
      sql`${pathColumn} in (${sql.join(
        ancestors.map((a) => sql`${a}`),
        sql`, `,
      )})`,
    );
  }
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** What the UI may offer on a visible plan or project. */
export function allowedOn(actor: Actor, orgPath: string): Permission[] {
  return mayManage(actor, orgPath) ? ['projects:read', 'projects:manage'] : ['projects:read'];
}
