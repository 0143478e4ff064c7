import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { hashPassword } from '../../platform/password.ts';
import { auditEvent } from '../../platform/schema.ts';
import { createUser } from '../../platform/users.ts';
import { householdMember, orgUnit, person } from '../org/schema.ts';
import { runVoteJobs } from './motions.ts';
import { voteBallot, voteCount, voteResult } from './schema.ts';

// On PostgreSQL, where requests really run at once: one household, one vote under simultaneous
// ballots from two adult members on their phones and a paper ballot entered by staff.
let t: TestApp;
let L: Awaited<ReturnType<typeof demoLandmarks>>;
let staff: string;
let tian: string;
let spouse: string;
let buildingId: string;

beforeAll(async () => {
  expect(process.env.DATABASE_URL).toMatch(/^postgres/);
  t = await testApp();
  L = await demoLandmarks(t.db);
  staff = await t.login('13900000003');
  tian = await t.login('13900000007');
  const [wife] = await t.db
    .select({ p: person })
    .from(householdMember)
    .innerJoin(person, eq(person.id, householdMember.personId))
    .where(and(eq(householdMember.householdId, L.ownHousehold.id), eq(person.name, '李秀英')));
  await createUser(t.db, {
    phone: '13922220001',
    passwordHash: await hashPassword('Linli@2026'),
    displayName: '李秀英',
    personId: wife.p.id,
    grants: [
      {
        role: 'resident',
        orgUnitId: L.ownHousehold.buildingId,
        orgPath: L.ownHousehold.orgPath,
        householdId: L.ownHousehold.id,
      },
    ],
  });
  spouse = await t.login('13922220001');
  const [b] = await t.db.select().from(orgUnit).where(eq(orgUnit.path, L.ownHousehold.orgPath));
  buildingId = b.id;
});
afterAll(async () => {
  expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  await t.close();
});

async function openMotion(secret: boolean) {
  const res = await t.call({
    method: 'POST',
    url: '/api/votes',
    cookie: staff,
    body: {
      title: `1号楼议题 ${Math.random().toString(36).slice(2, 6)}`,
      scopeId: buildingId,
      secret,
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  expect(res.status).toBe(200);
  const opened = await t.call({
    method: 'POST',
    url: `/api/votes/${res.body.id}/transitions`,
    cookie: staff,
    body: { action: 'open' },
  });
  expect(opened.status).toBe(200);
  return res.body.id as string;
}

describe('one household, one vote, at the same moment', () => {
  for (const secret of [false, true])
    it(`two members on their phones and a paper entry at once → exactly one ballot counts (secret: ${secret})`, async () => {
      for (let round = 0; round < 5; round++) {
        const id = await openMotion(secret);
        const replies = await Promise.all([
          t.call({ method: 'POST', url: `/api/votes/${id}/ballots`, cookie: tian, body: { choice: 0 } }),
          t.call({ method: 'POST', url: `/api/votes/${id}/ballots`, cookie: spouse, body: { choice: 1 } }),
          t.call({
            method: 'POST',
            url: `/api/votes/${id}/paper-ballots`,
            cookie: staff,
            body: { choice: 2, householdId: L.ownHousehold.id },
          }),
        ]);
        const statuses = replies.map((r) => r.status).sort();
        expect(statuses, JSON.stringify(replies.map((r) => r.body))).toEqual([200, 409, 409]);
        for (const r of replies.filter((x) => x.status === 409))
          expect(r.body.error.code).toBe('vote_already_cast');
        const winner = replies.findIndex((r) => r.status === 200);
        const ballots = await t.db.select().from(voteBallot).where(eq(voteBallot.motionId, id));
        expect(ballots).toHaveLength(1);
        expect(ballots[0].channel).toBe(winner === 2 ? 'paper' : 'phone');
        const counts = await t.db
          .select()
          .from(voteCount)
          .where(eq(voteCount.motionId, id))
          .orderBy(voteCount.option);
        expect(counts.map((c) => c.votes)).toEqual([0, 1, 2].map((o) => (o === winner ? 1 : 0)));
        // Exactly one ballot event on the audit chain: the losers' transactions left nothing.
        const [{ n }] = await t.db
          .select({ n: sql<number>`count(*)::int` })
          .from(auditEvent)
          .where(and(eq(auditEvent.subjectId, id), sql`${auditEvent.action} like 'votes.%ballot%'`));
        expect(n).toBe(1);
      }
    });

  it('ballots racing the closing job: every ballot that got 200 is in the frozen count', async () => {
    const id = await openMotion(false);
    const electors = (await t.call({ url: `/api/votes/${id}/electors?pageSize=200`, cookie: staff })).body
      .items as { householdId: string }[];
    const replies = await Promise.all([
      ...electors.slice(0, 12).map((e, k) =>
        t.call({
          method: 'POST',
          url: `/api/votes/${id}/paper-ballots`,
          cookie: staff,
          body: { choice: k % 3, householdId: e.householdId },
        }),
      ),
      t.call({
        method: 'POST',
        url: `/api/votes/${id}/transitions`,
        cookie: staff,
        body: { action: 'close' },
      }),
      runVoteJobs(t.db, new Date(Date.now() + 2 * 86_400_000)).then(() => ({ status: 200, body: null })),
    ]);
    expect(replies.filter((r) => r.status >= 500)).toEqual([]);
    const accepted = replies.slice(0, 12).filter((r) => r.status === 200).length;
    const [result] = await t.db.select().from(voteResult).where(eq(voteResult.motionId, id));
    expect(result.cast).toBe(accepted);
    const ballots = await t.db.select().from(voteBallot).where(eq(voteBallot.motionId, id));
    expect(ballots).toHaveLength(accepted);
  });
});
