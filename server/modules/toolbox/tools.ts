import { and, asc, count, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  TOOL_CATEGORIES,
  type ToolCategory,
  type ToolOut,
  type toolIn,
  type toolQuery,
  type toolUpdate,
} from '../../../common/contracts/toolbox.ts';
import { type Executor, readAll } from '../../db/client.ts';
import { type Actor, allowedActions } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { communityPathOf, nameOrgUnits } from '../org/index.ts';
import { loadVenue, type VenueRow } from '../venues/index.ts';
import { authorizeLend, placedVisible, seesPlaced } from './access.ts';
import { today } from './dates.ts';
import { tool, toolLoan } from './schema.ts';

export type ToolRow = typeof tool.$inferSelect;

/** Ladders first, then drills … as the categories are listed, not alphabetically by code. */
const CATEGORY_ORDER = sql`array_position(array[${sql.join(
  TOOL_CATEGORIES.map((c) => sql`${c}`),
  sql`, `,
)}]::text[], ${tool.category})`;

export async function loadTool(db: Executor, id: string, lock = false): Promise<ToolRow> {
  const q = db.select().from(tool).where(eq(tool.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

export const toolVisible = (actor: Actor) => placedVisible(actor, tool.orgPath, tool.communityPath);

async function present(db: Executor, actor: Actor, rows: ToolRow[]): Promise<ToolOut[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const day = today();
  const venueIds = [...new Set(rows.map((r) => r.venueId))];
  const [venues, names, due] = await readAll(db, [
    async () => {
      const out: VenueRow[] = [];
      for (const id of venueIds) out.push(await loadVenue(db, id));
      return out;
    },
    () => nameOrgUnits(db, [...new Set(rows.map((r) => r.orgUnitId))]),
    () =>
      db
        .select({
          toolId: toolLoan.toolId,
          next: sql<string | null>`min(${toolLoan.dueDate})`,
          overdue: sql<number>`count(*) filter (where ${toolLoan.dueDate} < ${day})::int`,
        })
        .from(toolLoan)
        .where(and(inArray(toolLoan.toolId, ids), eq(toolLoan.state, 'out')))
        .groupBy(toolLoan.toolId),
  ] as const);
  const venueById = new Map<string, VenueRow>(venues.map((v) => [v.id, v]));
  const dueBy = new Map(due.map((d) => [d.toolId, d]));
  return rows.map((r) => {
    const v = venueById.get(r.venueId)!;
    const d = dueBy.get(r.id);
    const free = r.active ? Math.max(0, r.stock - r.unitsOut) : 0;
    return {
      id: r.id,
      name: r.name,
      category: r.category as ToolCategory,
      venueId: r.venueId,
      venueName: v.name,
      venueAddress: v.address,
      openingHours: [hoursText(v), v.openingHours].filter(Boolean).join('；'),
      orgUnitId: r.orgUnitId,
      orgUnitName: names.get(r.orgUnitId) ?? '',
      stock: r.stock,
      unitsOut: r.unitsOut,
      unitsFree: free,
      nextDueBack: free === 0 ? (d?.next ?? null) : null,
      overdueCount: d?.overdue ?? 0,
      loanDays: r.loanDays,
      depositNote: r.depositNote,
      conditionNotes: r.conditionNotes,
      active: r.active,
      allowed: allowedActions(actor, { orgPath: r.orgPath }, ['toolbox:lend']),
    };
  });
}

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** A station's weekly hours in words: "周一至周五 09:00–17:30；周六 09:00–12:00" (the pick-up times). */
export function hoursText(v: Pick<VenueRow, 'weeklyHours'>): string {
  const byDay = new Map<number, string>();
  for (let d = 1; d <= 7; d++) {
    const spans = v.weeklyHours
      .filter((h) => h.weekday === d)
      .sort((a, b) => a.open.localeCompare(b.open))
      .map((h) => `${h.open}–${h.close}`);
    if (spans.length) byDay.set(d, spans.join('、'));
  }
  const parts: string[] = [];
  for (let d = 1; d <= 7; d++) {
    const text = byDay.get(d);
    if (!text) continue;
    let last = d;
    while (last < 7 && byDay.get(last + 1) === text) last++;
    parts.push(
      `${last === d ? `周${WEEKDAYS[d - 1]}` : `周${WEEKDAYS[d - 1]}至周${WEEKDAYS[last - 1]}`} ${text}`,
    );
    d = last;
  }
  return parts.join('；');
}

export async function presentTool(db: Executor, actor: Actor, row: ToolRow): Promise<ToolOut> {
  return (await present(db, actor, [row]))[0];
}

export async function listTools({ actor, db }: QueryContext, q: z.infer<typeof toolQuery>) {
  const where: (SQL | undefined)[] = [toolVisible(actor)];
  if (!q.includeRetired) where.push(eq(tool.active, true));
  if (q.category) where.push(eq(tool.category, q.category));
  if (q.venueId) where.push(eq(tool.venueId, q.venueId));
  if (q.q) where.push(ilike(tool.name, `%${q.q}%`));
  if (q.available) where.push(and(eq(tool.active, true), sql`${tool.unitsOut} < ${tool.stock}`));
  const cond = and(...where);
  const [rows, [{ n }]] = await readAll(db, [
    () =>
      db
        .select()
        .from(tool)
        .where(cond)
        .orderBy(CATEGORY_ORDER, asc(tool.name), asc(tool.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
    () => db.select({ n: count() }).from(tool).where(cond),
  ] as const);
  return { items: await present(db, actor, rows), total: n, page: q.page, pageSize: q.pageSize };
}

export async function getTool({ actor, db }: QueryContext, id: string): Promise<ToolOut> {
  const row = await loadTool(db, id);
  if (!seesPlaced(actor, row)) throw new AppError('not_found');
  return presentTool(db, actor, row);
}

export async function createTool(ctx: CommandContext, input: z.infer<typeof toolIn>): Promise<ToolOut> {
  const v = await loadVenue(ctx.tx, input.venueId);
  const communityPath = communityPathOf(v.orgPath);
  if (!communityPath) throw new AppError('validation_failed', { field: 'venueId' });
  authorizeLend(ctx.actor, { orgPath: v.orgPath, communityPath });
  if (!v.active) throw new AppError('validation_failed', { field: 'venueId', reason: 'venue inactive' });
  const [row] = await ctx.tx
    .insert(tool)
    .values({
      ...input,
      districtId: v.districtId,
      orgUnitId: v.orgUnitId,
      orgPath: v.orgPath,
      communityPath,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'toolbox.tool_added',
    subjectType: 'tool',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: row.orgUnitId,
    summary: `共享工具箱添加「${row.name}」${row.stock} 件，存放于${v.name}`,
  });
  return presentTool(ctx.tx, ctx.actor, row);
}

export async function updateTool(
  ctx: CommandContext,
  id: string,
  patch: z.infer<typeof toolUpdate>,
): Promise<ToolOut> {
  const t = await loadTool(ctx.tx, id, true);
  authorizeLend(ctx.actor, t);
  if (patch.stock !== undefined && patch.stock < t.unitsOut)
    throw new AppError('tool_stock_below_out', { unitsOut: t.unitsOut });
  const [row] = await ctx.tx.update(tool).set(patch).where(eq(tool.id, id)).returning();
  const what = patch.active === false ? '（停用）' : patch.active === true ? '（恢复出借）' : '';
  await recordAudit(ctx, {
    action: patch.active === false ? 'toolbox.tool_retired' : 'toolbox.tool_updated',
    subjectType: 'tool',
    subjectId: id,
    orgPath: t.orgPath,
    orgUnitId: t.orgUnitId,
    summary: `修改工具「${t.name}」：${Object.keys(patch).join('、')}${what}${
      patch.stock !== undefined && patch.stock !== t.stock ? `（库存 ${t.stock} → ${patch.stock}）` : ''
    }`,
  });
  return presentTool(ctx.tx, ctx.actor, row);
}
