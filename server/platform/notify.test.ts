import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/harness.ts';
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
