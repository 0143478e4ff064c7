import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../test/harness.ts';
import { notify } from './notify.ts';
import { type DeliveryRun, deliverOutbox, registerChannel } from './outbox.ts';
import { notification, outbox, userAccount } from './schema.ts';

// On PostgreSQL: several nodes deliver the same outbox at the same moment.
let t: TestApp;
beforeAll(async () => {
  expect(process.env.DATABASE_URL).toMatch(/^postgres/);
  t = await testApp({ template: 'empty' });
});
afterAll(async () => {
  await t.close();
});

describe('outbox under concurrency', () => {
  it('three delivery runs at once (three nodes) send each delivery exactly once', async () => {
    const users = await t.db
      .insert(userAccount)
      .values(
        Array.from({ length: 150 }, (_, i) => ({
          phone: `1396666${String(i).padStart(4, '0')}`,
          passwordHash: 'x',
          displayName: `居民${i}`,
        })),
      )
      .returning({ id: userAccount.id });
    const sent = new Map<string, number>();
    const off = registerChannel('race', async (d) => {
      // Yield to the other run between claim and mark, as a real network send would.
      await new Promise((resolve) => setImmediate(resolve));
      sent.set(d.notificationId, (sent.get(d.notificationId) ?? 0) + 1);
    });
    try {
      // 150 notices, more than one run claims at a time (100), so both runs find work.
      await t.db.transaction((tx) =>
        notify(tx, { recipients: users.map((u) => u.id), kind: 'test.race', title: '并发投递' }),
      );
      const at = new Date('2030-01-01T00:00:00Z');
      const totals: DeliveryRun[] = [];
      for (let round = 0; round < 5; round++) {
        const runs = await Promise.all([
          deliverOutbox(t.db, at),
          deliverOutbox(t.db, at),
          deliverOutbox(t.db, at),
        ]);
        totals.push(...runs);
        if (runs.every((r) => r.sent === 0)) break;
      }
      const ids = await t.db
        .select({ id: notification.id })
        .from(notification)
        .where(eq(notification.kind, 'test.race'));
      expect(ids).toHaveLength(150);
      expect(sent.size).toBe(150);
      expect([...sent.values()].every((n) => n === 1)).toBe(true);
      expect(totals.reduce((s, r) => s + r.sent, 0)).toBe(150);
      expect(totals.every((r) => r.failed === 0 && r.gaveUp === 0)).toBe(true);
      const rows = await t.db.select().from(outbox).where(eq(outbox.channel, 'race'));
      expect(rows).toHaveLength(150);
      expect(rows.every((r) => r.attempts === 1 && r.sentAt !== null && r.nextAttemptAt === null)).toBe(true);
    } finally {
      off();
    }
  });
});
