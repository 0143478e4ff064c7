import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { notification, roleGrant, userAccount } from '../../platform/schema.ts';
import { caseEvent, caseTimer } from './schema.ts';
import { scanTimers } from './sla.ts';

// On PostgreSQL: scans racing each other, and an acknowledgement racing the scan at the deadline.
let t: TestApp;
let building: string;
let cookies: { tian: string; leader: string };
beforeAll(async () => {
  expect(process.env.DATABASE_URL).toMatch(/^postgres/);
  t = await testApp();
  const [leader] = await t.db.select().from(userAccount).where(eq(userAccount.phone, '13900000010'));
  const [grant] = await t.db.select().from(roleGrant).where(eq(roleGrant.userId, leader.id));
  building = grant.orgUnitId;
  cookies = { tian: await t.login('13900000007'), leader: await t.login('13900000010') };
});
afterAll(async () => {
  expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  await t.close();
});

async function emergency(description: string): Promise<{ id: string; respondDue: Date }> {
  const r = await t.call({
    method: 'POST',
    url: '/api/cases',
    cookie: cookies.tian,
    body: { kind: 'emergency', categoryCode: 'emergency', description, orgUnitId: building },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const respond = r.body.timers.find((x: { kind: string }) => x.kind === 'respond');
  return { id: r.body.id, respondDue: new Date(respond.dueAt) };
}

describe('SLA races on PostgreSQL', () => {
  it('six scans at once breach each due timer once and notify each person once', async () => {
    const cases = [await emergency('地下车库冒烟'), await emergency('电梯困人'), await emergency('燃气泄漏')];
    const ids = cases.map((c) => c.id);
    // Past every respond and arrive deadline (5 minutes), before the 1-hour check.
    const at = new Date(Math.max(...cases.map((c) => c.respondDue.getTime())) + 300_000);
    const runs = await Promise.all(Array.from({ length: 6 }, () => scanTimers(t.db, at)));
    const timers = await t.db.select().from(caseTimer).where(inArray(caseTimer.caseId, ids));
    const breached = timers.filter((x) => x.state === 'breached');
    expect(breached.map((x) => x.kind).sort()).toEqual([
      'arrive',
      'arrive',
      'arrive',
      'respond',
      'respond',
      'respond',
    ]);
    // The runs together breached exactly the timers due at `at` (other demo timers included).
    const allBreachedNow = await t.db.select().from(caseTimer).where(eq(caseTimer.breachedAt, at));
    expect(runs.reduce((n, r) => n + r.breached, 0)).toBe(allBreachedNow.length);
    const events = await t.db
      .select()
      .from(caseEvent)
      .where(and(inArray(caseEvent.caseId, ids), eq(caseEvent.action, 'timer_breached')));
    expect(events).toHaveLength(6);
    const notices = await t.db
      .select()
      .from(notification)
      .where(and(inArray(notification.subjectId, ids), eq(notification.kind, 'cases.emergency_overdue')));
    const keys = notices.map((n) => `${n.recipientUserId}|${n.dedupeKey}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(notices.map((n) => n.dedupeKey)).size).toBe(6);
    expect((await scanTimers(t.db, at)).breached).toBe(0);
  });

  it('an acknowledgement at the deadline and the scan: met or breached, never both', async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const c = await emergency(`楼道起火 ${round}`);
      const [ack, scan] = await Promise.all([
        t.call({ method: 'POST', url: `/api/cases/${c.id}/acknowledge`, cookie: cookies.leader, body: {} }),
        scanTimers(t.db, c.respondDue),
      ]);
      expect(ack.status, JSON.stringify(ack.body)).toBe(200);
      expect(scan.breached).toBeGreaterThanOrEqual(0);
      const [respond] = await t.db
        .select()
        .from(caseTimer)
        .where(and(eq(caseTimer.caseId, c.id), eq(caseTimer.kind, 'respond')));
      const breaches = await t.db
        .select()
        .from(caseEvent)
        .where(and(eq(caseEvent.caseId, c.id), eq(caseEvent.action, 'timer_breached')));
      // The acknowledgement always lands (on time or late); the deadline has exactly one outcome.
      expect(respond.metAt).not.toBeNull();
      if (respond.state === 'met') {
        expect(respond.breachedAt).toBeNull();
        expect(breaches).toHaveLength(0);
      } else {
        expect(respond.state).toBe('breached');
        expect(breaches).toHaveLength(1);
        expect(respond.breachedAt).toEqual(c.respondDue);
      }
      outcomes.add(respond.state);
      // Whatever happened, a later scan changes nothing about it.
      await scanTimers(t.db, new Date(c.respondDue.getTime() + 1000));
      const [again] = await t.db.select().from(caseTimer).where(eq(caseTimer.id, respond.id));
      expect(again.state).toBe(respond.state);
    }
    expect([...outcomes].every((s) => s === 'met' || s === 'breached')).toBe(true);
  });
});
