import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { execRows } from '../../db/client.ts';

// Evidence travels with the case: the department whistled in sees the resident's photo, the resident
// sees the department's result photo, and nobody outside the case sees either.

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(32, 7),
]);

async function upload(t: TestApp, cookie: string, salt: number): Promise<string> {
  const boundary = '----linli-test';
  const bytes = Buffer.concat([PNG, Buffer.from([salt])]);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/files',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  expect(res.statusCode).toBe(200);
  return (JSON.parse(res.body) as { id: string }).id;
}

describe('photos on a case', () => {
  let t: TestApp;
  const who: Record<string, string> = {};
  beforeAll(async () => {
    t = await testApp();
    for (const [k, phone] of Object.entries({
      tian: '13900000007',
      grid: '13900000005',
      staffA: '13900000003',
      staffB: '13900000004',
      chengguan: '13900000008',
    }))
      who[k] = await t.login(phone);
  });
  afterAll(() => t.close());

  const status = async (cookie: string, id: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/files/${id}`, headers: { cookie } })).statusCode;

  it('are seen by whoever sees the case, from the moment they are attached', async () => {
    const d = await demoLandmarks(t.db);
    const photo = await upload(t, who.tian, 1);
    const reported = await t.call({
      method: 'POST',
      url: '/api/cases',
      cookie: who.tian,
      body: {
        kind: 'hazard',
        categoryCode: 'damaged_road',
        description: '楼前道路塌陷一块',
        photoIds: [photo],
        orgUnitId: d.ownHousehold.buildingId,
      },
    });
    expect(reported.status).toBe(200);
    const id = reported.body.id as string;
    // Not yet whistled: the department has no business with it.
    expect(await status(who.chengguan, photo)).toBe(404);
    expect(await status(who.staffB, photo)).toBe(404);
    expect(await status(who.staffA, photo)).toBe(200);

    const move = (cookie: string, body: object) =>
      t.call({ method: 'POST', url: `/api/cases/${id}/transitions`, cookie, body });
    expect((await move(who.grid, { action: 'check_valid' })).status).toBe(200);
    expect((await move(who.staffA, { action: 'classify', level: 'community' })).status).toBe(200);
    const [dept] = await execRows<{ id: string }>(
      t.db,
      sql`select id from department where code = 'chengguan'`,
    );
    const whistled = await t.call({
      method: 'POST',
      url: `/api/cases/${id}/whistles`,
      cookie: who.staffA,
      body: {
        departmentIds: [dept.id],
        summary: '路面塌陷需修复',
        deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      },
    });
    expect(whistled.status).toBe(200);
    expect(await status(who.chengguan, photo)).toBe(200);
    expect(await status(who.staffB, photo)).toBe(404);

    // The department's result photo: its own until it is attached to the case.
    const result = await upload(t, who.chengguan, 2);
    expect(await status(who.tian, result)).toBe(404);
    const whistleId = whistled.body.whistles[0].id as string;
    const cookie = who.chengguan;
    expect(
      (await t.call({ method: 'POST', url: `/api/cases/whistles/${whistleId}/report-in`, cookie, body: {} }))
        .status,
    ).toBe(200);
    const done = await t.call({
      method: 'POST',
      url: `/api/cases/whistles/${whistleId}/result`,
      cookie,
      body: { actionTaken: '现场修补', result: '路面已修复', photoIds: [result] },
    });
    expect(done.status).toBe(200);
    expect(await status(who.tian, result)).toBe(200);
    expect(await status(who.staffA, result)).toBe(200);
    expect(await status(who.staffB, result)).toBe(404);
  });

  it('answer 404 for an unknown id and 401 without a session', async () => {
    expect(await status(who.tian, '00000000-0000-4000-8000-000000000000')).toBe(404);
    const res = await t.app.inject({ method: 'GET', url: '/api/files/00000000-0000-4000-8000-000000000000' });
    expect(res.statusCode).toBe(401);
  });
});
