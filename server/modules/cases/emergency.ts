import { and, eq, gt, lte } from 'drizzle-orm';
import type { z } from 'zod';
import type { CaseOut, checkInBody } from '../../../common/contracts/cases.ts';
import type { Executor } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { gridWorkerOf, gridWorkersUnder, pathIds } from '../org/index.ts';
import { appendCaseEvent, authorizeSee, loadCase, presentCase, whistledDepartments } from './cases.ts';
import { buildingIdOf, holdersOn, notifyAboutCase, spanText } from './sla.ts';
import { dutyRoster, type civicCase } from './schema.ts';
import {
  emergencyTimer,
  isResponder,
  meetTimers,
  startTimer,
  stillOwed,
  type TimerRow,
  timersOf,
} from './timers.ts';

// 突发事件: an emergency report alerts at once the building's grid worker, its building leaders, the
// compound's party secretary and safety sentinels (安全哨兵), and whoever is on the community's duty
// list (值班表) now; one of them must acknowledge within the category's respond target (1分钟响应 by
// default) and check in on site with a location or a photo within its arrive target (5分钟到位).
// Both are timers (timers.ts); a breach escalates to the community and the subdistrict (sla.ts).

type CaseRow = typeof civicCase.$inferSelect;

/** Who is on the community's duty list at `at`. */
export async function onDuty(db: Executor, communityId: string, at: Date): Promise<string[]> {
  const rows = await db
    .selectDistinct({ userId: dutyRoster.userId })
    .from(dutyRoster)
    .where(
      and(eq(dutyRoster.communityId, communityId), lte(dutyRoster.startsAt, at), gt(dutyRoster.endsAt, at)),
    );
  return rows.map((r) => r.userId);
}

/** The first responders of an emergency at the case's place. */
export async function firstResponders(db: Executor, c: CaseRow, at: Date): Promise<string[]> {
  const building = buildingIdOf(c.orgPath);
  const ids = [
    // The building's grid worker; for a compound, those of its buildings (a community: its staff on duty).
    ...(building
      ? [await gridWorkerOf(db, building)]
      : pathIds(c.orgPath).length === 4
        ? await gridWorkersUnder(db, c.orgPath)
        : []),
    // Grants on the place or above it: 1号楼's leaders, 幸福家园's secretary and sentinels.
    ...(await holdersOn(db, c.orgPath, ['building_leader', 'compound_secretary', 'safety_sentinel'])),
    ...(await onDuty(db, c.communityId, at)),
  ];
  return [...new Set(ids.filter((x): x is string => !!x))];
}

/** Starts an emergency's two timers and alerts its first responders, in the report's transaction. */
export async function raiseEmergency(
  ctx: CommandContext,
  c: CaseRow,
  targets: { respondSeconds: number; arriveSeconds: number },
  at: Date,
): Promise<void> {
  const responders = (await firstResponders(ctx.tx, c, at)).filter((u) => u !== c.reporterUserId);
  const due = (s: number) => new Date(at.getTime() + s * 1000);
  await startTimer(ctx.tx, {
    caseId: c.id,
    kind: 'respond',
    dueAt: due(targets.respondSeconds),
    at,
    notifiedUserIds: responders,
  });
  await startTimer(ctx.tx, {
    caseId: c.id,
    kind: 'arrive',
    dueAt: due(targets.arriveSeconds),
    at,
    notifiedUserIds: responders,
  });
  const sent = await notifyAboutCase(ctx.tx, c.id, responders, {
    kind: 'cases.emergency',
    title: `【突发事件】${c.categoryName}：请${spanText(targets.respondSeconds * 1000)}内响应`,
    body: `${c.description.slice(0, 120)}${c.address ? `（${c.address}）` : ''}`,
    urgent: true,
    dedupeKey: `case:${c.id}:emergency`,
  });
  await appendCaseEvent(ctx.tx, c.id, {
    action: 'emergency_alert',
    from: c.state,
    to: c.state,
    actor: ctx.actor,
    note: `已通知 ${sent} 人；须${spanText(targets.respondSeconds * 1000)}内响应、${spanText(targets.arriveSeconds * 1000)}内到位`,
    at,
  });
}

/** Loads an emergency for a responder: out of sight → 404, seen but not a responder → 403. */
async function forResponder(ctx: CommandContext, id: string): Promise<{ c: CaseRow; timers: TimerRow[] }> {
  const c = await loadCase(ctx.tx, id, true);
  const timers = await timersOf(ctx.tx, id);
  if (!isResponder(ctx.actor, c, timers)) {
    authorizeSee(ctx.actor, c, await whistledDepartments(ctx.tx, id));
    throw new AppError('forbidden');
  }
  if (c.kind !== 'emergency') throw new AppError('case_not_emergency');
  return { c, timers };
}

/** 1分钟响应: someone alerted (or answering emergencies in scope) takes it on. */
export async function acknowledgeEmergency(ctx: CommandContext, id: string, note?: string): Promise<CaseOut> {
  const { c, timers } = await forResponder(ctx, id);
  const respond = emergencyTimer(timers, 'respond');
  if (!respond || !stillOwed(respond)) throw new AppError('emergency_step_done');
  const at = now();
  await meetTimers(ctx.tx, id, ['respond'], at, ctx.actor.userId);
  const took = spanText(at.getTime() - respond.startedAt.getTime());
  const text = respond.state === 'breached' ? `已响应（用时${took}，已超时）` : `已响应（用时${took}）`;
  await appendCaseEvent(ctx.tx, id, {
    action: 'acknowledge',
    from: c.state,
    to: c.state,
    actor: ctx.actor,
    note: [text, note].filter(Boolean).join('：'),
    at,
  });
  await recordAudit(ctx, {
    action: 'cases.emergency_acknowledged',
    subjectType: 'case',
    subjectId: id,
    orgPath: c.orgPath,
    orgUnitId: c.orgUnitId,
    summary: `突发事件${text}`,
  });
  return presentCase(ctx.tx, ctx.actor, c);
}

/** 5分钟到位: on site, shown by a location or a photo; being there also answers the alert. */
export async function checkInEmergency(
  ctx: CommandContext,
  id: string,
  input: z.infer<typeof checkInBody>,
): Promise<CaseOut> {
  const { c, timers } = await forResponder(ctx, id);
  const arrive = emergencyTimer(timers, 'arrive');
  if (!arrive || !stillOwed(arrive)) throw new AppError('emergency_step_done');
  const at = now();
  await meetTimers(ctx.tx, id, ['respond', 'arrive'], at, ctx.actor.userId);
  const took = spanText(at.getTime() - arrive.startedAt.getTime());
  const text = arrive.state === 'breached' ? `已到位（用时${took}，已超时）` : `已到位（用时${took}）`;
  const where =
    input.lat !== undefined && input.lng !== undefined
      ? `定位 ${input.lat.toFixed(6)}, ${input.lng.toFixed(6)}`
      : null;
  await appendCaseEvent(ctx.tx, id, {
    action: 'check_in',
    from: c.state,
    to: c.state,
    actor: ctx.actor,
    note: [text, where, input.note].filter(Boolean).join('；'),
    photoIds: input.photoIds,
    at,
  });
  await recordAudit(ctx, {
    action: 'cases.emergency_checked_in',
    subjectType: 'case',
    subjectId: id,
    orgPath: c.orgPath,
    orgUnitId: c.orgUnitId,
    summary: `突发事件${text}`,
  });
  return presentCase(ctx.tx, ctx.actor, c);
}
