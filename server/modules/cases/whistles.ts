import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  CaseKind,
  CaseOut,
  CaseState,
  whistleCreate,
  whistleQuery,
  whistleResultBody,
} from '../../../common/contracts/cases.ts';
import { type Executor, execRows } from '../../db/client.ts';
import { SYSTEM_ACTOR, can } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { SYSTEM_TRANSITIONS } from './case-machine.ts';
import {
  appendCaseEvent,
  authorizeSee,
  caseTarget,
  departmentsOf,
  loadCase,
  presentCase,
  whistledDepartments,
} from './cases.ts';
import { categoryFor } from './categories.ts';
import { caseWhistle, civicCase } from './schema.ts';
import { cancelTimers, meetTimers, startTimer } from './timers.ts';
import { presentWhistle } from './whistle-view.ts';

// 社区吹哨、部门报到: the community calls departments in; each reports in within the response SLA,
// acts and records its result; when all have, the case goes to the reporter for rating. A whistle not
// reported in by its response time, or not resolved by its deadline, escalates to the subdistrict.

const HOUR = 3_600_000;
type WhistleRow = typeof caseWhistle.$inferSelect;

/** Departments belong to the org module; read (never written) here by id. */
async function departmentById(db: Executor, id: string) {
  const [d] = await execRows<{ id: string; name: string; org_path: string }>(
    db,
    sql`select id, name, org_path from department where id = ${id}`,
  );
  return d ?? null;
}

export async function whistleCase(
  ctx: CommandContext,
  caseId: string,
  input: z.infer<typeof whistleCreate>,
): Promise<CaseOut> {
  const c = await loadCase(ctx.tx, caseId, true);
  authorizeSee(ctx.actor, c, await whistledDepartments(ctx.tx, caseId));
  if (!can(ctx.actor, 'cases:whistle', caseTarget(c))) throw new AppError('forbidden');
  const from: readonly CaseState[] = SYSTEM_TRANSITIONS.whistle.from;
  if (!from.includes(c.state as CaseState))
    throw new AppError('illegal_transition', { state: c.state, action: 'whistle' });
  const at = now();
  const deadline = new Date(input.deadline);
  if (deadline <= at) throw new AppError('validation_failed', { field: 'deadline' });
  const cat = await categoryFor(ctx.tx, c.orgPath, c.categoryCode, c.kind as CaseKind);
  const respondDueAt = new Date(Math.min(at.getTime() + cat.respondHours * HOUR, deadline.getTime()));
  const names: string[] = [];
  for (const departmentId of [...new Set(input.departmentIds)]) {
    const d = await departmentById(ctx.tx, departmentId);
    // A department serves the area under its own unit (the district's serve every community).
    if (!d || !c.orgPath.startsWith(d.org_path)) throw new AppError('department_unknown', { departmentId });
    const fresh = {
      summary: input.summary,
      deadline,
      respondDueAt,
      state: 'whistled',
      whistledBy: ctx.actor.userId,
      reportedInBy: null,
      reportedInAt: null,
      actionTaken: null,
      result: null,
      resolvedBy: null,
      resolvedAt: null,
      escalatedAt: null,
      escalatedToId: null,
    };
    // Whistling a department again (after a low rating) starts its report-in afresh.
    const [w] = await ctx.tx
      .insert(caseWhistle)
      .values({
        caseId,
        districtId: c.districtId,
        orgPath: c.orgPath,
        departmentId,
        departmentName: d.name,
        ...fresh,
      })
      .onConflictDoUpdate({ target: [caseWhistle.caseId, caseWhistle.departmentId], set: fresh })
      .returning({ id: caseWhistle.id });
    // The SLA engine: the department's report-in (respond) and its result by the deadline (resolve).
    await cancelTimers(ctx.tx, caseId, at, { whistleId: w.id });
    await startTimer(ctx.tx, { caseId, whistleId: w.id, kind: 'respond', dueAt: respondDueAt, at });
    await startTimer(ctx.tx, { caseId, whistleId: w.id, kind: 'resolve', dueAt: deadline, at });
    names.push(d.name);
  }
  const to = SYSTEM_TRANSITIONS.whistle.to;
  const [row] = await ctx.tx
    .update(civicCase)
    .set({ state: to, matterLevel: 'community', updatedAt: at })
    .where(eq(civicCase.id, caseId))
    .returning();
  const note = `吹哨：${names.join('、')}；${input.summary}`;
  await appendCaseEvent(ctx.tx, caseId, { action: 'whistle', from: c.state, to, actor: ctx.actor, note, at });
  await recordAudit(ctx, {
    action: 'cases.case_whistled',
    subjectType: 'case',
    subjectId: caseId,
    orgPath: c.orgPath,
    orgUnitId: c.orgUnitId,
    summary: note.slice(0, 200),
  });
  return presentCase(ctx.tx, ctx.actor, row);
}

/** A department's queue: only what was whistled to the actor's departments. */
export async function listWhistles({ actor, db }: QueryContext, q: z.infer<typeof whistleQuery>) {
  const mine = departmentsOf(actor);
  if (mine.length === 0) return { items: [] };
  const rows = await db
    .select({ w: caseWhistle, description: civicCase.description })
    .from(caseWhistle)
    .innerJoin(civicCase, eq(civicCase.id, caseWhistle.caseId))
    .where(and(inArray(caseWhistle.departmentId, mine), q.state ? eq(caseWhistle.state, q.state) : undefined))
    .orderBy(asc(caseWhistle.respondDueAt));
  return { items: rows.map((r) => ({ ...presentWhistle(r.w), caseDescription: r.description })) };
}

/** Loads a whistle for its department's staff; anyone else gets 404. */
async function whistleForDepartment(ctx: CommandContext, id: string): Promise<WhistleRow> {
  const [w] = await ctx.tx.select().from(caseWhistle).where(eq(caseWhistle.id, id));
  if (!w || !departmentsOf(ctx.actor).includes(w.departmentId)) throw new AppError('not_found');
  // Lock the case first, then the whistle: every command on a case takes its locks in that order.
  await loadCase(ctx.tx, w.caseId, true);
  const [locked] = await ctx.tx.select().from(caseWhistle).where(eq(caseWhistle.id, id)).for('update');
  return locked;
}

/** 部门报到: the department acknowledges the whistle. */
export async function reportIn(ctx: CommandContext, id: string, note?: string): Promise<CaseOut> {
  const w = await whistleForDepartment(ctx, id);
  if (w.state !== 'whistled') throw new AppError('whistle_not_pending');
  const at = now();
  await ctx.tx
    .update(caseWhistle)
    .set({ state: 'reported_in', reportedInBy: ctx.actor.userId, reportedInAt: at })
    .where(eq(caseWhistle.id, id));
  await meetTimers(ctx.tx, w.caseId, ['respond'], at, ctx.actor.userId, id);
  const c = await loadCase(ctx.tx, w.caseId);
  await appendCaseEvent(ctx.tx, c.id, {
    action: 'report_in',
    from: c.state,
    to: c.state,
    actor: ctx.actor,
    note: [`${w.departmentName} 报到`, note].filter(Boolean).join('：'),
    at,
  });
  await recordAudit(ctx, {
    action: 'cases.whistle_reported_in',
    subjectType: 'case_whistle',
    subjectId: id,
    orgPath: c.orgPath,
    summary: `${w.departmentName} 报到`,
  });
  return presentCase(ctx.tx, ctx.actor, c);
}

/** The department's action and result; the last result sends the case to the reporter for rating. */
export async function recordResult(
  ctx: CommandContext,
  id: string,
  input: z.infer<typeof whistleResultBody>,
): Promise<CaseOut> {
  const w = await whistleForDepartment(ctx, id);
  if (w.state !== 'reported_in')
    throw new AppError('illegal_transition', { state: w.state, action: 'record_result' });
  const at = now();
  await ctx.tx
    .update(caseWhistle)
    .set({
      state: 'resolved',
      actionTaken: input.actionTaken,
      result: input.result,
      resolvedBy: ctx.actor.userId,
      resolvedAt: at,
    })
    .where(eq(caseWhistle.id, id));
  await meetTimers(ctx.tx, w.caseId, ['resolve'], at, ctx.actor.userId, id);
  let c = await loadCase(ctx.tx, w.caseId);
  await appendCaseEvent(ctx.tx, c.id, {
    action: 'department_result',
    from: c.state,
    to: c.state,
    actor: ctx.actor,
    note: `${w.departmentName}：${input.actionTaken}；结果：${input.result}`,
    photoIds: input.photoIds,
    at,
  });
  await recordAudit(ctx, {
    action: 'cases.whistle_resolved',
    subjectType: 'case_whistle',
    subjectId: id,
    orgPath: c.orgPath,
    summary: `${w.departmentName} 办结：${input.result.slice(0, 80)}`,
  });
  const [pending] = await ctx.tx
    .select({ id: caseWhistle.id })
    .from(caseWhistle)
    .where(and(eq(caseWhistle.caseId, c.id), ne(caseWhistle.state, 'resolved')))
    .limit(1);
  const done = SYSTEM_TRANSITIONS.departments_done;
  if (!pending && c.state === done.from[0]) {
    [c] = await ctx.tx
      .update(civicCase)
      .set({ state: done.to, completedAt: at, updatedAt: at })
      .where(eq(civicCase.id, c.id))
      .returning();
    await appendCaseEvent(ctx.tx, c.id, {
      action: 'departments_done',
      from: done.from[0],
      to: done.to,
      actor: SYSTEM_ACTOR,
      note: '各部门均已办结，请报事人评价',
      at,
    });
  }
  return presentCase(ctx.tx, ctx.actor, c);
}

// Overdue whistles escalate to the subdistrict through the SLA engine: their report-in and result
// deadlines are timers (timers.ts), breached by the scheduler's scan (sla.ts).
