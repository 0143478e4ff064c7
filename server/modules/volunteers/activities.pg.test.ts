import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { claim } from '../points/schema.ts';
import { activitySignup, volunteerHours } from './activity-schema.ts';
import { activityFixtures } from './activity-fixtures.ts';

// On PostgreSQL, where requests really run at once: sign-ups never exceed the capacity, concurrent
// cancellations promote exactly one waiting person per freed place, and concurrent confirmations of
// attendance raise one claim per person.
let t: TestApp;
let F: Awaited<ReturnType<typeof activityFixtures>>;
let people: Awaited<ReturnType<Awaited<ReturnType<typeof activityFixtures>>['residents']>>;
beforeAll(async () => {
  expect(process.env.DATABASE_URL).toMatch(/^postgres/);
  t = await testApp();
  F = await activityFixtures(t);
  people = await F.residents(12);
  expect(people).toHaveLength(12);
});
afterAll(async () => {
  vi.useRealTimers();
  expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  await t.close();
});

const rows = (id: string) => t.db.select().from(activitySignup).where(eq(activitySignup.activityId, id));

describe('concurrent sign-ups and cancellations', () => {
  it('12 at once for 4 places: 4 confirmed, 8 waiting in a strict line; 3 cancel at once → 3 promoted', async () => {
    const a = await F.create({ capacity: 4 }, 120, 60);
    const replies = await Promise.all(
      people.map((p) =>
        t.call({ method: 'POST', url: `/api/volunteers/activities/${a.id}/signup`, cookie: p.cookie }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(12).fill(200));
    let all = await rows(a.id);
    expect(all.filter((s) => s.status === 'confirmed')).toHaveLength(4);
    expect(all.filter((s) => s.status === 'waiting')).toHaveLength(8);
    const positions = replies.filter((r) => r.body.myStatus === 'waiting').map((r) => r.body.myPosition);
    expect(positions.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

    const line = all
      .filter((s) => s.status === 'waiting')
      .sort((x, y) => x.queuedAt.getTime() - y.queuedAt.getTime() || (x.id < y.id ? -1 : 1))
      .map((s) => s.personId);
    const leaving = all.filter((s) => s.status === 'confirmed').slice(0, 3);
    // Three confirmed and two waiting people cancel at once.
    const leavers = [...leaving.map((s) => s.personId), line[6], line[7]];
    const out = await Promise.all(
      leavers.map((pid) =>
        t.call({
          method: 'DELETE',
          url: `/api/volunteers/activities/${a.id}/signup`,
          cookie: people.find((p) => p.personId === pid)!.cookie,
        }),
      ),
    );
    expect(out.map((r) => r.status)).toEqual(Array(5).fill(200));
    all = await rows(a.id);
    const confirmed = all.filter((s) => s.status === 'confirmed').map((s) => s.personId);
    expect(confirmed).toHaveLength(4);
    // Exactly the first three in line got the places; the rest still wait.
    for (const pid of line.slice(0, 3)) expect(confirmed).toContain(pid);
    expect(
      all
        .filter((s) => s.status === 'waiting')
        .map((s) => s.personId)
        .sort(),
    ).toEqual(line.slice(3, 6).sort());
  });

  it('raising the capacity while people sign up never overshoots it', async () => {
    const a = await F.create({ capacity: 2 }, 120, 60);
    const [first, ...rest] = people;
    await t.call({ method: 'POST', url: `/api/volunteers/activities/${a.id}/signup`, cookie: first.cookie });
    const replies = await Promise.all([
      ...rest
        .slice(0, 8)
        .map((p) =>
          t.call({ method: 'POST', url: `/api/volunteers/activities/${a.id}/signup`, cookie: p.cookie }),
        ),
      t.call({
        method: 'PUT',
        url: `/api/volunteers/activities/${a.id}/capacity`,
        cookie: F.staff,
        body: { capacity: 5 },
      }),
    ]);
    expect(replies.map((r) => r.status)).toEqual(Array(9).fill(200));
    const all = await rows(a.id);
    expect(all.filter((s) => s.status === 'confirmed')).toHaveLength(5);
    expect(all.filter((s) => s.status === 'waiting')).toHaveLength(4);
  });
});

describe('concurrent confirmation of attendance', () => {
  it('six confirmations at once: one succeeds, one hours row and one claim per person', async () => {
    const a = await F.create({ capacity: 3 }, 30, 120);
    for (const p of people.slice(0, 3))
      expect(
        (await t.call({ method: 'POST', url: `/api/volunteers/activities/${a.id}/signup`, cookie: p.cookie }))
          .status,
      ).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 100 * 60_000);
    const adjustments = people.slice(0, 3).map((p) => ({ personId: p.personId, minutes: 120 }));
    const staff = await t.login('13900000003');
    const replies = await Promise.all(
      Array.from({ length: 6 }, () =>
        t.call({
          method: 'POST',
          url: `/api/volunteers/activities/${a.id}/attendance`,
          cookie: staff,
          body: { adjustments },
        }),
      ),
    );
    vi.useRealTimers();
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(
      replies.filter((r) => r.status === 409).every((r) => r.body.error.code === 'attendance_confirmed'),
    ).toBe(true);
    const hours = await t.db.select().from(volunteerHours).where(eq(volunteerHours.activityId, a.id));
    expect(hours).toHaveLength(3);
    const claims = await t.db
      .select()
      .from(claim)
      .where(like(claim.sourceKey, `activity:${a.id}:%`));
    expect(claims.map((c) => [c.quantity, c.state])).toEqual([
      [2, 'checked'],
      [2, 'checked'],
      [2, 'checked'],
    ]);
    expect(new Set(claims.map((c) => c.personId)).size).toBe(3);
    expect(hours.every((h) => claims.some((c) => c.id === h.claimId))).toBe(true);
  });
});
