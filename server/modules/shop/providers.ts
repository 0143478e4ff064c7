import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit, loadPartnerUnit } from '../org/index.ts';
import { shopProvider } from './schema.ts';

export type ProviderRow = typeof shopProvider.$inferSelect;
export type ProviderRef = 'community' | 'partner_unit';

/** The provider row for a community's own counter or a partner unit, created on first use. */
export async function ensureProvider(
  tx: Executor,
  refType: ProviderRef,
  refId: string,
): Promise<ProviderRow> {
  const [found] = await tx.select().from(shopProvider).where(eq(shopProvider.refId, refId));
  if (found) return found;
  const owner =
    refType === 'community'
      ? await loadOrgUnit(tx, refId).then((u) => {
          if (u.kind !== 'community') throw new AppError('validation_failed', { field: 'refId' });
          return { districtId: u.districtId, orgUnitId: u.id, orgPath: u.path, name: `${u.name}积分超市` };
        })
      : await loadPartnerUnit(tx, refId).then((p) => ({
          districtId: p.districtId,
          orgUnitId: p.orgUnitId,
          orgPath: p.orgPath,
          name: p.name,
        }));
  await tx
    .insert(shopProvider)
    .values({ ...owner, refType, refId })
    .onConflictDoNothing();
  const [row] = await tx.select().from(shopProvider).where(eq(shopProvider.refId, refId));
  return row;
}

export async function loadProvider(db: Executor, id: string): Promise<ProviderRow> {
  const [row] = await db.select().from(shopProvider).where(eq(shopProvider.id, id));
  if (!row) throw new AppError('not_found');
  return row;
}

export async function providersById(db: Executor, ids: string[]): Promise<Map<string, ProviderRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(shopProvider).where(inArray(shopProvider.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The providers whose counter this actor staffs. */
export function staffedProviders(actor: Actor): string[] {
  return actor.grants.flatMap((g) => (g.role === 'provider_staff' && g.providerId ? [g.providerId] : []));
}

export function presentProvider(p: ProviderRow) {
  return {
    id: p.id,
    refType: p.refType as 'community',
    refId: p.refId,
    name: p.name,
    orgUnitId: p.orgUnitId,
  };
}
