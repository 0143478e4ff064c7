import { and, asc, count, eq, ilike, ne, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  PartnerUnitKind,
  PartnerUnitOut,
  partnerUnitCreate,
  partnerUnitQuery,
  partnerUnitUpdate,
} from '../../../common/contracts/partners.ts';
import type { Executor } from '../../db/client.ts';
import { type Actor, allowedActions, authorize, scopeCondition, type Target } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit, nameOrgUnits, underUnit } from './org-units.ts';
import { partnerUnit } from './schema.ts';

export type PartnerUnitRow = typeof partnerUnit.$inferSelect;

export function partnerUnitTarget(p: PartnerUnitRow): Target {
  return { orgPath: p.orgPath };
}

export async function loadPartnerUnit(db: Executor, id: string, lock = false): Promise<PartnerUnitRow> {
  const q = db.select().from(partnerUnit).where(eq(partnerUnit.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

async function present(db: Executor, actor: Actor, rows: PartnerUnitRow[]): Promise<PartnerUnitOut[]> {
  const units = await nameOrgUnits(db, [...new Set(rows.map((r) => r.orgUnitId))]);
  return rows.map((p) => ({
    id: p.id,
    orgUnitId: p.orgUnitId,
    orgUnitName: units.get(p.orgUnitId) ?? '',
    name: p.name,
    kind: p.kind as PartnerUnitKind,
    contactName: p.contactName,
    contactPhone: p.contactPhone,
    services: p.services,
    createdAt: p.createdAt.toISOString(),
    allowed: allowedActions(actor, partnerUnitTarget(p), ['partner:write']),
  }));
}

/** Search by name or by what the unit offers ("义诊", "法律"). */
export async function listPartnerUnits({ actor, db }: QueryContext, q: z.infer<typeof partnerUnitQuery>) {
  const where: (SQL | undefined)[] = [scopeCondition(actor, 'partner:read', partnerUnit.orgPath)];
  if (q.orgUnitId) where.push(await underUnit(db, partnerUnit.orgPath, q.orgUnitId));
  if (q.q) where.push(or(ilike(partnerUnit.name, `%${q.q}%`), ilike(partnerUnit.services, `%${q.q}%`)));
  const cond = and(...where);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select()
      .from(partnerUnit)
      .where(cond)
      .orderBy(asc(partnerUnit.orgPath), asc(partnerUnit.name), asc(partnerUnit.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(partnerUnit).where(cond),
  ]);
  return { items: await present(db, actor, rows), total: n, page: q.page, pageSize: q.pageSize };
}

async function assertNameFree(db: Executor, orgUnitId: string, name: string, self?: string) {
  const [dup] = await db
    .select({ id: partnerUnit.id })
    .from(partnerUnit)
    .where(
      and(
        eq(partnerUnit.orgUnitId, orgUnitId),
        eq(partnerUnit.name, name),
        self ? ne(partnerUnit.id, self) : undefined,
      ),
    );
  if (dup) throw new AppError('duplicate_name', { partnerUnitId: dup.id });
}

export async function createPartnerUnit(
  ctx: CommandContext,
  input: z.infer<typeof partnerUnitCreate>,
): Promise<PartnerUnitOut> {
  const community = await loadOrgUnit(ctx.tx, input.orgUnitId);
  authorize(ctx.actor, 'partner:write', { orgPath: community.path });
  if (community.kind !== 'community') throw new AppError('not_a_community');
  await assertNameFree(ctx.tx, community.id, input.name);
  const [row] = await ctx.tx
    .insert(partnerUnit)
    .values({
      districtId: community.districtId,
      orgUnitId: community.id,
      orgPath: community.path,
      name: input.name,
      kind: input.kind,
      contactName: input.contactName ?? null,
      contactPhone: input.contactPhone ?? null,
      services: input.services ?? null,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'org.partner_unit_created',
    subjectType: 'partner_unit',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: community.id,
    summary: `「${community.name}」新增共建单位「${row.name}」`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}

export async function updatePartnerUnit(
  ctx: CommandContext,
  id: string,
  patch: z.infer<typeof partnerUnitUpdate>,
): Promise<PartnerUnitOut> {
  const p = await loadPartnerUnit(ctx.tx, id, true);
  authorize(ctx.actor, 'partner:write', partnerUnitTarget(p));
  if (patch.name !== undefined && patch.name !== p.name)
    await assertNameFree(ctx.tx, p.orgUnitId, patch.name, p.id);
  const changed = (Object.keys(patch) as (keyof typeof patch)[]).filter((k) => (patch[k] ?? null) !== p[k]);
  if (changed.length === 0) return (await present(ctx.tx, ctx.actor, [p]))[0];
  const [row] = await ctx.tx.update(partnerUnit).set(patch).where(eq(partnerUnit.id, id)).returning();
  await recordAudit(ctx, {
    action: 'org.partner_unit_updated',
    subjectType: 'partner_unit',
    subjectId: id,
    orgPath: p.orgPath,
    orgUnitId: p.orgUnitId,
    summary: `修改共建单位「${p.name}」：${changed.map((k) => FIELD_LABEL[k]).join('、')}`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}

const FIELD_LABEL: Record<keyof z.infer<typeof partnerUnitUpdate>, string> = {
  name: '名称',
  kind: '类型',
  contactName: '联系人',
  contactPhone: '联系电话',
  services: '服务内容',
};
