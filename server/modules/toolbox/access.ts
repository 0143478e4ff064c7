import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type Actor, can, hasPermission } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';

type Placed = { orgPath: string; communityPath: string };

/**
 * Who sees a tool: anyone with toolbox:read over its station's unit (staff above it), and anyone whose
 * grant lies inside the tool's community (residents of any building there, a compound's secretary).
 */
export function placedVisible(actor: Actor, orgPath: AnyPgColumn, communityPath: AnyPgColumn): SQL {
  const parts: SQL[] = [];
  for (const g of actor.grants) {
    if (!hasPermission(g, 'toolbox:read')) continue;
    parts.push(sql`${orgPath} like ${`${g.orgPath}%`}`, sql`${g.orgPath} like ${communityPath} || '%'`);
  }
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}

export function seesPlaced(actor: Actor, row: Placed): boolean {
  return actor.grants.some(
    (g) =>
      hasPermission(g, 'toolbox:read') &&
      (row.orgPath.startsWith(g.orgPath) || g.orgPath.startsWith(row.communityPath)),
  );
}

/** Lending staff over the tool's station: unseen → 404, seen but not staff there → 403. */
export function authorizeLend(actor: Actor, row: Placed): void {
  if (!seesPlaced(actor, row)) throw new AppError('not_found');
  if (!can(actor, 'toolbox:lend', { orgPath: row.orgPath })) throw new AppError('forbidden');
}
