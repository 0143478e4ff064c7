import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../test/harness.ts';
import { extraUser, today } from '../../test/points-fixtures.ts';
import { closePosting, publishPosting } from '../modules/points/postings.ts';
import { SYSTEM_ACTOR } from './access.ts';
import { notify } from './notify.ts';
import { notification, userAccount } from './schema.ts';

let t: TestApp;
let tianId: string;
let gridId: string;

const userId = async (phone: string) =>
  (await t.db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.phone, phone)))[0].id;

beforeAll(async () => {
  t = await testApp();
  tianId = await userId('13900000007');
  gridId = await userId('13900000005');
});
afterAll(async () => {
  await t.close();
});

const inboxOf = (id: string) => t.db.select().from(notification).where(eq(notification.recipientUserId, id));

describe('notify', () => {
  it('writes nothing when the caller rolls back', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        expect(await notify(tx, { recipients: [tianId], kind: 'test.rollback', title: '不会出现' })).toBe(1);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await inboxOf(tianId)).filter((n) => n.kind === 'test.rollback')).toEqual([]);
  });

  it('drops duplicate and empty recipients, and a dedupe key sends nothing twice', async () => {
    const notice = {
      recipients: [tianId, null, gridId, undefined, tianId],
      kind: 'test.dedupe',
      title: '一次',
      link: '/m/points',
      subject: { type: 'claim', id: 'c1' },
      dedupeKey: 'claim:c1:approved',
    };
    expect(await t.db.transaction((tx) => notify(tx, notice))).toBe(2);
    expect(await t.db.transaction((tx) => notify(tx, notice))).toBe(0);
    expect(
      await t.db.transaction((tx) => notify(tx, { ...notice, recipients: [tianId, gridId, null] })),
    ).toBe(0);
    const rows = await t.db
      .select()
      .from(notification)
      .where(and(eq(notification.kind, 'test.dedupe')));
    expect(rows.map((r) => r.recipientUserId).sort()).toEqual([tianId, gridId].sort());
    expect(rows[0]).toMatchObject({
      title: '一次',
      link: '/m/points',
      subjectType: 'claim',
      subjectId: 'c1',
      urgent: false,
      readAt: null,
    });
    // Without a key, the same notice is a new one each time.
    expect(await notify(t.db, { recipients: [tianId], kind: 'test.nokey', title: '甲' })).toBe(1);
    expect(await notify(t.db, { recipients: [tianId], kind: 'test.nokey', title: '甲' })).toBe(1);
    expect(await notify(t.db, { recipients: [null, undefined], kind: 'test.nokey', title: '无人' })).toBe(0);
  });

  it('refuses a link that is not a path on this site', async () => {
    await expect(
      notify(t.db, { recipients: [tianId], kind: 'test.bad', title: '坏', link: 'https://evil.example' }),
    ).rejects.toThrow();
    await expect(
      notify(t.db, { recipients: [tianId], kind: 'test.bad', title: '坏', link: '//evil.example' }),
    ).rejects.toThrow();
    await expect(notify(t.db, { recipients: [tianId], kind: 'nodot', title: '坏' })).rejects.toThrow();
    expect((await inboxOf(tianId)).filter((n) => n.kind === 'test.bad')).toEqual([]);
  });
});

describe('inbox routes', () => {
  let a: string;
  let b: string;
  let aId: string;
  let bId: string;
  beforeAll(async () => {
    await extraUser(t.db, '13944440001', ['points_committee']);
    await extraUser(t.db, '13944440002', ['points_committee']);
    a = await t.login('13944440001');
    b = await t.login('13944440002');
    aId = await userId('13944440001');
    bId = await userId('13944440002');
  });

  it('refuses every inbox route without a session (401)', async () => {
    const [n] = await t.db.transaction(async (tx) => {
      await notify(tx, { recipients: [aId], kind: 'test.anon', title: '匿名不可见' });
      return tx.select().from(notification).where(eq(notification.kind, 'test.anon'));
    });
    for (const [method, url] of [
      ['GET', '/api/inbox'],
      ['GET', '/api/inbox/unread-count'],
      ['POST', `/api/inbox/${n.id}/read`],
      ['POST', '/api/inbox/read-all'],
    ] as const) {
      const res = await t.call({ method, url });
      expect([url, res.status, res.body.error.code]).toEqual([url, 401, 'unauthenticated']);
    }
    const [after] = await t.db.select().from(notification).where(eq(notification.id, n.id));
    expect(after.readAt).toBeNull();
  });

  it("another user's notice is not found (404) and stays unread; a bad id is 422", async () => {
    await notify(t.db, { recipients: [aId], kind: 'test.private', title: '只给甲', dedupeKey: 'private' });
    const [n] = await t.db.select().from(notification).where(eq(notification.kind, 'test.private'));
    const res = await t.call({ method: 'POST', url: `/api/inbox/${n.id}/read`, cookie: b });
    expect([res.status, res.body.error.code]).toEqual([404, 'not_found']);
    const list = await t.call({ url: '/api/inbox', cookie: b });
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(n.id);
    const [after] = await t.db.select().from(notification).where(eq(notification.id, n.id));
    expect(after.readAt).toBeNull();
    const none = await t.call({
      method: 'POST',
      url: '/api/inbox/00000000-0000-4000-8000-000000000000/read',
      cookie: a,
    });
    expect(none.status).toBe(404);
    const bad = await t.call({ method: 'POST', url: '/api/inbox/not-a-uuid/read', cookie: a });
    expect([bad.status, bad.body.error.code]).toEqual([422, 'validation_failed']);
    // Clean slate for the counting test below.
    await t.db.delete(notification).where(eq(notification.recipientUserId, aId));
  });

  it('lists own notices paged, urgent unread first; counts, reads one, reads all', async () => {
    for (let i = 1; i <= 5; i++)
      await notify(t.db, {
        recipients: [aId, bId],
        kind: 'test.plain',
        title: `通知${i}`,
        link: `/m/n/${i}`,
      });
    await notify(t.db, {
      recipients: [aId],
      kind: 'case.emergency',
      title: '紧急：燃气泄漏',
      urgent: true,
      link: '/m/cases/x',
    });

    expect((await t.call({ url: '/api/inbox/unread-count', cookie: a })).body).toEqual({
      count: 6,
      urgent: 1,
    });
    const p1 = await t.call({ url: '/api/inbox?page=1&pageSize=4', cookie: a });
    const p2 = await t.call({ url: '/api/inbox?page=2&pageSize=4', cookie: a });
    expect([p1.status, p1.body.total, p1.body.items.length, p2.body.items.length]).toEqual([200, 6, 4, 2]);
    expect(p1.body.items[0]).toMatchObject({
      kind: 'case.emergency',
      urgent: true,
      readAt: null,
      link: '/m/cases/x',
    });
    const ids = [...p1.body.items, ...p2.body.items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(6);

    // Reading one: it loses its place at the top, the count drops, a second read keeps the first time.
    const urgentId = p1.body.items[0].id;
    const read = await t.call({ method: 'POST', url: `/api/inbox/${urgentId}/read`, cookie: a });
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    const again = await t.call({ method: 'POST', url: `/api/inbox/${urgentId}/read`, cookie: a });
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await t.call({ url: '/api/inbox/unread-count', cookie: a })).body).toEqual({
      count: 5,
      urgent: 0,
    });
    const unread = await t.call({ url: '/api/inbox?unread=true', cookie: a });
    expect(unread.body.total).toBe(5);
    expect(unread.body.items.map((i: { id: string }) => i.id)).not.toContain(urgentId);

    // Read all marks only the reader's own notices.
    const all = await t.call({ method: 'POST', url: '/api/inbox/read-all', cookie: a });
    expect([all.status, all.body.marked]).toEqual([200, 5]);
    expect((await t.call({ url: '/api/inbox/unread-count', cookie: a })).body).toEqual({
      count: 0,
      urgent: 0,
    });
    expect((await t.call({ url: '/api/inbox?unread=true', cookie: a })).body.total).toBe(0);
    expect((await t.call({ url: '/api/inbox', cookie: a })).body.total).toBe(6);
    expect((await t.call({ url: '/api/inbox/unread-count', cookie: b })).body.count).toBe(5);
  });

  it('rejects a bad page with 422', async () => {
    const res = await t.call({ url: '/api/inbox?page=0', cookie: a });
    expect([res.status, res.body.error.code]).toEqual([422, 'validation_failed']);
  });
});

describe('points notices', () => {
  let tian: string;
  let grid: string;
  let committee: string;
  let committee2: string;
  let d: Awaited<ReturnType<typeof demoLandmarks>>;
  beforeAll(async () => {
    d = await demoLandmarks(t.db);
    await extraUser(t.db, '13944440003', ['points_committee']);
    tian = await t.login('13900000007');
    grid = await t.login('13900000005');
    committee = await t.login('13900000006');
    committee2 = await t.login('13944440003');
  });

  const tianInbox = async (kind: string, claimId: string) =>
    (await inboxOf(tianId)).filter((n) => n.kind === kind && n.subjectId === claimId);
  const declare = async (cookie: string, body: Record<string, unknown>) => {
    const res = await t.call({
      method: 'POST',
      url: '/api/points/claims',
      cookie,
      body: { quantity: 1, deedDate: today(), ...body },
    });
    expect(res.status).toBe(200);
    return res.body.id as string;
  };
  const move = async (cookie: string, id: string, action: string, note = '测试原因') => {
    const res = await t.call({
      method: 'POST',
      url: `/api/points/claims/${id}/transitions`,
      cookie,
      body: { action, note },
    });
    expect(res.status).toBe(200);
  };

  it('the declarant hears of approval, then of the points credited when the posting closes', async () => {
    const id = await declare(tian, { ruleCode: 'C06', description: '建议增设休息座椅' });
    await move(grid, id, 'check_pass');
    expect(await tianInbox('points.claim_approved', id)).toEqual([]);
    await move(committee, id, 'approve');
    const [approved] = await tianInbox('points.claim_approved', id);
    expect(approved).toMatchObject({ link: `/m/points/claims/${id}`, subjectType: 'claim', readAt: null });
    expect(approved.title).toContain('已通过社区评议');

    const p = await t.db.transaction((tx) =>
      publishPosting({ actor: SYSTEM_ACTOR, tx }, d.communityA.id, '1998-01'),
    );
    expect(await tianInbox('points.claim_credited', id)).toEqual([]);
    const close = () =>
      t.db.transaction((tx) =>
        closePosting({ actor: SYSTEM_ACTOR, tx }, p.id, new Date(Date.now() + 8 * 86_400_000)),
      );
    await close();
    const credited = await tianInbox('points.claim_credited', id);
    expect(credited).toHaveLength(1);
    expect(credited[0].title).toMatch(/已记入 \d+ 分/);
    await close();
    expect(await tianInbox('points.claim_credited', id)).toHaveLength(1);
    // The resident sees it through the API too.
    const list = await t.call({ url: '/api/inbox?pageSize=50', cookie: tian });
    expect(
      list.body.items.map((i: { subjectId: string; kind: string }) => `${i.kind}:${i.subjectId}`),
    ).toEqual(expect.arrayContaining([`points.claim_approved:${id}`, `points.claim_credited:${id}`]));
  });

  it('the declarant hears when an objection during the posting revokes the claim', async () => {
    const id = await declare(tian, { ruleCode: 'C06', description: '建议增设自行车棚' });
    await move(grid, id, 'check_pass');
    await move(committee, id, 'approve');
    await t.db.transaction((tx) => publishPosting({ actor: SYSTEM_ACTOR, tx }, d.communityA.id, '1998-02'));
    const o = await t.call({
      method: 'POST',
      url: '/api/points/objections',
      // Any resident of the community may object; 田 is the one account the demo gives us.
      cookie: tian,
      body: { claimId: id, reason: '该建议并未被采纳' },
    });
    expect(o.status).toBe(200);
    expect(await tianInbox('points.claim_revoked', id)).toEqual([]);
    const dec = await t.call({
      method: 'POST',
      url: `/api/points/objections/${o.body.id}/decision`,
      cookie: committee,
      body: { decision: 'uphold', note: '经核实建议未被采纳' },
    });
    expect(dec.status).toBe(200);
    const [revoked] = await tianInbox('points.claim_revoked', id);
    expect(revoked).toMatchObject({ body: '经核实建议未被采纳', link: `/m/points/claims/${id}` });
    expect(await tianInbox('points.claim_credited', id)).toEqual([]);
  });

  it('the declarant hears of a rejection with the reason, and of being sent back for more', async () => {
    const id = await declare(tian, { ruleCode: 'C06', description: '建议增加路灯' });
    await move(grid, id, 'check_pass');
    await move(committee, id, 'reject', '与上月建议重复');
    const [rejected] = await tianInbox('points.claim_rejected', id);
    expect(rejected).toMatchObject({ body: '与上月建议重复', link: `/m/points/claims/${id}` });
    expect(await tianInbox('points.claim_approved', id)).toEqual([]);

    const back = await declare(tian, { ruleCode: 'C06', description: '建议修补围墙' });
    await move(grid, back, 'ask_more', '请补充位置');
    expect(await tianInbox('points.claim_returned_for_info', back)).toHaveLength(1);
  });

  it('a person hears of a deduction claim against them, and nobody of a rolled-back one', async () => {
    const id = await declare(committee, {
      ruleCode: 'D01',
      personId: d.tian.id,
      description: '占用消防通道停车',
    });
    const [started] = await tianInbox('points.claim_deduction_started', id);
    expect(started).toMatchObject({ body: '占用消防通道停车', link: `/m/points/claims/${id}` });
    expect(started.title).toContain('扣分');
    // The committee member who declared it hears nothing of their own act.
    const committeeId = await userId('13900000006');
    expect((await inboxOf(committeeId)).filter((n) => n.subjectId === id)).toEqual([]);
    await move(grid, id, 'check_pass');
    await move(committee2, id, 'approve');
    expect((await tianInbox('points.claim_approved', id))[0].title).toContain('扣分事项');

    // A refused declaration (deed in the future) rolls back: no notice.
    const before = (await inboxOf(tianId)).length;
    const res = await t.call({
      method: 'POST',
      url: '/api/points/claims',
      cookie: committee,
      body: {
        quantity: 1,
        deedDate: '2999-01-01',
        ruleCode: 'D01',
        personId: d.tian.id,
        description: '未来的事',
      },
    });
    expect(res.status).toBe(422);
    expect(await inboxOf(tianId)).toHaveLength(before);
  });
});
