import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { auditEvent, userAccount } from '../../platform/schema.ts';
import { orgUnit } from '../org/schema.ts';
import { meetingAttendance } from './schema.ts';

// On PostgreSQL, where requests really run at once: one person scanning the same code on two
// phones, many times at once, is one attendance row (and one audit event).
let t: TestApp;
beforeAll(async () => {
  expect(process.env.DATABASE_URL).toMatch(/^postgres/);
  t = await testApp();
});
afterAll(async () => {
  expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  await t.close();
});

describe('concurrent check-in', () => {
  it('the same person with the same code from two sessions at once → one attendance row', async () => {
    const L = await demoLandmarks(t.db);
    const staff = await t.login('13900000003');
    const [compound] = await t.db.select().from(orgUnit).where(eq(orgUnit.name, '幸福家园小区'));
    const [grid] = await t.db.select().from(userAccount).where(eq(userAccount.phone, '13900000005'));
    const body = await t.call({
      method: 'POST',
      url: '/api/meetings/bodies',
      cookie: staff,
      body: {
        kind: 'compound_council',
        name: '并发签到议事会',
        orgUnitId: compound.id,
        members: [
          { role: 'chair', userId: grid.id },
          { role: 'member', personId: L.tian.id },
        ],
      },
    });
    expect(body.status).toBe(200);
    const m = await t.call({
      method: 'POST',
      url: '/api/meetings',
      cookie: staff,
      body: {
        bodyId: body.body.id,
        title: '并发签到',
        startsAt: '2026-12-03T11:00:00Z',
        endsAt: '2026-12-03T12:00:00Z',
      },
    });
    expect(m.status).toBe(200);
    const code = await t.call({ url: `/api/meetings/${m.body.id}/checkin-code`, cookie: staff });
    expect(code.status).toBe(200);

    const phones = [await t.login('13900000007'), await t.login('13900000007')];
    const replies = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.call({
          method: 'POST',
          url: `/api/meetings/${m.body.id}/check-in`,
          cookie: phones[i % 2],
          body: { code: code.body.code },
        }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(replies.filter((r) => r.body.already === false)).toHaveLength(1);
    expect(replies.every((r) => r.body.attendance === 1)).toBe(true);
    const rows = await t.db
      .select()
      .from(meetingAttendance)
      .where(eq(meetingAttendance.meetingId, m.body.id));
    expect(rows.map((r) => r.name)).toEqual(['田志明']);
    const audited = await t.db.select().from(auditEvent).where(eq(auditEvent.subjectId, m.body.id));
    expect(audited.filter((a) => a.action === 'meetings.checked_in')).toHaveLength(1);
  });
});
