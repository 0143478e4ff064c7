import { and, count, eq, like, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import type { Role } from '../../../common/roles.ts';
import { SYSTEM_ACTOR } from '../../platform/access.ts';
import { hashPassword } from '../../platform/password.ts';
import { auditEvent } from '../../platform/schema.ts';
import { createUser } from '../../platform/users.ts';
import { householdMember, type orgUnit, person } from '../org/schema.ts';
import { ensurePersonAccount } from './accounts.ts';
import { raiseSystemClaim } from './claims.ts';
import { checkLedger, postEntry } from './ledger.ts';
import { closePosting, publishPosting } from './postings.ts';
import { award, pointsAccount } from './schema.ts';

let t: TestApp;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
let c: Record<'committee' | 'staffA' | 'tian' | 'committeeB' | 'mixed', string>;
let tianAccount: string;
/** Tagged gig_worker, earned by an adjustment; and one who earned as a gig worker, tag since removed. */
let taggedRider: { personId: string; accountId: string };
let formerRider: { personId: string; accountId: string };
let neighbourB: string;

async function user(phone: string, grants: { role: Role; unit: typeof orgUnit.$inferSelect }[]) {
  await createUser(t.db, {
    phone,
    displayName: `测试${phone.slice(-4)}`,
    passwordHash: await hashPassword('Linli@2026'),
    grants: grants.map((g) => ({ role: g.role, orgUnitId: g.unit.id, orgPath: g.unit.path })),
  });
  return t.login(phone);
}

/** Persons of a community in households other than 田先生's. */
async function neighbours(path: string, n: number) {
  const rows = await t.db
    .selectDistinct({ id: person.id, tags: person.tags })
    .from(person)
    .innerJoin(householdMember, eq(householdMember.personId, person.id))
    .where(and(like(person.orgPath, `${path}%`), ne(householdMember.householdId, d.ownHousehold.id)))
    .limit(n);
  return rows;
}

const setTags = (id: string, tags: string[]) => t.db.update(person).set({ tags }).where(eq(person.id, id));

beforeAll(async () => {
  t = await testApp();
  d = await demoLandmarks(t.db);
  c = {
    committee: await t.login('13900000006'),
    staffA: await t.login('13900000003'),
    tian: await t.login('13900000007'),
    committeeB: await user('13944440001', [{ role: 'points_committee', unit: d.communityB }]),
    // Sees community A (as its grid worker) and reviews elsewhere: in scope, not allowed.
    mixed: await user('13944440002', [
      { role: 'grid_worker', unit: d.communityA },
      { role: 'points_committee', unit: d.communityB },
    ]),
  };
  [{ id: tianAccount }] = await t.db
    .select()
    .from(pointsAccount)
    .where(eq(pointsAccount.personId, d.tian.id));

  const [a, b] = await neighbours(d.communityA.path, 2);
  await setTags(a.id, ['gig_worker']);
  await setTags(b.id, ['gig_worker']);
  const [nb] = await neighbours(d.communityB.path, 1);
  await t.db.transaction(async (tx) => {
    const rider = await ensurePersonAccount(tx, a.id);
    await postEntry(tx, {
      accountId: rider.id,
      kind: 'earn',
      amount: 40,
      causeType: 'adjustment',
      causeId: 'test',
      idempotencyKey: 'test:awards:rider',
      at: new Date('2026-06-15T04:00:00Z'),
    });
    taggedRider = { personId: a.id, accountId: rider.id };
    // A neighbour in community B earned too: never a candidate in community A.
    const other = await ensurePersonAccount(tx, nb.id);
    await postEntry(tx, {
      accountId: other.id,
      kind: 'earn',
      amount: 500,
      causeType: 'adjustment',
      causeId: 'test',
      idempotencyKey: 'test:awards:b',
      at: new Date('2026-06-15T04:00:00Z'),
    });
    neighbourB = other.id;
    // The second rider earns through the real procedure, declared as a gig worker…
    await raiseSystemClaim(
      { actor: SYSTEM_ACTOR, tx },
      {
        personId: b.id,
        ruleCode: 'C03',
        quantity: 2,
        deedDate: '2026-05-20',
        description: '外卖途中上报楼道灯不亮',
        sourceKey: 'test:awards:rider2',
        participant: 'gig_worker',
        initialState: 'checked',
      },
    );
  });
  const [raised] = await t.db
    .select({ id: pointsAccount.id })
    .from(pointsAccount)
    .where(eq(pointsAccount.personId, b.id));
  formerRider = { personId: b.id, accountId: raised.id };
  const claims = await t.call({ url: `/api/points/claims?queue=review`, cookie: c.committee });
  const mine = claims.body.items.find((x: { personId: string }) => x.personId === b.id);
  const approved = await t.call({
    method: 'POST',
    url: `/api/points/claims/${mine.id}/transitions`,
    cookie: c.committee,
    body: { action: 'approve', note: '核实' },
  });
  expect(approved.status).toBe(200);
  await t.db.transaction(async (tx) => {
    const p = await publishPosting(
      { actor: SYSTEM_ACTOR, tx },
      d.communityA.id,
      '2026-05',
      new Date('2026-06-01T01:00:00Z'),
    );
    await closePosting({ actor: SYSTEM_ACTOR, tx }, p.id, new Date('2026-06-09T01:00:00Z'));
  });
  // …and has since stopped riding: the year's claims still make them a gig worker for 2026.
  await setTags(b.id, []);
});
afterAll(async () => {
  expect(await checkLedger(t.db)).toEqual([]);
  await t.close();
});

const create = (cookie: string | undefined, body: Record<string, unknown>) =>
  t.call({
    method: 'POST',
    url: '/api/points/awards',
    cookie,
    body: { communityId: d.communityA.id, year: 2026, ...body },
  });
const candidates = (cookie: string, id: string) =>
  t.call({ url: `/api/points/awards/${id}/candidates`, cookie });
const setWinners = (cookie: string, id: string, winners: { accountId: string; citation?: string }[]) =>
  t.call({ method: 'PUT', url: `/api/points/awards/${id}/winners`, cookie, body: { winners } });
const publish = (cookie: string, id: string) =>
  t.call({ method: 'POST', url: `/api/points/awards/${id}/publish`, cookie });
const audits = async (id: string) =>
  (await t.db.select().from(auditEvent).where(eq(auditEvent.subjectId, id)).orderBy(auditEvent.seq)).map(
    (e) => e.action,
  );

describe('creating award categories', () => {
  it('401, 403 without the review role, 403 in scope but not allowed, 404 out of scope; nothing written', async () => {
    const before = (await t.db.select({ n: count() }).from(award))[0].n;
    const auditsBefore = (await t.db.select({ n: count() }).from(auditEvent))[0].n;
    expect((await create(undefined, { category: 'best_neighbour' })).status).toBe(401);
    for (const cookie of [c.staffA, c.tian]) {
      const res = await create(cookie, { category: 'best_neighbour' });
      expect([res.status, res.body.error.code]).toEqual([403, 'forbidden']);
    }
    const mixed = await create(c.mixed, { category: 'best_neighbour' });
    expect([mixed.status, mixed.body.error.code]).toEqual([403, 'forbidden']);
    const outside = await create(c.committeeB, { category: 'best_neighbour' });
    expect([outside.status, outside.body.error.code]).toEqual([404, 'not_found']);
    expect((await t.db.select({ n: count() }).from(award))[0].n).toBe(before);
    expect((await t.db.select({ n: count() }).from(auditEvent))[0].n).toBe(auditsBefore);
  });

  it('refuses a custom category without a title, a pioneer rider for non-gig workers, a non-community', async () => {
    const untitled = await create(c.committee, { category: 'good_deeds' });
    expect([untitled.status, untitled.body.error.code]).toEqual([422, 'validation_failed']);
    const rider = await create(c.committee, { category: 'pioneer_rider', participant: 'resident' });
    expect([rider.status, rider.body.error.code]).toEqual([422, 'validation_failed']);
    const bad = await create(c.committee, { category: 'Best Neighbour!' });
    expect(bad.status).toBe(422);
    const building = await create(c.committee, {
      category: 'best_neighbour',
      communityId: d.siblingBuildingUnit.id,
    });
    expect([building.status, building.body.error.code]).toEqual([422, 'not_a_community']);
  });

  it('opens the built-ins with their titles, a custom one with its own; one per category and year', async () => {
    const best = await create(c.committee, { category: 'best_neighbour' });
    expect(best.status).toBe(200);
    expect(best.body).toMatchObject({
      communityName: '春熙社区',
      year: 2026,
      category: 'best_neighbour',
      title: '最美邻里',
      participant: null,
      state: 'draft',
      publishedAt: null,
      winners: [],
      published: null,
      allowed: ['points:review'],
    });
    expect(await audits(best.body.id)).toEqual(['points.award_created']);
    const rider = await create(c.committee, { category: 'pioneer_rider' });
    expect(rider.body).toMatchObject({ title: '先锋骑手', participant: 'gig_worker' });
    const own = await create(c.committee, { category: 'tidy_stairwell', title: '最美楼道' });
    expect(own.body).toMatchObject({ category: 'tidy_stairwell', title: '最美楼道', participant: null });
    const again = await create(c.committee, { category: 'best_neighbour' });
    expect([again.status, again.body.error.code]).toEqual([409, 'award_exists']);
    expect((await create(c.committee, { category: 'best_neighbour', year: 2027 })).status).toBe(200);
  });
});

describe('candidates, winners, publication', () => {
  const find = async (category: string) => {
    const list = await t.call({
      url: `/api/points/awards?communityId=${d.communityA.id}&year=2026`,
      cookie: c.committee,
    });
    return list.body.items.find((a: { category: string }) => a.category === category);
  };

  it("best_neighbour candidates are the year's rankings: 田先生 first with 150", async () => {
    const best = await find('best_neighbour');
    const staff = await candidates(c.staffA, best.id);
    expect([staff.status, staff.body.error.code]).toEqual([403, 'forbidden']);
    expect((await candidates(c.committeeB, best.id)).status).toBe(404);
    const res = await candidates(c.committee, best.id);
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toEqual({
      rank: 1,
      accountId: tianAccount,
      personId: d.tian.id,
      name: '田志明',
      publicName: '田*明',
      points: 150,
      chosen: false,
    });
    const ids = res.body.items.map((i: { accountId: string }) => i.accountId);
    expect(ids).toEqual(expect.arrayContaining([taggedRider.accountId, formerRider.accountId]));
    expect(ids).not.toContain(neighbourB);
  });

  it('pioneer_rider candidates are gig workers only: by tag, or by having earned as one', async () => {
    const rider = await find('pioneer_rider');
    const res = await candidates(c.committee, rider.id);
    const ids = res.body.items.map((i: { accountId: string }) => i.accountId);
    expect(ids.sort()).toEqual([taggedRider.accountId, formerRider.accountId].sort());
    expect(ids).not.toContain(tianAccount);
    // 田先生 is no gig worker, so the committee cannot name him 先锋骑手.
    const wrong = await setWinners(c.committee, rider.id, [{ accountId: tianAccount }]);
    expect([wrong.status, wrong.body.error.code]).toEqual([422, 'award_winner_not_candidate']);
  });

  it('sets winners on a draft: eligible earners of the community only, by the committee in scope', async () => {
    const best = await find('best_neighbour');
    const stranger = await setWinners(c.committee, best.id, [{ accountId: neighbourB }]);
    expect([stranger.status, stranger.body.error.code]).toEqual([422, 'award_winner_not_candidate']);
    const twice = await setWinners(c.committee, best.id, [
      { accountId: tianAccount },
      { accountId: tianAccount },
    ]);
    expect(twice.status).toBe(422);
    expect((await setWinners(c.mixed, best.id, [{ accountId: tianAccount }])).status).toBe(403);
    expect((await setWinners(c.committeeB, best.id, [{ accountId: tianAccount }])).status).toBe(404);

    const res = await setWinners(c.committee, best.id, [
      { accountId: tianAccount, citation: '带头清理楼道，建言献策三项被采纳' },
      { accountId: taggedRider.accountId },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.winners).toEqual([
      {
        accountId: tianAccount,
        name: '田志明',
        publicName: '田*明',
        points: 150,
        citation: '带头清理楼道，建言献策三项被采纳',
      },
      expect.objectContaining({ accountId: taggedRider.accountId, points: 40, citation: null }),
    ]);
    // Choosing again replaces the list.
    const final = await setWinners(c.committee, best.id, [
      { accountId: tianAccount, citation: '带头清理楼道，建言献策三项被采纳' },
    ]);
    expect(final.body.winners).toHaveLength(1);
    const marked = await candidates(c.committee, best.id);
    expect(marked.body.items[0]).toMatchObject({ accountId: tianAccount, chosen: true });
  });

  it('a resident sees no draft', async () => {
    const best = await find('best_neighbour');
    const list = await t.call({ url: `/api/points/awards?communityId=${d.communityA.id}`, cookie: c.tian });
    expect([list.status, list.body.items]).toEqual([200, []]);
    expect((await t.call({ url: `/api/points/awards/${best.id}`, cookie: c.tian })).status).toBe(404);
    const b = await t.call({
      url: `/api/points/awards?communityId=${d.communityA.id}`,
      cookie: c.committeeB,
    });
    expect(b.status).toBe(404);
  });

  it('publishes and freezes: masked snapshot, then 409 for anything further', async () => {
    const best = await find('best_neighbour');
    expect((await publish(c.staffA, best.id)).status).toBe(403);
    expect((await publish(c.committeeB, best.id)).status).toBe(404);
    const res = await publish(c.committee, best.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'published', publishedAt: expect.any(String) });
    expect(res.body.published).toEqual([
      { name: '田*明', points: 150, citation: '带头清理楼道，建言献策三项被采纳' },
    ]);
    const [row] = await t.db.select().from(award).where(eq(award.id, best.id));
    expect(JSON.parse(row.snapshot!)).toEqual(res.body.published);
    expect(row.snapshot).not.toContain('田志明');

    const again = await publish(c.committee, best.id);
    expect([again.status, again.body.error.code]).toEqual([409, 'award_published']);
    const change = await setWinners(c.committee, best.id, [{ accountId: taggedRider.accountId }]);
    expect([change.status, change.body.error.code]).toEqual([409, 'award_published']);
    // Even a later change of consent or points does not touch what was published.
    await t.db.update(pointsAccount).set({ publicConsent: false }).where(eq(pointsAccount.id, tianAccount));
    const kept = await t.call({ url: `/api/points/awards/${best.id}`, cookie: c.committee });
    expect(kept.body.published).toEqual(res.body.published);
    await t.db.update(pointsAccount).set({ publicConsent: true }).where(eq(pointsAccount.id, tianAccount));

    expect(await audits(best.id)).toEqual([
      'points.award_created',
      'points.award_winners_set',
      'points.award_winners_set',
      'points.award_published',
    ]);
  });

  it('a resident of the community reads the published list, masked, without the staff view', async () => {
    const list = await t.call({ url: `/api/points/awards?communityId=${d.communityA.id}`, cookie: c.tian });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      title: '最美邻里',
      state: 'published',
      winners: null,
      published: [{ name: '田*明', points: 150 }],
      allowed: [],
    });
    expect(JSON.stringify(list.body)).not.toContain('田志明');
  });

  it('will not publish an award without winners', async () => {
    const own = await find('tidy_stairwell');
    const res = await publish(c.committee, own.id);
    expect([res.status, res.body.error.code]).toEqual([422, 'award_no_winners']);
    const [row] = await t.db.select().from(award).where(eq(award.id, own.id));
    expect(row.state).toBe('draft');
  });

  it('lists by year, with staff seeing drafts', async () => {
    const all = await t.call({ url: `/api/points/awards?communityId=${d.communityA.id}`, cookie: c.staffA });
    expect(all.body.items.map((a: { year: number; category: string }) => `${a.year}:${a.category}`)).toEqual([
      '2027:best_neighbour',
      '2026:best_neighbour',
      '2026:pioneer_rider',
      '2026:tidy_stairwell',
    ]);
    // Community staff read the awards but do not choose winners.
    expect(all.body.items[1].allowed).toEqual([]);
    const written = await t.db
      .select({ action: auditEvent.action, n: count() })
      .from(auditEvent)
      .where(like(auditEvent.action, 'points.award_%'))
      .groupBy(auditEvent.action);
    expect(Object.fromEntries(written.map((w) => [w.action, w.n]))).toEqual({
      'points.award_created': 4,
      'points.award_winners_set': 2,
      'points.award_published': 1,
    });
  });
});
