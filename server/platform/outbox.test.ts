import { eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/harness.ts';
import { notify } from './notify.ts';
import { backoffMs, type Delivery, deliverOutbox, MAX_ATTEMPTS, registerChannel } from './outbox.ts';
import { notification, outbox, userAccount } from './schema.ts';

let t: TestApp;
let tianId: string;
const unregister: (() => void)[] = [];

beforeAll(async () => {
  t = await testApp({ template: 'empty' });
  // The empty template has no accounts: make one to notify.
  const [u] = await t.db
    .insert(userAccount)
    .values({ phone: '13955550001', passwordHash: 'x', displayName: '收件人' })
    .returning();
  tianId = u.id;
});
afterEach(() => {
  for (const u of unregister.splice(0)) u();
});
afterAll(async () => {
  await t.close();
});

const deliveriesOf = async (kind: string) =>
  t.db
    .select({ o: outbox })
    .from(outbox)
    .innerJoin(notification, eq(notification.id, outbox.notificationId))
    .where(eq(notification.kind, kind))
    .then((rows) => rows.map((r) => r.o));

describe('outbox', () => {
  it('queues a delivery per accepting channel with the notice, and none for a rolled-back one', async () => {
    unregister.push(registerChannel('test_all', async () => {}));
    unregister.push(registerChannel('test_urgent', async () => {}, { accepts: (n) => n.urgent }));
    await notify(t.db, { recipients: [tianId], kind: 'test.calm', title: '日常' });
    await notify(t.db, { recipients: [tianId], kind: 'test.alarm', title: '紧急', urgent: true });
    await expect(
      t.db.transaction(async (tx) => {
        await notify(tx, { recipients: [tianId], kind: 'test.gone', title: '撤回', urgent: true });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow();
    expect((await deliveriesOf('test.calm')).map((d) => d.channel)).toEqual(['test_all']);
    expect((await deliveriesOf('test.alarm')).map((d) => d.channel).sort()).toEqual([
      'test_all',
      'test_urgent',
    ]);
    expect(await deliveriesOf('test.gone')).toEqual([]);
    // A deduped notice queues nothing again.
    await notify(t.db, { recipients: [tianId], kind: 'test.once', title: '一次', dedupeKey: 'k' });
    await notify(t.db, { recipients: [tianId], kind: 'test.once', title: '一次', dedupeKey: 'k' });
    expect(await deliveriesOf('test.once')).toHaveLength(1);
    // Clear them so the next tests start from an empty queue.
    await t.db.delete(outbox);
  });

  it('retries a failing send with growing backoff, then sends once', async () => {
    const got: Delivery[] = [];
    let failures = 2;
    unregister.push(
      registerChannel('flaky', async (d) => {
        if (failures-- > 0) throw new Error('短信网关超时');
        got.push(d);
      }),
    );
    await notify(t.db, { recipients: [tianId], kind: 'test.flaky', title: '重试', link: '/m/inbox' });
    const t0 = new Date('2030-01-01T00:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);

    expect(await deliverOutbox(t.db, t0)).toEqual({ sent: 0, failed: 1, gaveUp: 0 });
    let [row] = await deliveriesOf('test.flaky');
    expect(row).toMatchObject({
      attempts: 1,
      lastError: '短信网关超时',
      sentAt: null,
      nextAttemptAt: at(backoffMs(1)),
    });
    // Not due yet: nothing is tried.
    expect(await deliverOutbox(t.db, at(backoffMs(1) - 1))).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
    expect(await deliverOutbox(t.db, at(backoffMs(1)))).toEqual({ sent: 0, failed: 1, gaveUp: 0 });
    [row] = await deliveriesOf('test.flaky');
    expect(backoffMs(2)).toBeGreaterThan(backoffMs(1));
    expect(row).toMatchObject({ attempts: 2, nextAttemptAt: at(backoffMs(1) + backoffMs(2)) });

    const t2 = at(backoffMs(1) + backoffMs(2));
    expect(await deliverOutbox(t.db, t2)).toEqual({ sent: 1, failed: 0, gaveUp: 0 });
    [row] = await deliveriesOf('test.flaky');
    expect(row).toMatchObject({ attempts: 3, sentAt: t2, nextAttemptAt: null, lastError: null });
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      channel: 'flaky',
      recipientUserId: tianId,
      title: '重试',
      link: '/m/inbox',
      attempt: 3,
    });
    // Sent is sent: later runs send nothing more.
    expect(await deliverOutbox(t.db, at(86_400_000))).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
    expect(got).toHaveLength(1);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts and keeps the last error`, async () => {
    let tries = 0;
    unregister.push(
      registerChannel('dead', async () => {
        tries++;
        throw new Error(`失败 ${tries}`);
      }),
    );
    await notify(t.db, { recipients: [tianId], kind: 'test.dead', title: '放弃' });
    let clock = new Date('2031-01-01T00:00:00Z').getTime();
    const runs = [];
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      runs.push(await deliverOutbox(t.db, new Date(clock)));
      clock += 2 * 60 * 60_000; // past any backoff
    }
    expect(tries).toBe(MAX_ATTEMPTS);
    expect(runs.at(MAX_ATTEMPTS - 1)).toEqual({ sent: 0, failed: 0, gaveUp: 1 });
    expect(runs.at(-1)).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
    const [row] = await deliveriesOf('test.dead');
    expect(row).toMatchObject({
      attempts: MAX_ATTEMPTS,
      nextAttemptAt: null,
      sentAt: null,
      lastError: `失败 ${MAX_ATTEMPTS}`,
    });
  });

  it('leaves deliveries of a channel this node does not have for a node that has it', async () => {
    const off = registerChannel('elsewhere', async () => {});
    await notify(t.db, { recipients: [tianId], kind: 'test.elsewhere', title: '别处' });
    off();
    const got: string[] = [];
    unregister.push(registerChannel('here', async (d) => void got.push(d.kind)));
    await deliverOutbox(t.db, new Date('2032-01-01T00:00:00Z'));
    expect(got).toEqual([]);
    const rows = await deliveriesOf('test.elsewhere');
    expect(rows).toMatchObject([{ channel: 'elsewhere', attempts: 0, sentAt: null }]);
    expect(
      await t.db
        .select()
        .from(outbox)
        .where(inArray(outbox.channel, ['here'])),
    ).toEqual([]);
  });
});
