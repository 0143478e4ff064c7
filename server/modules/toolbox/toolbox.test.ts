import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { execRows } from '../../db/client.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import { notification, userAccount } from '../../platform/schema.ts';
import { addDays } from './dates.ts';
import { runToolboxJobs } from './reminders.ts';
import { tool, toolLoan } from './schema.ts';
import { hoursText } from './tools.ts';

// 共享工具箱 on the demo district (PGlite): who sees and lends what (401/403/404), stock, returns,
// the one extension, lost units, bad input leaving the data unchanged, reminders on a fake clock,
// and the figures against independent SQL.
let t: TestApp;
let L: Awaited<ReturnType<typeof demoLandmarks>>;
const c: Record<string, string> = {};
const u: Record<string, string> = {};
let ladder: { id: string; venueId: string; stock: number };
const today = shanghaiDate();

beforeAll(async () => {
  t = await testApp();
  L = await demoLandmarks(t.db);
  const phones = {
    staffA: '13900000003',
    staffB: '13900000004',
    committee: '13900000006',
    tian: '13900000007',
    secretary: '13900000011',
  };
  for (const [k, phone] of Object.entries(phones)) {
    c[k] = await t.login(phone);
    const [row] = await t.db.select().from(userAccount).where(eq(userAccount.phone, phone));
    u[k] = row.id;
  }
  const list = await ok(t.call({ url: '/api/toolbox/tools?q=人字梯', cookie: c.staffA }));
  ladder = list.items[0];
});
afterAll(async () => {
  expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  await t.close();
});

const ok = async (p: ReturnType<TestApp['call']>) => {
  const r = await p;
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const refused = async (p: ReturnType<TestApp['call']>, status: number, code: string) => {
  const r = await p;
  expect([r.status, r.body?.error?.code], JSON.stringify(r.body)).toEqual([status, code]);
  expect(r.body.error.message).toBeTruthy();
};
const lend = (cookie: string, body: Record<string, unknown>) =>
  t.call({ method: 'POST', url: '/api/toolbox/loans', cookie, body });
const act = (cookie: string | undefined, id: string, action: string, body: unknown = {}) =>
  t.call({ method: 'POST', url: `/api/toolbox/loans/${id}/${action}`, cookie, body });
const toolRow = async (id: string) => (await t.db.select().from(tool).where(eq(tool.id, id)))[0];
const loanCount = async () => (await t.db.select({ n: count() }).from(toolLoan))[0].n;
const newTool = async (stock: number, extra: Record<string, unknown> = {}) =>
  ok(
    t.call({
      method: 'POST',
      url: '/api/toolbox/tools',
      cookie: c.staffA,
      body: {
        name: `测试工具${Math.random().toString(36).slice(2, 6)}`,
        category: 'other',
        venueId: ladder.venueId,
        stock,
        ...extra,
      },
    }),
  );

describe('who may see and lend', () => {
  it('refuses the signed-out (401), those without the permission (403), another community (404)', async () => {
    await refused(t.call({ url: '/api/toolbox/tools' }), 401, 'unauthenticated');
    await refused(t.call({ url: '/api/toolbox/loans' }), 401, 'unauthenticated');
    await refused(t.call({ url: '/api/toolbox/tools', cookie: c.committee }), 403, 'forbidden');
    await refused(lend(c.tian, { toolId: ladder.id, personId: L.tian.id }), 403, 'forbidden');
    await refused(t.call({ url: `/api/toolbox/tools/${ladder.id}`, cookie: c.staffB }), 404, 'not_found');
    await refused(lend(c.staffB, { toolId: ladder.id, personId: L.tian.id }), 404, 'not_found');
    await refused(
      t.call({
        method: 'PATCH',
        url: `/api/toolbox/tools/${ladder.id}`,
        cookie: c.staffB,
        body: { active: false },
      }),
      404,
      'not_found',
    );
    const other = await ok(t.call({ url: '/api/toolbox/tools', cookie: c.staffB }));
    expect(other.items.map((x: { id: string }) => x.id)).not.toContain(ladder.id);
    expect(await toolRow(ladder.id)).toMatchObject({ active: true, unitsOut: 0 });
  });

  it('a resident sees the catalogue of their community with what is free, but no lend action', async () => {
    const page = await ok(t.call({ url: '/api/toolbox/tools?pageSize=50', cookie: c.tian }));
    expect(page.total).toBeGreaterThanOrEqual(20);
    const l = page.items.find((x: { id: string }) => x.id === ladder.id);
    expect(l).toMatchObject({ unitsFree: 3, stock: 3, allowed: [] });
    expect(l.venueName).toMatch(/驿站/);
    // A tool with all units out tells when the next is due back.
    for (const x of page.items) expect(x.unitsFree + x.unitsOut).toBe(x.stock);
    const full = page.items.filter((x: { unitsFree: number }) => x.unitsFree === 0);
    for (const x of full) expect(x.nextDueBack).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const free = await ok(t.call({ url: '/api/toolbox/tools?available=true&pageSize=50', cookie: c.tian }));
    expect(free.total).toBe(page.total - full.length);
    const ladders = await ok(t.call({ url: '/api/toolbox/tools?category=ladder', cookie: c.tian }));
    expect(ladders.items.every((x: { category: string }) => x.category === 'ladder')).toBe(true);
  });

  it('a compound secretary lends at their compound station only (403 at another compound of the community)', async () => {
    const all = await ok(t.call({ url: '/api/toolbox/tools?pageSize=50', cookie: c.secretary }));
    const mine = all.items.find((x: { allowed: string[] }) => x.allowed.includes('toolbox:lend'));
    const notMine = all.items.find(
      (x: { allowed: string[]; unitsFree: number }) => !x.allowed.includes('toolbox:lend') && x.unitsFree > 0,
    );
    expect(mine?.orgUnitName).toBe('幸福家园小区');
    expect(notMine).toBeTruthy();
    await refused(lend(c.secretary, { toolId: notMine.id, personId: L.tian.id }), 403, 'forbidden');
    expect((await toolRow(notMine.id)).unitsOut).toBe(notMine.unitsOut);
  });
});

describe('lending and returning', () => {
  it('lends with the default due date, the borrower sees it as theirs, another community does not', async () => {
    const loan = await ok(lend(c.staffA, { toolId: ladder.id, personId: L.tian.id }));
    expect(loan).toMatchObject({
      state: 'out',
      dueDate: addDays(today, 7),
      borrowerName: '田志明',
      overdue: false,
    });
    expect(loan.actions).toEqual(['return', 'extend', 'lost']);
    expect((await toolRow(ladder.id)).unitsOut).toBe(1);
    const mine = await ok(t.call({ url: '/api/toolbox/loans?mine=true&pageSize=50', cookie: c.tian }));
    const seen = mine.items.find((x: { id: string }) => x.id === loan.id);
    expect(seen.actions).toEqual(['extend']);
    await refused(t.call({ url: `/api/toolbox/loans/${loan.id}`, cookie: c.staffB }), 404, 'not_found');
    await refused(act(c.staffB, loan.id, 'return'), 404, 'not_found');
    await refused(act(c.tian, loan.id, 'return'), 403, 'forbidden');

    // Returned once; the second return is refused and changes nothing.
    const back = await ok(act(c.staffA, loan.id, 'return', { condition: 'good', note: '完好' }));
    expect(back).toMatchObject({ state: 'returned', late: false, actions: [] });
    await refused(act(c.staffA, loan.id, 'return'), 409, 'loan_returned');
    expect((await toolRow(ladder.id)).unitsOut).toBe(0);
    const history = await ok(t.call({ url: `/api/toolbox/loans?toolId=${ladder.id}`, cookie: c.staffA }));
    expect(history.items[0].events.map((e: { action: string }) => e.action)).toEqual(['lent', 'returned']);
    const person = await ok(
      t.call({ url: `/api/toolbox/loans?personId=${L.tian.id}&state=returned`, cookie: c.staffA }),
    );
    expect(person.items.map((x: { id: string }) => x.id)).toContain(loan.id);
  });

  it('never lends more units than the stock, nor a retired tool', async () => {
    const one = await newTool(1);
    await ok(lend(c.staffA, { toolId: one.id, personId: L.tian.id }));
    const before = await loanCount();
    await refused(lend(c.staffA, { toolId: one.id, personId: L.tian.id }), 409, 'tool_unavailable');
    expect(await loanCount()).toBe(before);
    expect((await toolRow(one.id)).unitsOut).toBe(1);
    const listed = await ok(t.call({ url: `/api/toolbox/tools/${one.id}`, cookie: c.tian }));
    expect(listed).toMatchObject({ unitsFree: 0, nextDueBack: addDays(today, 7) });
    // The stock cannot drop below the units out.
    await refused(
      t.call({ method: 'PATCH', url: `/api/toolbox/tools/${one.id}`, cookie: c.staffA, body: { stock: 0 } }),
      409,
      'tool_stock_below_out',
    );
    const two = await newTool(2);
    await ok(
      t.call({
        method: 'PATCH',
        url: `/api/toolbox/tools/${two.id}`,
        cookie: c.staffA,
        body: { active: false },
      }),
    );
    await refused(lend(c.staffA, { toolId: two.id, personId: L.tian.id }), 409, 'tool_retired');
    const catalogue = await ok(t.call({ url: '/api/toolbox/tools?pageSize=100', cookie: c.tian }));
    expect(catalogue.items.map((x: { id: string }) => x.id)).not.toContain(two.id);
  });

  it('bad input is refused with a stable code and changes nothing', async () => {
    const before = await loanCount();
    await refused(lend(c.staffA, { toolId: ladder.id }), 422, 'validation_failed');
    await refused(
      lend(c.staffA, { toolId: ladder.id, personId: L.tian.id, dueDate: addDays(today, -1) }),
      422,
      'loan_due_invalid',
    );
    await refused(
      lend(c.staffA, { toolId: ladder.id, personId: L.tian.id, dueDate: '2026-13-45x' }),
      422,
      'validation_failed',
    );
    const outsider = L.siblingCommunity;
    const [member] = await execRows<{ person_id: string }>(
      t.db,
      sql`select person_id from household_member where household_id = ${outsider.id} limit 1`,
    );
    await refused(
      lend(c.staffA, { toolId: ladder.id, personId: member.person_id }),
      422,
      'borrower_outside_community',
    );
    await refused(
      t.call({
        method: 'POST',
        url: '/api/toolbox/tools',
        cookie: c.staffA,
        body: { name: 'x', category: 'spaceship', venueId: ladder.venueId, stock: 0 },
      }),
      422,
      'validation_failed',
    );
    expect(await loanCount()).toBe(before);
    expect((await toolRow(ladder.id)).unitsOut).toBe(0);
  });

  it('extends once (the borrower may ask), and a lost unit leaves the stock', async () => {
    const loan = await ok(
      lend(c.staffA, { toolId: ladder.id, personId: L.tian.id, dueDate: addDays(today, 2) }),
    );
    const longer = await ok(act(c.tian, loan.id, 'extend', {}));
    expect(longer).toMatchObject({ extended: true, dueDate: addDays(today, 9), actions: [] });
    await refused(act(c.staffA, loan.id, 'extend', {}), 409, 'extend_once');
    expect((await t.db.select().from(toolLoan).where(eq(toolLoan.id, loan.id)))[0].dueDate).toBe(
      addDays(today, 9),
    );
    await refused(act(c.staffA, loan.id, 'lost', { note: '' }), 422, 'validation_failed');
    const lost = await ok(act(c.staffA, loan.id, 'lost', { note: '借用人搬家时遗失' }));
    expect(lost.state).toBe('lost');
    expect(await toolRow(ladder.id)).toMatchObject({ stock: 2, unitsOut: 0 });
    await refused(act(c.staffA, loan.id, 'return'), 409, 'loan_returned');
    await ok(
      t.call({
        method: 'PATCH',
        url: `/api/toolbox/tools/${ladder.id}`,
        cookie: c.staffA,
        body: { stock: 3 },
      }),
    );
  });

  it('a damaged return withdraws the unit until it is repaired', async () => {
    const two = await newTool(2);
    const loan = await ok(lend(c.staffA, { toolId: two.id, personId: L.tian.id }));
    await ok(act(c.staffA, loan.id, 'return', { condition: 'damaged', note: '踏板断裂' }));
    const row = await toolRow(two.id);
    expect(row).toMatchObject({ stock: 1, unitsOut: 0 });
    expect(row.conditionNotes).toContain('踏板断裂');
  });
});

describe('overdue reminders (the job on a fake clock)', () => {
  const noon = (day: string) => new Date(`${day}T12:00:00+08:00`);
  const noticesOf = async (loanId: string, userId: string) =>
    t.db
      .select()
      .from(notification)
      .where(and(eq(notification.subjectId, loanId), eq(notification.recipientUserId, userId)));

  it('reminds the day before, then once a day for three days; the staff once at three days late', async () => {
    const tool1 = await newTool(2);
    const due = addDays(today, 1);
    const loan = await ok(lend(c.staffA, { toolId: tool1.id, personId: L.tian.id, dueDate: due }));
    await runToolboxJobs(t.db, noon(today));
    await runToolboxJobs(t.db, noon(today));
    expect((await noticesOf(loan.id, u.tian)).map((n) => n.kind)).toEqual(['toolbox.due_soon']);
    // Due day: nothing new.
    await runToolboxJobs(t.db, noon(due));
    expect(await noticesOf(loan.id, u.tian)).toHaveLength(1);
    for (let d = 1; d <= 6; d++) {
      await runToolboxJobs(t.db, noon(addDays(due, d)));
      await runToolboxJobs(t.db, new Date(noon(addDays(due, d)).getTime() + 3_600_000));
    }
    const kinds = (await noticesOf(loan.id, u.tian)).map((n) => n.kind).sort();
    expect(kinds).toEqual(['toolbox.due_soon', 'toolbox.overdue', 'toolbox.overdue', 'toolbox.overdue']);
    const staff = await noticesOf(loan.id, u.staffA);
    expect(staff.map((n) => n.kind)).toEqual(['toolbox.overdue_staff']);
    // The overdue flag and filter.
    const overdue = await ok(
      t.call({ url: '/api/toolbox/loans?state=overdue&pageSize=100', cookie: c.staffA }),
    );
    expect(overdue.items.every((x: { overdue: boolean }) => x.overdue)).toBe(true);
  });

  it('sends nothing for a returned loan', async () => {
    const tool1 = await newTool(1);
    const due = addDays(today, 1);
    const loan = await ok(lend(c.staffA, { toolId: tool1.id, personId: L.tian.id, dueDate: due }));
    await ok(act(c.staffA, loan.id, 'return', { condition: 'good' }));
    for (const d of [0, 1, 2, 5]) await runToolboxJobs(t.db, noon(addDays(due, d - 1)));
    expect(await noticesOf(loan.id, u.tian)).toEqual([]);
    expect(await noticesOf(loan.id, u.staffA)).toEqual([]);
  });
});

describe('pick-up times', () => {
  it("says a station's weekly hours in words, grouping days with the same hours", () => {
    const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '09:00', close: '17:30' }));
    const hours = [
      ...weekdays,
      { weekday: 6, open: '14:00', close: '17:00' },
      { weekday: 6, open: '09:00', close: '12:00' },
    ];
    expect(hoursText({ weeklyHours: hours })).toBe('周一至周五 09:00–17:30；周六 09:00–12:00、14:00–17:00');
    expect(hoursText({ weeklyHours: [] })).toBe('');
  });
});

describe('figures', () => {
  it('counts loans per month and per tool and the overdue rate over the staff scope', async () => {
    const f = await ok(t.call({ url: '/api/toolbox/figures', cookie: c.staffA }));
    expect(f.totals.loans).toBeGreaterThan(100);
    expect(f.byMonth.reduce((s: number, m: { loans: number }) => s + m.loans, 0)).toBe(f.totals.loans);
    expect(f.byMonth.length).toBeGreaterThanOrEqual(12);
    expect(f.totals.overdueNow).toBeGreaterThanOrEqual(1);
    expect(f.totals.overdueRate).toBeCloseTo(
      (f.totals.overdueNow + f.totals.returnedLate) / f.totals.loans,
      2,
    );
    const [{ n }] = await t.db.select({ n: count() }).from(toolLoan).where(eq(toolLoan.state, 'out'));
    expect(f.totals.out).toBe(n);
    const b = await ok(t.call({ url: '/api/toolbox/figures', cookie: c.staffB }));
    expect(b.totals.loans).toBe(0);
    await refused(t.call({ url: '/api/toolbox/figures', cookie: c.tian }), 403, 'forbidden');
  });
});
