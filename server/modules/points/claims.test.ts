import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLAIM_ACTIONS, type ClaimAction, type ClaimState } from '../../../common/contracts/points.ts';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { extraUser, today } from '../../../test/points-fixtures.ts';
import { SYSTEM_ACTOR } from '../../platform/access.ts';
import { canMove } from './claim-machine.ts';
import { checkLedger } from './ledger.ts';
import { closePosting, publishPosting } from './postings.ts';
import { claim, ledgerEntry, posting } from './schema.ts';

let t: TestApp;
let c: Record<'tian' | 'grid' | 'committee' | 'committee2' | 'staff' | 'otherGrid' | 'dual', string>;
let d: Awaited<ReturnType<typeof demoLandmarks>>;

beforeAll(async () => {
  t = await testApp();
  d = await demoLandmarks(t.db);
  await extraUser(t.db, '13933330001', ['points_committee']);
  await extraUser(t.db, '13933330002', ['grid_worker', 'points_committee']);
  c = {
    tian: await t.login('13900000007'),
    grid: await t.login('13900000005'),
    committee: await t.login('13900000006'),
    committee2: await t.login('13933330001'),
    staff: await t.login('13900000003'),
    otherGrid: await t.login('13900001001'),
    dual: await t.login('13933330002'),
  };
});
afterAll(async () => {
  expect(await checkLedger(t.db)).toEqual([]);
  await t.close();
});
afterEach(() => vi.useRealTimers());

const declare = (cookie: string, body: Record<string, unknown>) =>
  t.call({
    method: 'POST',
    url: '/api/points/claims',
    cookie,
    body: { quantity: 1, deedDate: today(), ...body },
  });
const move = (cookie: string, id: string, action: ClaimAction, extra: Record<string, unknown> = {}) =>
  t.call({
    method: 'POST',
    url: `/api/points/claims/${id}/transitions`,
    cookie,
    body: { action, note: '测试原因', ...extra },
  });

let period = 0;
/** A fresh claim of 田先生's (an adopted suggestion, no photo needed) driven to `state`. */
async function claimIn(state: ClaimState): Promise<string> {
  const res = await declare(c.tian, { ruleCode: 'C06', description: '建议增设休息座椅' });
  expect(res.status).toBe(200);
  const id: string = res.body.id;
  const go = async (cookie: string, action: ClaimAction) =>
    expect((await move(cookie, id, action)).status).toBe(200);
  if (state === 'submitted') return id;
  if (state === 'needs_info') {
    await go(c.grid, 'ask_more');
    return id;
  }
  if (state === 'withdrawn') {
    await go(c.tian, 'withdraw');
    return id;
  }
  if (state === 'rejected') {
    await go(c.grid, 'check_reject');
    return id;
  }
  await go(c.grid, 'check_pass');
  if (state === 'checked') return id;
  await go(c.committee, 'approve');
  if (state === 'approved') return id;
  const p = await t.db.transaction((tx) =>
    publishPosting({ actor: SYSTEM_ACTOR, tx }, d.communityA.id, `1999-${String(++period).padStart(2, '0')}`),
  );
  if (state === 'posted') return id;
  if (state === 'credited') {
    await t.db.transaction((tx) =>
      closePosting({ actor: SYSTEM_ACTOR, tx }, p.id, new Date(Date.now() + 8 * 86_400_000)),
    );
    return id;
  }
  // revoked: a neighbour objects and the committee upholds it
  const o = await t.call({
    method: 'POST',
    url: '/api/points/objections',
    cookie: c.tian,
    body: { claimId: id, reason: '情况不属实，请核实' },
  });
  expect(o.status).toBe(200);
  const dec = await t.call({
    method: 'POST',
    url: `/api/points/objections/${o.body.id}/decision`,
    cookie: c.committee,
    body: { decision: 'uphold', note: '经核实不属实' },
  });
  expect(dec.status).toBe(200);
  return id;
}

const ACTOR_FOR: Record<ClaimAction, 'grid' | 'tian' | 'committee'> = {
  check_pass: 'grid',
  ask_more: 'grid',
  check_reject: 'grid',
  resubmit: 'tian',
  withdraw: 'tian',
  approve: 'committee',
  reject: 'committee',
};
const STATES: ClaimState[] = [
  'submitted',
  'needs_info',
  'checked',
  'approved',
  'posted',
  'credited',
  'rejected',
  'withdrawn',
  'revoked',
];

describe('claim state machine', () => {
  for (const state of STATES) {
    it(`from ${state}: exactly the table's moves are accepted`, async () => {
      for (const action of CLAIM_ACTIONS) {
        const id = await claimIn(state);
        const res = await move(c[ACTOR_FOR[action]], id, action);
        const [row] = await t.db.select().from(claim).where(eq(claim.id, id));
        if (canMove(state, action)) {
          expect([action, res.status]).toEqual([action, 200]);
        } else {
          expect([action, res.status, res.body.error.code]).toEqual([action, 409, 'illegal_transition']);
          expect(row.state).toBe(state);
        }
      }
    });
  }

  it('shows the whole timeline, and only the moves this actor may make', async () => {
    const id = await claimIn('checked');
    const asCommittee = await t.call({ url: `/api/points/claims/${id}`, cookie: c.committee });
    expect(asCommittee.body.actions).toEqual(['approve', 'reject']);
    const asTian = await t.call({ url: `/api/points/claims/${id}`, cookie: c.tian });
    expect(asTian.body.actions).toEqual(['withdraw']);
    expect(asTian.body.timeline.map((e: { toState: string }) => e.toState)).toEqual(['submitted', 'checked']);
    expect(asTian.body.timeline[1].actorName).toBe('周网格');
  });

  it('requires a reason to reject or ask for more, and keeps the state without one', async () => {
    const id = await claimIn('submitted');
    const res = await t.call({
      method: 'POST',
      url: `/api/points/claims/${id}/transitions`,
      cookie: c.grid,
      body: { action: 'check_reject' },
    });
    expect(res.status).toBe(422);
    const [row] = await t.db.select().from(claim).where(eq(claim.id, id));
    expect(row.state).toBe('submitted');
  });

  it('lets the grid check adjust the quantity within the rule’s caps', async () => {
    const res = await declare(c.tian, { ruleCode: 'C03', description: '2单元楼道灯不亮', photoIds: [] });
    expect(res.body.error.code).toBe('evidence_required');
    const byGrid = await declare(c.grid, {
      ruleCode: 'B02',
      personId: d.tian.id,
      description: '配合人口信息登记',
    });
    expect(byGrid.body).toMatchObject({ state: 'checked', declaredVia: 'grid_worker', points: 5 });
    const id = await claimIn('submitted');
    const over = await move(c.grid, id, 'check_pass', { quantity: 3 });
    expect(over.status).toBe(200);
    expect(over.body).toMatchObject({ quantity: 3, points: 3 * 30 });
  });
});

describe('separation of duties', () => {
  it('nobody checks or approves their own claim; checker ≠ approver; declarer ≠ approver', async () => {
    // A committee member opens a deduction; the grid worker checks it; the same member may not approve.
    const ded = await declare(c.committee, {
      ruleCode: 'D01',
      personId: d.tian.id,
      description: '占用消防通道停车',
    });
    expect(ded.body).toMatchObject({ state: 'submitted', kind: 'deduction', declaredVia: 'committee' });
    expect((await move(c.grid, ded.body.id, 'check_pass')).status).toBe(200);
    const self = await move(c.committee, ded.body.id, 'approve');
    expect([self.status, self.body.error.code]).toEqual([403, 'separation_of_duties']);
    expect((await move(c.committee2, ded.body.id, 'approve')).status).toBe(200);

    // One person with both roles may check, and then may not approve what they checked.
    const id = await claimIn('submitted');
    const otherCheck = await move(c.otherGrid, id, 'check_pass');
    expect([otherCheck.status, otherCheck.body.error.code]).toEqual([403, 'not_grid_worker_of_building']);
    expect((await move(c.grid, id, 'check_pass')).status).toBe(200);
    const fresh = await claimIn('submitted');
    // The dual-role user is not 田's building's grid worker: they can't check, but can approve others' checks.
    expect((await move(c.dual, fresh, 'check_pass')).status).toBe(403);
    expect((await move(c.dual, id, 'approve')).status).toBe(200);
  });

  it('a committee member who is the claimant may not approve their own claim', async () => {
    await extraUser(t.db, '13933330003', ['points_committee', 'resident'], '13900000007');
    const tianOnCommittee = await t.login('13933330003');
    const id = await claimIn('checked');
    const res = await move(tianOnCommittee, id, 'approve');
    expect([res.status, res.body.error.code]).toEqual([403, 'separation_of_duties']);
  });

  it('a resident may not check, approve, or move a neighbour’s claim', async () => {
    const id = await claimIn('submitted');
    expect((await move(c.tian, id, 'check_pass')).status).toBe(403);
    const neighbour = await t.login('13900000004'); // community B staff: out of scope
    expect((await move(neighbour, id, 'check_pass')).status).toBe(404);
    expect((await t.call({ url: `/api/points/claims/${id}`, cookie: neighbour })).status).toBe(404);
  });
});

describe('rule versions', () => {
  it('uses the version in force on the deed date, not the newest', async () => {
    const sep = await declare(c.tian, { ruleCode: 'C06', deedDate: '2026-09-20', description: '九月的建议' });
    const oct = await declare(c.tian, { ruleCode: 'C06', deedDate: '2026-10-20', description: '十月的建议' });
    expect([sep.body.rulebookVersion, sep.body.points]).toEqual([1, 20]);
    expect([oct.body.rulebookVersion, oct.body.points]).toEqual([2, 30]);
    const early = await declare(c.tian, {
      ruleCode: 'C06',
      deedDate: '2025-06-01',
      description: '细则施行前',
    });
    expect(early.body.error.code).toBe('rule_not_in_force');
    const future = await declare(c.tian, { ruleCode: 'C06', deedDate: '2099-01-01', description: '未来' });
    expect(future.body.error.code).toBe('deed_in_future');
  });

  it('never changes an active version; a revision is a new draft that takes effect from its date', async () => {
    const sub = await t.login('13900000002');
    const list = await t.call({ url: `/api/points/rulebooks?orgUnitId=${d.communityA.id}`, cookie: sub });
    const active = list.body.items.find((b: { status: string }) => b.status === 'active');
    const full = await t.call({ url: `/api/points/rulebooks/${active.id}`, cookie: sub });
    const edit = await t.call({
      method: 'PUT',
      url: `/api/points/rulebooks/${active.id}`,
      cookie: sub,
      body: { orgUnitId: active.orgUnitId, title: 'x', chapters: [] },
    });
    expect(edit.status).toBe(422); // empty chapters: refused before the state check
    const revise = await t.call({
      method: 'POST',
      url: `/api/points/rulebooks/${active.id}/revise`,
      cookie: sub,
    });
    expect(revise.body).toMatchObject({ status: 'draft', version: active.version + 1 });
    expect(revise.body.chapters).toHaveLength(full.body.chapters.length);
    const activateBad = await t.call({
      method: 'POST',
      url: `/api/points/rulebooks/${revise.body.id}/activate`,
      cookie: sub,
      body: { effectiveFrom: '2026-01-01' },
    });
    expect(activateBad.body.error.code).toBe('effective_date_invalid');
    const activate = await t.call({
      method: 'POST',
      url: `/api/points/rulebooks/${revise.body.id}/activate`,
      cookie: sub,
      body: { effectiveFrom: '2027-01-01' },
    });
    expect(activate.body).toMatchObject({ status: 'active', effectiveFrom: '2027-01-01' });
    const again = await t.call({
      method: 'PUT',
      url: `/api/points/rulebooks/${revise.body.id}`,
      cookie: sub,
      body: {
        orgUnitId: active.orgUnitId,
        title: 'x',
        chapters: [{ title: 'a', articles: [{ title: 'b' }] }],
      },
    });
    expect(again.body.error.code).toBe('rulebook_not_draft');
    // A deed today still uses the version in force today.
    const now = await declare(c.tian, { ruleCode: 'C06', description: '今天的建议' });
    expect(now.body.rulebookVersion).toBe(active.version);
  });
});

describe('caps', () => {
  it('refuses a claim that would pass the monthly cap', async () => {
    // C01 is capped at 60 a month; the grid worker records six clean-ups, the seventh is refused.
    for (let i = 0; i < 6; i++) {
      const r = await declare(c.grid, {
        ruleCode: 'C01',
        personId: d.tian.id,
        deedDate: '2026-08-10',
        description: `清理${i}`,
      });
      expect(r.status).toBe(200);
    }
    const over = await declare(c.grid, {
      ruleCode: 'C01',
      personId: d.tian.id,
      deedDate: '2026-08-11',
      description: '第七次',
    });
    expect([over.status, over.body.error.code]).toEqual([422, 'cap_exceeded']);
  });
});

describe('postings and objections', () => {
  it('credits nothing before the window closes, credits once after, and revokes on an upheld objection', async () => {
    const keep = await claimIn('approved');
    const object = await claimIn('approved');
    const publish = await t.call({
      method: 'POST',
      url: '/api/points/postings',
      cookie: c.committee,
      body: { communityId: d.communityA.id, period: '2030-01' },
    });
    expect(publish.status).toBe(200);
    expect(publish.body.rows.map((r: { name: string }) => r.name)).toContain('田*明');
    const again = await t.call({
      method: 'POST',
      url: '/api/points/postings',
      cookie: c.committee,
      body: { communityId: d.communityA.id, period: '2030-01' },
    });
    expect(again.body.error.code).toBe('posting_exists');

    const o = await t.call({
      method: 'POST',
      url: '/api/points/objections',
      cookie: c.tian,
      body: { claimId: object, reason: '重复申报' },
    });
    expect(o.status).toBe(200);
    const dup = await t.call({
      method: 'POST',
      url: '/api/points/objections',
      cookie: c.tian,
      body: { claimId: object, reason: '重复申报' },
    });
    expect(dup.body.error.code).toBe('already_objected');
    await t.call({
      method: 'POST',
      url: `/api/points/objections/${o.body.id}/decision`,
      cookie: c.committee,
      body: { decision: 'uphold', note: '确属重复' },
    });

    const entries = async (id: string) =>
      (await t.db.select().from(ledgerEntry).where(eq(ledgerEntry.causeId, id))).map((e) => e.amount);
    const [p] = await t.db.select().from(posting).where(eq(posting.period, '2030-01'));
    await t.db.transaction((tx) =>
      closePosting({ actor: SYSTEM_ACTOR, tx }, p.id, new Date(p.closesAt.getTime() - 1000)),
    );
    expect(await entries(keep)).toEqual([]);
    await t.db.transaction((tx) => closePosting({ actor: SYSTEM_ACTOR, tx }, p.id, p.closesAt));
    expect(await entries(keep)).toEqual([30]);
    await t.db.transaction((tx) =>
      closePosting({ actor: SYSTEM_ACTOR, tx }, p.id, new Date(p.closesAt.getTime() + 86_400_000)),
    );
    expect(await entries(keep)).toEqual([30]);
    expect(await entries(object)).toEqual([]);
    const [kept] = await t.db.select().from(claim).where(eq(claim.id, keep));
    const [revoked] = await t.db.select().from(claim).where(eq(claim.id, object));
    expect([kept.state, revoked.state]).toEqual(['credited', 'revoked']);
    const late = await t.call({
      method: 'POST',
      url: '/api/points/objections',
      cookie: c.tian,
      body: { claimId: keep, reason: '迟到的异议' },
    });
    expect(late.body.error.code).toBe('not_on_posting');
  });

  it('holds a claim with an open objection at close, and credits it when the objection is dismissed', async () => {
    const id = await claimIn('approved');
    await t.call({
      method: 'POST',
      url: '/api/points/postings',
      cookie: c.committee,
      body: { communityId: d.communityA.id, period: '2030-02' },
    });
    const o = await t.call({
      method: 'POST',
      url: '/api/points/objections',
      cookie: c.tian,
      body: { claimId: id, reason: '请核实情况' },
    });
    expect(o.status).toBe(200);
    const [p] = await t.db.select().from(posting).where(eq(posting.period, '2030-02'));
    await t.db.transaction((tx) => closePosting({ actor: SYSTEM_ACTOR, tx }, p.id, p.closesAt));
    expect((await t.db.select().from(claim).where(eq(claim.id, id)))[0].state).toBe('posted');
    const dec = await t.call({
      method: 'POST',
      url: `/api/points/objections/${o.body.id}/decision`,
      cookie: c.committee,
      body: { decision: 'dismiss', note: '经核实属实' },
    });
    expect(dec.status).toBe(200);
    expect((await t.db.select().from(claim).where(eq(claim.id, id)))[0].state).toBe('credited');
    const twice = await t.call({
      method: 'POST',
      url: `/api/points/objections/${o.body.id}/decision`,
      cookie: c.committee,
      body: { decision: 'uphold', note: '再次' },
    });
    expect(twice.body.error.code).toBe('objection_decided');
  });
});

describe('my account', () => {
  it('shows 田先生’s 150 points from the demo, each entry naming its claim and rule version', async () => {
    const fresh = await testApp();
    try {
      const me = await fresh.call({ url: '/api/points/me', cookie: await fresh.login('13900000007') });
      expect(me.body.balance).toBe(150);
      expect(
        me.body.entries.every(
          (e: { causeType: string; rulebookVersion: number }) =>
            e.causeType === 'claim' && e.rulebookVersion >= 1,
        ),
      ).toBe(true);
      const hh = await fresh.call({
        url: `/api/points/households/${d.ownHousehold.id}`,
        cookie: await fresh.login('13900000007'),
      });
      expect(hh.body.total).toBe(150);
      expect(await checkLedger(fresh.db)).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});

describe('social organisations and consent', () => {
  it('a social organisation earns on its own account and is named in full on the posting', async () => {
    const org = await t.call({
      method: 'POST',
      url: '/api/partner-units',
      cookie: c.staff,
      body: { orgUnitId: d.communityA.id, name: '春熙邻里互助会', kind: 'social_org' },
    });
    expect(org.status).toBe(200);
    const claimed = await declare(c.grid, {
      ruleCode: 'C01',
      partnerUnitId: org.body.id,
      description: '组织楼道大扫除',
    });
    expect(claimed.body).toMatchObject({
      state: 'checked',
      participant: 'social_org',
      claimantName: '春熙邻里互助会',
      personId: null,
    });
    // A rule not meant for organisations is refused.
    const wrong = await declare(c.grid, {
      ruleCode: 'B02',
      partnerUnitId: org.body.id,
      description: '基础分',
    });
    expect(wrong.body.error.code).toBe('rule_not_for_participant');
    expect((await move(c.committee, claimed.body.id, 'approve')).status).toBe(200);
    const p = await t.call({
      method: 'POST',
      url: '/api/points/postings',
      cookie: c.committee,
      body: { communityId: d.communityA.id, period: '2031-01' },
    });
    expect(p.body.rows.find((r: { claimId: string }) => r.claimId === claimed.body.id).name).toBe(
      '春熙邻里互助会',
    );
    const [row] = await t.db.select().from(posting).where(eq(posting.period, '2031-01'));
    await t.db.transaction((tx) => closePosting({ actor: SYSTEM_ACTOR, tx }, row.id, row.closesAt));
    const [credited] = await t.db.select().from(claim).where(eq(claim.id, claimed.body.id));
    expect(credited.state).toBe('credited');
    const entries = await t.db.select().from(ledgerEntry).where(eq(ledgerEntry.causeId, claimed.body.id));
    expect(entries.map((e) => [e.amount, e.accountId])).toEqual([[10, credited.accountId]]);
  });

  it('records consent to public posting with a resident’s own claim, and its withdrawal', async () => {
    const off = await declare(c.tian, {
      ruleCode: 'C06',
      description: '建议增设宣传栏',
      publicConsent: false,
    });
    expect(off.status).toBe(200);
    expect((await t.call({ url: '/api/points/me', cookie: c.tian })).body.publicConsent).toBe(false);
    await declare(c.tian, { ruleCode: 'C06', description: '建议增设宣传栏二', publicConsent: true });
    expect((await t.call({ url: '/api/points/me', cookie: c.tian })).body.publicConsent).toBe(true);
  });
});

describe('postings for residents', () => {
  it('lists the resident’s own community’s postings without naming the community', async () => {
    const res = await t.call({ url: '/api/points/postings', cookie: c.tian });
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { period: string }) => p.period)).toEqual(
      expect.arrayContaining(['2026-09', '2026-10']),
    );
    expect(res.body.items.every((p: { communityId: string }) => p.communityId === d.communityA.id)).toBe(
      true,
    );
  });
});
