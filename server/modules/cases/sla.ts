import { and, asc, eq, inArray, isNull, lte, notInArray, sql } from 'drizzle-orm';
import type { Role } from '../../../common/roles.ts';
import type { Db, Executor, Tx } from '../../db/client.ts';
import { SYSTEM_ACTOR } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { type Notice, notify } from '../../platform/notify.ts';
import { roleGrant, userAccount } from '../../platform/schema.ts';
import { gridWorkerOf, pathIds } from '../org/index.ts';
import { appendCaseEvent } from './cases.ts';
import { caseTimer, caseWhistle, civicCase } from './schema.ts';
import type { TimerRow } from './timers.ts';

// The scan of the SLA engine and its escalation rules (issue 5 §11):
// - 网格核实 check, 接单 accept, 办结 resolve overdue → the holder of the case's level (grid worker,
//   assignee, building leader / compound secretary) and the community's staff;
// - a department's report-in (respond) or result (resolve) overdue → the subdistrict (吹哨 escalation),
//   and whoever whistled;
// - an emergency's 1分钟响应 (respond) or 5分钟到位 (arrive) breached → the community's staff and the
//   subdistrict's admins, on top of everyone first alerted.
// Exactly once: a breach is the conditional update `state = 'pending' → 'breached'` on the timer row,
// with the case row locked first (every command on a case locks it first, so a scan and an
// acknowledgement at the deadline queue instead of deadlocking) and notices carrying dedupe keys.

/**
 * Roles that work on a phone (the `/m` shell), as the web's session.ts decides: a user holding only
 * these gets phone links; anyone with another role works at a desk (`/admin`).
 */
const PHONE_ROLES: readonly Role[] = ['resident', 'grid_worker', 'provider_staff', 'safety_sentinel'];

/** Active users holding one of `roles` somewhere on the path down to `orgPath` (at it or above). */
export async function holdersOn(db: Executor, orgPath: string, roles: Role[]): Promise<string[]> {
  const rows = await db
    .selectDistinct({ userId: roleGrant.userId })
    .from(roleGrant)
    .innerJoin(userAccount, eq(userAccount.id, roleGrant.userId))
    .where(
      and(
        inArray(roleGrant.role, roles),
        sql`${orgPath} like ${roleGrant.orgPath} || '%'`,
        isNull(userAccount.disabledAt),
      ),
    );
  return rows.map((r) => r.userId);
}

/** The account of a person (a party member assignee), if they have one. */
async function userOfPerson(db: Executor, personId: string | null): Promise<string | null> {
  if (!personId) return null;
  const [u] = await db
    .select({ id: userAccount.id })
    .from(userAccount)
    .where(and(eq(userAccount.personId, personId), isNull(userAccount.disabledAt)))
    .limit(1);
  return u?.id ?? null;
}

/** The building of a case placed at a building (district/subdistrict/community/compound/building). */
export function buildingIdOf(orgPath: string): string | null {
  const ids = pathIds(orgPath);
  return ids.length === 5 ? ids[4] : null;
}

/**
 * Sends a notice about a case, each recipient with the link of the shell they use (`/admin/cases/…`
 * at a desk, `/m/cases/…` on the phone). Returns how many notices were new.
 */
export async function notifyAboutCase(
  tx: Executor,
  caseId: string,
  recipients: (string | null | undefined)[],
  n: Omit<Notice, 'recipients' | 'link' | 'subject'>,
): Promise<number> {
  const ids = [...new Set(recipients.filter((r): r is string => !!r))];
  if (ids.length === 0) return 0;
  const desk = new Set(
    (
      await tx
        .selectDistinct({ userId: roleGrant.userId })
        .from(roleGrant)
        .where(and(inArray(roleGrant.userId, ids), notInArray(roleGrant.role, [...PHONE_ROLES])))
    ).map((r) => r.userId),
  );
  const subject = { type: 'case', id: caseId };
  const toDesk = ids.filter((u) => desk.has(u));
  const toPhone = ids.filter((u) => !desk.has(u));
  let sent = 0;
  if (toDesk.length)
    sent += await notify(tx, { ...n, recipients: toDesk, link: `/admin/cases/${caseId}`, subject });
  if (toPhone.length)
    sent += await notify(tx, { ...n, recipients: toPhone, link: `/m/cases/${caseId}`, subject });
  return sent;
}

const KIND_NAMES: Record<string, string> = {
  check: '网格核实',
  accept: '接单',
  respond: '响应',
  arrive: '到位',
  resolve: '办结',
};

/** "90秒", "3分20秒", "2小时5分": how late, for the timeline and notices. */
export function spanText(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}秒`;
  if (s < 3600) return `${Math.floor(s / 60)}分${s % 60 ? `${s % 60}秒` : ''}`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${h}小时${m ? `${m}分` : ''}`;
}

/** `whistle`: this breach called the subdistrict in for a whistle for the first time. */
type Breach = { timer: TimerRow; whistle: boolean };

/** Breaches one due timer, or returns null when another scan or a command got there first. */
async function breachOne(tx: Tx, timerId: string, caseId: string, at: Date): Promise<Breach | null> {
  // The case first: a command holding it now (say an acknowledgement at the deadline) is skipped,
  // and the next scan, seconds later, sees its outcome.
  const [c] = await tx
    .select()
    .from(civicCase)
    .where(eq(civicCase.id, caseId))
    .for('update', { skipLocked: true });
  if (!c) return null;
  const [won] = await tx
    .update(caseTimer)
    .set({ state: 'breached', breachedAt: at })
    .where(and(eq(caseTimer.id, timerId), eq(caseTimer.state, 'pending'), lte(caseTimer.dueAt, at)))
    .returning();
  if (!won) return null;
  const late = spanText(at.getTime() - won.dueAt.getTime());
  const limit = spanText(won.dueAt.getTime() - won.startedAt.getTime());
  const ctx = { actor: SYSTEM_ACTOR, tx };
  const dedupeKey = `timer:${won.id}:breached`;

  if (won.whistleId) {
    // 吹哨报到: a department late to report in or to finish → the subdistrict is called in.
    const [w] = await tx.select().from(caseWhistle).where(eq(caseWhistle.id, won.whistleId));
    const subdistrictId = pathIds(w.orgPath)[1];
    await tx
      .update(caseWhistle)
      .set({
        escalatedAt: sql`coalesce(${caseWhistle.escalatedAt}, ${at.toISOString()}::timestamptz)`,
        escalatedToId: subdistrictId,
      })
      .where(eq(caseWhistle.id, w.id));
    await tx
      .update(civicCase)
      .set({ escalatedAt: sql`coalesce(${civicCase.escalatedAt}, ${at.toISOString()}::timestamptz)` })
      .where(eq(civicCase.id, c.id));
    const what = won.kind === 'respond' ? '超时未报到' : '超过办结期限';
    const note = `${w.departmentName}${what}（期限${limit}，已超${late}），已上报街道`;
    const subdistrictPath = `/${pathIds(c.orgPath).slice(0, 2).join('/')}/`;
    const recipients = [...(await holdersOn(tx, subdistrictPath, ['subdistrict_admin'])), w.whistledBy];
    await tx
      .update(caseTimer)
      .set({ escalatedTo: ['subdistrict'], notifiedUserIds: recipients.filter((r): r is string => !!r) })
      .where(eq(caseTimer.id, won.id));
    await appendCaseEvent(tx, c.id, {
      action: 'escalate',
      from: c.state,
      to: c.state,
      actor: SYSTEM_ACTOR,
      note,
      at,
    });
    await recordAudit(ctx, {
      action: 'cases.whistle_escalated',
      subjectType: 'case_whistle',
      subjectId: w.id,
      orgPath: c.orgPath,
      orgUnitId: subdistrictId,
      summary: note.slice(0, 200),
    });
    await notifyAboutCase(tx, c.id, recipients, {
      kind: 'cases.whistle_overdue',
      title: `吹哨事项逾期：${w.departmentName}${what}`,
      body: `${c.categoryName}：${c.description.slice(0, 80)}`,
      dedupeKey,
    });
    // A whistle counts as escalated once, though its report-in and its deadline may both pass.
    return { timer: won, whistle: w.escalatedAt === null };
  }

  const communityPath = `/${pathIds(c.orgPath).slice(0, 3).join('/')}/`;
  const staff = await holdersOn(tx, communityPath, ['community_staff']);
  let recipients: (string | null)[];
  let escalatedTo: string[];
  let note: string;
  let title: string;
  const emergency = c.kind === 'emergency' && (won.kind === 'respond' || won.kind === 'arrive');
  if (emergency) {
    const subdistrictPath = `/${pathIds(c.orgPath).slice(0, 2).join('/')}/`;
    const admins = await holdersOn(tx, subdistrictPath, ['subdistrict_admin']);
    recipients = [...won.notifiedUserIds, ...staff, ...admins];
    escalatedTo = ['community', 'subdistrict'];
    const what = won.kind === 'respond' ? `${limit}内无人响应` : `${limit}内无人到位`;
    note = `突发事件${what}（已超${late}），已上报社区和街道`;
    title = `【突发事件】${what}：${c.categoryName}`;
  } else {
    const level: (string | null)[] = [];
    if (won.kind === 'check') {
      const building = buildingIdOf(c.orgPath);
      level.push(building ? await gridWorkerOf(tx, building) : null);
    } else {
      level.push(await userOfPerson(tx, c.assigneePersonId), c.dispatcherUserId);
    }
    if (c.matterLevel === 'building') level.push(...(await holdersOn(tx, c.orgPath, ['building_leader'])));
    if (c.matterLevel === 'compound') level.push(...(await holdersOn(tx, c.orgPath, ['compound_secretary'])));
    recipients = [...level, ...staff];
    escalatedTo = ['level', 'community'];
    note = `${KIND_NAMES[won.kind]}超时（期限${limit}，已超${late}），已提醒责任人和社区`;
    title = `事项逾期：${c.categoryName}${KIND_NAMES[won.kind]}超时`;
  }
  const told = [...new Set(recipients.filter((r): r is string => !!r))];
  await tx
    .update(caseTimer)
    .set({ escalatedTo, notifiedUserIds: [...new Set([...won.notifiedUserIds, ...told])] })
    .where(eq(caseTimer.id, won.id));
  await appendCaseEvent(tx, c.id, {
    action: 'timer_breached',
    from: c.state,
    to: c.state,
    actor: SYSTEM_ACTOR,
    note,
    at,
  });
  await recordAudit(ctx, {
    action: 'cases.timer_breached',
    subjectType: 'case_timer',
    subjectId: won.id,
    orgPath: c.orgPath,
    orgUnitId: c.orgUnitId,
    summary: `${c.categoryName}：${note}`.slice(0, 200),
  });
  await notifyAboutCase(tx, c.id, told, {
    kind: emergency ? 'cases.emergency_overdue' : 'cases.overdue',
    title,
    body: `${c.categoryName}：${c.description.slice(0, 80)}`,
    urgent: emergency,
    dedupeKey,
  });
  return { timer: won, whistle: false };
}

/**
 * The scheduler's scan: breaches every pending timer due at `at`, each in its own transaction, once.
 * Safe on any number of nodes at once and after a restart (a timer is a row, so a fresh process
 * simply finds it). A timer whose case a command holds right now is left for the next scan.
 */
export async function scanTimers(db: Db, at: Date): Promise<{ breached: number; whistles: number }> {
  let breached = 0;
  let whistles = 0;
  const failures: unknown[] = [];
  const seen = new Set<string>();
  for (;;) {
    const due = await db
      .select({ id: caseTimer.id, caseId: caseTimer.caseId })
      .from(caseTimer)
      .where(and(eq(caseTimer.state, 'pending'), lte(caseTimer.dueAt, at)))
      .orderBy(asc(caseTimer.dueAt))
      .limit(200);
    const fresh = due.filter((d) => !seen.has(d.id));
    if (fresh.length === 0) break;
    for (const d of fresh) {
      seen.add(d.id);
      // One timer's failure (rolled back, so still pending) must not hold up the others.
      const b = await db
        .transaction((tx) => breachOne(tx, d.id, d.caseId, at))
        .catch((err: unknown) => {
          failures.push(err);
          return null;
        });
      if (!b) continue;
      breached += 1;
      if (b.whistle) whistles += 1;
    }
  }
  if (failures.length) throw new AggregateError(failures, `${failures.length} timer(s) failed to breach`);
  return { breached, whistles };
}
