import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TABLE } from '../../../common/access-table.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { execRows } from '../../db/client.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { hashPassword } from '../../platform/password.ts';
import { auditEvent } from '../../platform/schema.ts';
import { createUser } from '../../platform/users.ts';
import { householdMember, orgUnit, person } from '../org/schema.ts';
import { runVoteJobs } from './motions.ts';
import { voteBallot, voteCount, voteMotion, voteResult } from './schema.ts';

// Votes on the demo district (PGlite): who sees and casts what, one household one vote across phone
// and paper, closing, publishing and freezing, and that a secret ballot's choices never come back.
let t: TestApp;
let L: Awaited<ReturnType<typeof demoLandmarks>>;
const c: Record<string, string> = {};
const DEMO = {
  admin: '13900000001',
  subdistrict: '13900000002',
  staffA: '13900000003',
  staffB: '13900000004',
  grid: '13900000005',
  committee: '13900000006',
  tian: '13900000007',
  dept: '13900000008',
  provider: '13900000009',
} as const;
let compoundA: { id: string; path: string; name: string };
let buildingA: { id: string; path: string };

async function residentUser(
  phone: string,
  personId: string,
  householdId: string,
  h: { orgPath: string; buildingId: string },
) {
  await createUser(t.db, {
    phone,
    passwordHash: await hashPassword('Linli@2026'),
    displayName: phone,
    personId,
    grants: [{ role: 'resident', orgUnitId: h.buildingId, orgPath: h.orgPath, householdId }],
  });
  return t.login(phone);
}

const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

async function create(cookie: string, body: Record<string, unknown>) {
  return t.call({ method: 'POST', url: '/api/votes', cookie, body });
}
async function move(cookie: string, id: string, action: string) {
  return t.call({ method: 'POST', url: `/api/votes/${id}/transitions`, cookie, body: { action } });
}
async function counts(id: string) {
  const rows = await t.db
    .select()
    .from(voteCount)
    .where(eq(voteCount.motionId, id))
    .orderBy(voteCount.option);
  return rows.map((r) => r.votes);
}

beforeAll(async () => {
  t = await testApp();
  L = await demoLandmarks(t.db);
  for (const [k, phone] of Object.entries(DEMO)) c[k] = await t.login(phone);
  const [b] = await t.db.select().from(orgUnit).where(eq(orgUnit.path, L.ownHousehold.orgPath));
  buildingA = b;
  const [comp] = await t.db.select().from(orgUnit).where(eq(orgUnit.id, b.parentId!));
  compoundA = comp;
  const [other] = await t.db
    .select()
    .from(orgUnit)
    .where(and(eq(orgUnit.parentId, L.communityA.id), eq(orgUnit.name, '阳光花园')));
  // Tian's spouse 李秀英 and daughter 田梓涵 (born 2015) sign in too; so does a resident of 阳光花园.
  const family = await t.db
    .select({ p: person })
    .from(householdMember)
    .innerJoin(person, eq(person.id, householdMember.personId))
    .where(eq(householdMember.householdId, L.ownHousehold.id));
  const spouse = family.find((f) => f.p.name === '李秀英')!.p;
  const child = family.find((f) => f.p.name === '田梓涵')!.p;
  c.spouse = await residentUser('13911110001', spouse.id, L.ownHousehold.id, L.ownHousehold);
  c.minor = await residentUser('13911110002', child.id, L.ownHousehold.id, L.ownHousehold);
  const [outsider] = await t.db
    .select({ p: person, h: householdMember.householdId })
    .from(person)
    .innerJoin(householdMember, eq(householdMember.personId, person.id))
    .where(and(sql`${person.orgPath} like ${`${other.path}%`}`, sql`${person.birthYear} < 1990`))
    .limit(1);
  c.outsider = await residentUser('13911110003', outsider.p.id, outsider.h, {
    orgPath: outsider.p.orgPath,
    buildingId: outsider.p.orgUnitId,
  });
});
afterAll(async () => {
  expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  await t.close();
});

describe('the demo: 幸福家园 parking is open for 田先生 household', () => {
  let id: string;
  it('a resident lists the open motions whose electorate includes them', async () => {
    const res = await t.call({ url: '/api/votes?mine=true', cookie: c.tian });
    expect(res.status).toBe(200);
    const m = res.body.items.find((x: { title: string }) => x.title.includes('幸福家园小区停车'));
    expect(m).toBeTruthy();
    id = m.id;
    expect(m.myBallot).toMatchObject({ state: 'can_vote', householdId: L.ownHousehold.id });
    expect(m.actions).toEqual([]);
    // The resident of 阳光花园 does not see it; sees the community-wide published one instead.
    const other = await t.call({ url: '/api/votes', cookie: c.outsider });
    expect(other.body.items.map((x: { id: string }) => x.id)).not.toContain(id);
    expect(other.body.items.length).toBeGreaterThan(0);
  });

  it('401 without a session, 403 without the permission, 404 out of scope', async () => {
    expect((await t.call({ url: '/api/votes' })).status).toBe(401);
    expect(
      (await t.call({ method: 'POST', url: `/api/votes/${id}/ballots`, body: { choice: 0 } })).status,
    ).toBe(401);
    expect((await t.call({ url: '/api/votes', cookie: c.dept })).status).toBe(403);
    const prov = await t.call({
      method: 'POST',
      url: `/api/votes/${id}/ballots`,
      cookie: c.provider,
      body: { choice: 0 },
    });
    expect(prov.status).toBe(403);
    expect((await move(c.tian, id, 'close')).status).toBe(403);
    expect((await move(c.grid, id, 'close')).status).toBe(403);
    expect(
      (
        await t.call({
          method: 'POST',
          url: `/api/votes/${id}/paper-ballots`,
          cookie: c.tian,
          body: { choice: 0, householdId: L.ownHousehold.id },
        })
      ).status,
    ).toBe(403);
    // Community B's staff and the resident of another compound: not found, never "forbidden".
    expect((await t.call({ url: `/api/votes/${id}`, cookie: c.staffB })).status).toBe(404);
    expect((await move(c.staffB, id, 'close')).status).toBe(404);
    const b = await t.call({
      method: 'POST',
      url: `/api/votes/${id}/paper-ballots`,
      cookie: c.staffB,
      body: { choice: 0, householdId: L.ownHousehold.id },
    });
    expect(b.status).toBe(404);
    expect((await t.call({ url: `/api/votes/${id}`, cookie: c.outsider })).status).toBe(404);
    const o = await t.call({
      method: 'POST',
      url: `/api/votes/${id}/ballots`,
      cookie: c.outsider,
      body: { choice: 0 },
    });
    expect(o.status).toBe(404);
    expect(
      (await create(c.staffB, { title: 'x', scopeId: compoundA.id, closesAt: inHours(24) })).status,
    ).toBe(404);
    expect((await t.call({ url: `/api/votes/${id}/results`, cookie: c.tian })).body.error.code).toBe(
      'vote_result_not_ready',
    );
  });

  it('a minor of the household cannot vote', async () => {
    const before = await counts(id);
    const res = await t.call({
      method: 'POST',
      url: `/api/votes/${id}/ballots`,
      cookie: c.minor,
      body: { choice: 0 },
    });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'vote_not_eligible', details: { reason: 'minor' } });
    expect(await counts(id)).toEqual(before);
    const seen = await t.call({ url: `/api/votes/${id}`, cookie: c.minor });
    expect(seen.body.myBallot).toMatchObject({ state: 'not_eligible', reason: 'minor' });
  });

  it('a bad choice is 422 and counts nothing', async () => {
    const before = await counts(id);
    const res = await t.call({
      method: 'POST',
      url: `/api/votes/${id}/ballots`,
      cookie: c.tian,
      body: { choice: 7 },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('vote_bad_choice');
    expect(await counts(id)).toEqual(before);
  });

  it('田先生 votes; his wife then gets 409; a paper ballot for the household gets 409', async () => {
    const before = await counts(id);
    const res = await t.call({
      method: 'POST',
      url: `/api/votes/${id}/ballots`,
      cookie: c.tian,
      body: { choice: 0 },
    });
    expect(res.status).toBe(200);
    expect(res.body.myBallot).toMatchObject({ state: 'voted', channel: 'phone', choice: 0 });
    expect(await counts(id)).toEqual([before[0] + 1, before[1], before[2]]);

    const wife = await t.call({
      method: 'POST',
      url: `/api/votes/${id}/ballots`,
      cookie: c.spouse,
      body: { choice: 1 },
    });
    expect(wife.status).toBe(409);
    expect(wife.body.error.code).toBe('vote_already_cast');
    expect(wife.body.error.message).toContain('一户一票');
    const en = await t.app.inject({
      method: 'POST',
      url: `/api/votes/${id}/ballots`,
      headers: { cookie: c.spouse, 'accept-language': 'en-US' },
      payload: { choice: 1 },
    });
    expect(JSON.parse(en.body).error.message).toContain('one household, one vote');
    const paper = await t.call({
      method: 'POST',
      url: `/api/votes/${id}/paper-ballots`,
      cookie: c.staffA,
      body: { choice: 2, householdId: L.ownHousehold.id },
    });
    expect(paper.status).toBe(409);
    expect(paper.body.error.code).toBe('vote_already_cast');
    expect(await counts(id)).toEqual([before[0] + 1, before[1], before[2]]);
    const wifeView = await t.call({ url: `/api/votes/${id}`, cookie: c.spouse });
    expect(wifeView.body.myBallot).toMatchObject({ state: 'voted', channel: 'phone' });
  });
});

describe('a motion from draft to published', () => {
  let id: string;
  it('staff create (bad input is 422), open, take paper and phone ballots, close, publish; the result stays frozen', async () => {
    const bad = await create(c.staffA, {
      title: 'x',
      scopeId: buildingA.id,
      closesAt: inHours(24),
      options: ['只有一个'],
    });
    expect(bad.status).toBe(422);
    const scopeBad = await create(c.admin, {
      title: 'x',
      scopeId: L.communityA.path.split('/')[2],
      closesAt: inHours(24),
    });
    expect(scopeBad.body.error.code).toBe('vote_scope_invalid');
    const past = await create(c.staffA, { title: 'x', scopeId: buildingA.id, closesAt: inHours(-1) });
    expect(past.body.error.code).toBe('vote_closes_in_past');
    // A motion put at a meeting must name a real meeting whose level contains the scope, or lies in it.
    const [elsewhere] = await execRows<{ id: string }>(
      t.db,
      sql`select id from meeting where org_path not like ${`${buildingA.path}%`}
            and ${buildingA.path} not like org_path || '%' limit 1`,
    );
    for (const meetingId of [crypto.randomUUID(), elsewhere.id]) {
      const r = await create(c.staffA, {
        title: 'x',
        scopeId: buildingA.id,
        closesAt: inHours(24),
        meetingId,
      });
      expect(r.body.error.code).toBe('vote_meeting_mismatch');
    }

    const res = await create(c.staffA, {
      title: '1号楼外墙维修使用维修资金',
      scopeId: buildingA.id,
      rule: 'art278_major',
      closesAt: inHours(48),
    });
    expect(res.status).toBe(200);
    id = res.body.id;
    expect(res.body).toMatchObject({
      state: 'draft',
      options: ['同意', '反对', '弃权'],
      actions: ['open', 'cancel'],
    });
    // A draft is not the residents' business yet.
    expect((await t.call({ url: `/api/votes/${id}`, cookie: c.tian })).status).toBe(404);
    const opened = await move(c.staffA, id, 'open');
    expect(opened.status).toBe(200);
    expect(opened.body.state).toBe('open');
    expect((await move(c.staffA, id, 'open')).body.error.code).toBe('vote_bad_transition');

    const electors = await t.call({ url: `/api/votes/${id}/electors?pageSize=200`, cookie: c.staffA });
    expect(electors.status).toBe(200);
    const all = electors.body.items as { householdId: string; voted: boolean; label: string }[];
    expect(all.length).toBe(electors.body.total);
    expect(all.every((e) => e.label.startsWith('1号楼'))).toBe(true);
    const search = await t.call({ url: `/api/votes/${id}/electors?q=302`, cookie: c.staffA });
    expect(search.body.items.some((e: { householdId: string }) => e.householdId === L.ownHousehold.id)).toBe(
      true,
    );
    // Everyone else votes on paper: yes, except two who vote no.
    const others = all.filter((e) => e.householdId !== L.ownHousehold.id);
    for (const [k, e] of others.entries()) {
      const r = await t.call({
        method: 'POST',
        url: `/api/votes/${id}/paper-ballots`,
        cookie: c.staffA,
        body: { choice: k < 2 ? 1 : 0, householdId: e.householdId, note: `纸票${k + 1}` },
      });
      expect(r.status).toBe(200);
    }
    // A phone ballot after the paper ballot for the same household: 409.
    const again = await t.call({
      method: 'POST',
      url: `/api/votes/${id}/paper-ballots`,
      cookie: c.staffA,
      body: { choice: 0, householdId: others[0].householdId },
    });
    expect(again.body.error.code).toBe('vote_already_cast');
    expect(
      (
        await t.call({
          method: 'POST',
          url: `/api/votes/${id}/ballots`,
          cookie: c.spouse,
          body: { choice: 0 },
        })
      ).status,
    ).toBe(200);

    const closed = await move(c.staffA, id, 'close');
    expect(closed.status).toBe(200);
    const r = closed.body.result;
    expect(r.electorateCount).toBe(all.length);
    expect(r.cast).toBe(all.length);
    expect(r.tally.map((x: { votes: number }) => x.votes)).toEqual([all.length - 2, 2, 0]);
    expect(r.checks.map((x: { key: string; passed: boolean }) => [x.key, x.passed])).toEqual([
      ['participation_households', true],
      ['participation_area', true],
      ['approval_households', (all.length - 2) * 4 >= all.length * 3],
      ['approval_area', expect.any(Boolean)],
    ]);
    // Electors see it once published, not before.
    expect((await t.call({ url: `/api/votes/${id}`, cookie: c.tian })).body.result).toBeNull();
    expect((await t.call({ url: `/api/public/votes/${id}` })).status).toBe(404);
    const published = await move(c.staffA, id, 'publish');
    expect(published.status).toBe(200);
    const frozen = (await t.call({ url: `/api/votes/${id}/results`, cookie: c.tian })).body;
    expect(frozen.tally).toEqual(r.tally);

    // Nothing moves it afterwards: no ballots, no transitions, no job, not even SQL.
    expect(
      (await t.call({ method: 'POST', url: `/api/votes/${id}/ballots`, cookie: c.tian, body: { choice: 1 } }))
        .body.error.code,
    ).toBe('vote_not_open');
    for (const a of ['open', 'close', 'cancel', 'publish'])
      expect((await move(c.staffA, id, a)).body.error.code).toBe('vote_bad_transition');
    await runVoteJobs(t.db, new Date(Date.now() + 10 * 86_400_000));
    await expect(
      t.db.update(voteResult).set({ cast: 0 }).where(eq(voteResult.motionId, id)),
    ).rejects.toThrow();
    const pub = await t.call({ url: `/api/public/votes/${id}` });
    expect(pub.status).toBe(200);
    expect(pub.body.result.tally).toEqual(r.tally);
    expect(pub.body.result.computedAt).toBe(r.computedAt);
  });

  it('the scheduler closes a due motion and the audit event carries the tally', async () => {
    const res = await create(c.staffA, {
      title: '1号楼楼道堆物清理日',
      scopeId: buildingA.id,
      options: ['周六', '周日'],
      closesAt: inHours(2),
    });
    const mid = res.body.id;
    await move(c.staffA, mid, 'open');
    await t.call({ method: 'POST', url: `/api/votes/${mid}/ballots`, cookie: c.tian, body: { choice: 1 } });
    expect(await runVoteJobs(t.db, new Date(Date.now() + 3_600_000))).toEqual({ closed: 0 });
    expect(await runVoteJobs(t.db, new Date(Date.now() + 3 * 3_600_000))).toEqual({ closed: 1 });
    expect(await runVoteJobs(t.db, new Date(Date.now() + 4 * 3_600_000))).toEqual({ closed: 0 });
    const [m] = await t.db.select().from(voteMotion).where(eq(voteMotion.id, mid));
    expect(m.state).toBe('closed');
    const [ev] = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.subjectId, mid), eq(auditEvent.action, 'votes.motion_closed')));
    expect(ev.summary).toContain('周六 0，周日 1');
    expect(ev.actorName).toBe('系统');
  });
});

describe('a secret ballot', () => {
  it('no route returns any voter choice, for any role', async () => {
    const res = await create(c.staffA, {
      title: '1号楼楼长人选（不记名）',
      scopeId: buildingA.id,
      options: ['张阿姨', '王师傅', '李老师'],
      secret: true,
      closesAt: inHours(24),
    });
    const id = res.body.id;
    await move(c.staffA, id, 'open');
    const cast = await t.call({
      method: 'POST',
      url: `/api/votes/${id}/ballots`,
      cookie: c.tian,
      body: { choice: 2 },
    });
    expect(cast.body.myBallot).toMatchObject({ state: 'voted', choice: null });
    const electors = (await t.call({ url: `/api/votes/${id}/electors?pageSize=200`, cookie: c.staffA })).body
      .items;
    for (const [k, e] of electors.slice(0, 6).entries())
      if (e.householdId !== L.ownHousehold.id)
        await t.call({
          method: 'POST',
          url: `/api/votes/${id}/paper-ballots`,
          cookie: c.staffA,
          body: { choice: k % 2, householdId: e.householdId },
        });
    const rows = await t.db.select().from(voteBallot).where(eq(voteBallot.motionId, id));
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((b) => b.choice === null)).toBe(true);

    const gets = Object.entries(ACCESS_TABLE)
      .filter(([k]) => /^GET \/api\/(public\/)?votes/.test(k))
      .map(([k]) => k.slice(4));
    expect(gets.length).toBeGreaterThanOrEqual(5);
    const crawl = async (stage: string) => {
      for (const [who, cookie] of [['anonymous', undefined], ...Object.entries(c)] as [
        string,
        string | undefined,
      ][]) {
        for (const route of gets) {
          const url = route.replace(':id', id) + (route.endsWith('electors') ? '?pageSize=200' : '');
          const r = await t.call({ url, cookie });
          // Lists also hold other (open) motions, where a household sees its own choice: keep the secret one.
          const body = r.body?.items?.[0]?.id
            ? { items: r.body.items.filter((x: { id: string }) => x.id === id) }
            : r.body;
          const text = JSON.stringify(body);
          // No choice of anyone, in any shape: only null choices, no per-voter rows with an option.
          expect(text, `${stage} ${who} ${url}`).not.toMatch(/"choice":\s*\d/);
          expect(text).not.toMatch(/voterPersonId|enteredBy/);
        }
      }
    };
    await crawl('open');
    await move(c.staffA, id, 'close');
    await move(c.staffA, id, 'publish');
    await crawl('published');
    // The tallies are public after publishing.
    const pub = await t.call({ url: `/api/public/votes/${id}` });
    expect(pub.body.result.tally.reduce((s: number, x: { votes: number }) => s + x.votes, 0)).toBe(
      rows.length,
    );
    // The audit trail names who voted, never what: no option label in any ballot event.
    const events = (await t.call({ url: `/api/audit-events?subjectId=${id}&pageSize=200`, cookie: c.admin }))
      .body.items;
    const ballotEvents = events.filter((e: { action: string }) => e.action.includes('ballot'));
    expect(ballotEvents.length).toBe(rows.length);
    for (const e of ballotEvents)
      for (const label of ['张阿姨', '王师傅', '李老师']) expect(e.summary).not.toContain(label);
  });
});

describe('a members electorate (a body’s members)', () => {
  it('only the named persons vote, one vote each; others do not see it', async () => {
    const [spouse] = await t.db
      .select({ id: person.id })
      .from(person)
      .innerJoin(householdMember, eq(householdMember.personId, person.id))
      .where(and(eq(householdMember.householdId, L.ownHousehold.id), eq(person.name, '李秀英')));
    const bad = await create(c.staffA, {
      title: 'x',
      scopeId: compoundA.id,
      electorate: 'members',
      memberPersonIds: [crypto.randomUUID()],
      closesAt: inHours(24),
    });
    expect(bad.status).toBe(422);
    const art = await create(c.staffA, {
      title: 'x',
      scopeId: compoundA.id,
      rule: 'art278_general',
      electorate: 'members',
      memberPersonIds: [L.tian.id],
      closesAt: inHours(24),
    });
    expect(art.status).toBe(422);
    const res = await create(c.staffA, {
      title: '小区党支部议事：暖心实项目排序',
      scopeId: compoundA.id,
      electorate: 'members',
      memberPersonIds: [L.tian.id, spouse.id],
      options: ['扶手', '充电桩'],
      closesAt: inHours(24),
    });
    expect(res.status).toBe(200);
    const id = res.body.id;
    expect(res.body.electorateCount).toBe(2);
    await move(c.staffA, id, 'open');
    expect((await t.call({ url: `/api/votes/${id}`, cookie: c.minor })).status).toBe(404);
    const a = await t.call({
      method: 'POST',
      url: `/api/votes/${id}/ballots`,
      cookie: c.tian,
      body: { choice: 1 },
    });
    expect(a.status).toBe(200);
    // A member's vote is their own, not the household's: his wife, also a member, still votes.
    const b = await t.call({
      method: 'POST',
      url: `/api/votes/${id}/ballots`,
      cookie: c.spouse,
      body: { choice: 1 },
    });
    expect(b.status).toBe(200);
    const again = await t.call({
      method: 'POST',
      url: `/api/votes/${id}/ballots`,
      cookie: c.spouse,
      body: { choice: 0 },
    });
    expect(again.body.error.code).toBe('vote_already_cast');
    const closed = await move(c.staffA, id, 'close');
    expect(closed.body.result).toMatchObject({ electorateCount: 2, cast: 2, winner: 1, outcome: 'carried' });
  });
});
