import { and, asc, count, desc, eq, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  LoanOut,
  LoanState,
  ReturnCondition,
  ToolCategory,
  extendBody,
  lendBody,
  loanQuery,
  returnBody,
} from '../../../common/contracts/toolbox.ts';
import { type Executor, readAll } from '../../db/client.ts';
import { type Actor, allowedActions, can, scopeCondition } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { homeOf, loadPerson } from '../org/index.ts';
import { venueNames } from '../venues/index.ts';
import { authorizeLend } from './access.ts';
import { addDays, daysBetween, today } from './dates.ts';
import { tool, toolLoan, toolLoanEvent } from './schema.ts';
import { loadTool } from './tools.ts';

export type LoanRow = typeof toolLoan.$inferSelect;
type LoanAction = LoanOut['actions'][number];

export async function loadLoan(db: Executor, id: string, lock = false): Promise<LoanRow> {
  const q = db.select().from(toolLoan).where(eq(toolLoan.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

/** Staff see the loans of the stations they lend at; a resident sees their own. */
function loanVisible(actor: Actor): SQL {
  const parts: SQL[] = [scopeCondition(actor, 'toolbox:lend', toolLoan.orgPath)];
  if (actor.personId) parts.push(eq(toolLoan.personId, actor.personId));
  return or(...parts)!;
}

const isBorrower = (actor: Actor, l: LoanRow) => !!actor.personId && actor.personId === l.personId;
const lends = (actor: Actor, l: LoanRow) => can(actor, 'toolbox:lend', { orgPath: l.orgPath });

/** Not the actor's loan nor at their station → 404 (we never confirm it exists). */
function requireVisible(actor: Actor, l: LoanRow) {
  if (!isBorrower(actor, l) && !lends(actor, l)) throw new AppError('not_found');
}

function actionsFor(actor: Actor, l: LoanRow): LoanAction[] {
  if (l.state !== 'out') return [];
  const staff = lends(actor, l);
  const out: LoanAction[] = [];
  if (staff) out.push('return');
  // The borrower may ask for the one extension from the phone; staff may grant it at the desk.
  if (!l.extended && (staff || isBorrower(actor, l))) out.push('extend');
  if (staff) out.push('lost');
  return out;
}

async function present(db: Executor, actor: Actor, rows: LoanRow[]): Promise<LoanOut[]> {
  if (rows.length === 0) return [];
  const toolIds = [...new Set(rows.map((r) => r.toolId))];
  const [tools, events] = await readAll(db, [
    () => db.select().from(tool).where(inArray(tool.id, toolIds)),
    () =>
      db
        .select()
        .from(toolLoanEvent)
        .where(
          inArray(
            toolLoanEvent.loanId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(toolLoanEvent.at)),
  ] as const);
  const toolBy = new Map(tools.map((t) => [t.id, t]));
  const venues = await venueNames(
    db,
    tools.map((t) => t.venueId),
  );
  const day = today();
  return rows.map((r) => {
    const t = toolBy.get(r.toolId)!;
    const overdue = r.state === 'out' && r.dueDate < day;
    const returnedDay = r.returnedAt ? today(r.returnedAt) : null;
    return {
      id: r.id,
      toolId: r.toolId,
      toolName: t.name,
      category: t.category as ToolCategory,
      venueName: venues.get(t.venueId) ?? '',
      personId: r.personId,
      borrowerName: r.borrowerName,
      state: r.state as LoanState,
      lentAt: r.lentAt.toISOString(),
      lentByName: r.lentByName,
      dueDate: r.dueDate,
      overdue,
      daysOverdue: overdue ? daysBetween(r.dueDate, day) : 0,
      extended: r.extended,
      returnedAt: r.returnedAt?.toISOString() ?? null,
      returnCondition: r.returnCondition as ReturnCondition | null,
      late: returnedDay !== null && returnedDay > r.dueDate,
      note: r.note,
      events: events
        .filter((e) => e.loanId === r.id)
        .map((e) => ({ action: e.action, actorName: e.actorName, note: e.note, at: e.at.toISOString() })),
      allowed: allowedActions(actor, { orgPath: r.orgPath }, ['toolbox:lend']),
      actions: actionsFor(actor, r),
    };
  });
}

export async function listLoans({ actor, db }: QueryContext, q: z.infer<typeof loanQuery>) {
  const where: (SQL | undefined)[] = [loanVisible(actor)];
  if (q.mine) where.push(actor.personId ? eq(toolLoan.personId, actor.personId) : sql`false`);
  if (q.toolId) where.push(eq(toolLoan.toolId, q.toolId));
  if (q.personId) where.push(eq(toolLoan.personId, q.personId));
  if (q.state === 'overdue') where.push(and(eq(toolLoan.state, 'out'), lt(toolLoan.dueDate, today())));
  else if (q.state) where.push(eq(toolLoan.state, q.state));
  if (q.q) {
    const like = `%${q.q}%`;
    where.push(
      or(
        ilike(toolLoan.borrowerName, like),
        sql`${toolLoan.toolId} in (select ${tool.id} from ${tool} where ${ilike(tool.name, like)})`,
      ),
    );
  }
  const cond = and(...where);
  const [rows, [{ n }]] = await readAll(db, [
    () =>
      db
        .select()
        .from(toolLoan)
        .where(cond)
        // Loans out first, the longest overdue first; then the rest, newest first.
        .orderBy(
          sql`case when ${toolLoan.state} = 'out' then 0 else 1 end`,
          sql`case when ${toolLoan.state} = 'out' then ${toolLoan.dueDate} end asc`,
          desc(toolLoan.lentAt),
          asc(toolLoan.id),
        )
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
    () => db.select({ n: count() }).from(toolLoan).where(cond),
  ] as const);
  return { items: await present(db, actor, rows), total: n, page: q.page, pageSize: q.pageSize };
}

export async function getLoan({ actor, db }: QueryContext, id: string): Promise<LoanOut> {
  const l = await loadLoan(db, id);
  requireVisible(actor, l);
  return (await present(db, actor, [l]))[0];
}

async function appendEvent(ctx: CommandContext, l: LoanRow, action: string, toState: string, note?: string) {
  await ctx.tx.insert(toolLoanEvent).values({
    loanId: l.id,
    action,
    fromState: action === 'lent' ? null : l.state,
    toState,
    actorUserId: ctx.actor.userId,
    actorName: ctx.actor.displayName,
    note: note ?? null,
    at: now(),
  });
}

/**
 * Lends one unit. The tool row is locked for the whole transaction, so concurrent lends of its last
 * unit queue behind each other and the second finds none free; the table's check is the backstop.
 */
export async function lend(ctx: CommandContext, input: z.infer<typeof lendBody>): Promise<LoanOut> {
  const t = await loadTool(ctx.tx, input.toolId, true);
  authorizeLend(ctx.actor, t);
  if (!t.active) throw new AppError('tool_retired');
  const person = await loadPerson(ctx.tx, input.personId);
  const home = await homeOf(ctx.tx, person.id);
  if (!home || home.communityPath !== t.communityPath) throw new AppError('borrower_outside_community');
  const day = today();
  const dueDate = input.dueDate ?? addDays(day, t.loanDays);
  if (dueDate < day || daysBetween(day, dueDate) > 90) throw new AppError('loan_due_invalid');
  if (t.unitsOut >= t.stock) throw new AppError('tool_unavailable', { stock: t.stock });
  await ctx.tx
    .update(tool)
    .set({ unitsOut: sql`${tool.unitsOut} + 1` })
    .where(eq(tool.id, t.id));
  const [row] = await ctx.tx
    .insert(toolLoan)
    .values({
      districtId: t.districtId,
      toolId: t.id,
      orgPath: t.orgPath,
      communityPath: t.communityPath,
      personId: person.id,
      borrowerName: person.name,
      state: 'out',
      lentAt: now(),
      lentBy: ctx.actor.userId,
      lentByName: ctx.actor.displayName,
      dueDate,
      note: input.note ?? null,
    })
    .returning();
  await appendEvent(ctx, row, 'lent', 'out', `应还日期 ${dueDate}${input.note ? `；${input.note}` : ''}`);
  await recordAudit(ctx, {
    action: 'toolbox.lent',
    subjectType: 'tool_loan',
    subjectId: row.id,
    orgPath: t.orgPath,
    orgUnitId: t.orgUnitId,
    summary: `借出「${t.name}」给${person.name}，应还日期 ${dueDate}`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}

/** The loan, locked, still out, and the actor lending staff over it (404/403 otherwise). */
async function openLoan(ctx: CommandContext, id: string, staffOnly: boolean) {
  const l = await loadLoan(ctx.tx, id, true);
  requireVisible(ctx.actor, l);
  if (staffOnly && !lends(ctx.actor, l)) throw new AppError('forbidden');
  if (l.state !== 'out') throw new AppError('loan_returned', { state: l.state });
  return l;
}

export async function returnLoan(
  ctx: CommandContext,
  id: string,
  input: z.infer<typeof returnBody>,
): Promise<LoanOut> {
  const l = await openLoan(ctx, id, true);
  const t = await loadTool(ctx.tx, l.toolId, true);
  const damaged = input.condition === 'damaged';
  // A damaged unit comes back but leaves the stock until it is repaired (staff add it back).
  await ctx.tx
    .update(tool)
    .set({
      unitsOut: sql`${tool.unitsOut} - 1`,
      ...(damaged
        ? {
            stock: sql`${tool.stock} - 1`,
            conditionNotes: `${t.conditionNotes ? `${t.conditionNotes}\n` : ''}${today()} 归还时损坏，待修${
              input.note ? `：${input.note}` : ''
            }`,
          }
        : {}),
    })
    .where(eq(tool.id, t.id));
  const [row] = await ctx.tx
    .update(toolLoan)
    .set({ state: 'returned', returnedAt: now(), returnCondition: input.condition })
    .where(eq(toolLoan.id, id))
    .returning();
  await appendEvent(
    ctx,
    l,
    'returned',
    'returned',
    [CONDITION_ZH[input.condition], input.note].filter(Boolean).join('；'),
  );
  await recordAudit(ctx, {
    action: 'toolbox.returned',
    subjectType: 'tool_loan',
    subjectId: id,
    orgPath: l.orgPath,
    summary: `${l.borrowerName}归还「${t.name}」（${CONDITION_ZH[input.condition]}）`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}

const CONDITION_ZH: Record<ReturnCondition, string> = { good: '完好', worn: '有磨损', damaged: '损坏' };

export async function extendLoan(
  ctx: CommandContext,
  id: string,
  input: z.infer<typeof extendBody>,
): Promise<LoanOut> {
  const l = await openLoan(ctx, id, false);
  if (l.extended) throw new AppError('extend_once');
  const t = await loadTool(ctx.tx, l.toolId);
  // From the due date, or from today when already overdue: an extension never lands in the past.
  const from = [l.dueDate, today()].sort()[1];
  const dueDate = addDays(from, input.days ?? t.loanDays);
  const [row] = await ctx.tx
    .update(toolLoan)
    .set({ extended: true, dueDate })
    .where(eq(toolLoan.id, id))
    .returning();
  await appendEvent(ctx, l, 'extended', 'out', `应还日期 ${l.dueDate} → ${dueDate}`);
  await recordAudit(ctx, {
    action: 'toolbox.extended',
    subjectType: 'tool_loan',
    subjectId: id,
    orgPath: l.orgPath,
    summary: `「${t.name}」续借一次（${l.borrowerName}），应还日期 ${l.dueDate} → ${dueDate}`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}

/** Lost: the unit never comes back; it leaves both the units out and the stock. */
export async function markLost(ctx: CommandContext, id: string, note: string): Promise<LoanOut> {
  const l = await openLoan(ctx, id, true);
  const t = await loadTool(ctx.tx, l.toolId, true);
  await ctx.tx
    .update(tool)
    .set({ unitsOut: sql`${tool.unitsOut} - 1`, stock: sql`${tool.stock} - 1` })
    .where(eq(tool.id, t.id));
  const [row] = await ctx.tx
    .update(toolLoan)
    .set({ state: 'lost', note: l.note ? `${l.note}；${note}` : note })
    .where(eq(toolLoan.id, id))
    .returning();
  await appendEvent(ctx, l, 'lost', 'lost', note);
  await recordAudit(ctx, {
    action: 'toolbox.lost',
    subjectType: 'tool_loan',
    subjectId: id,
    orgPath: l.orgPath,
    summary: `「${t.name}」登记遗失（${l.borrowerName}）：${note}`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}
