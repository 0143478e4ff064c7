import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { desc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../test/harness.ts';
import { openPglite } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';
import { SYSTEM_ACTOR } from './access.ts';
import { recordAudit, verifyAudit } from './audit.ts';
import { auditEvent } from './schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

/** Edits a row "behind the trigger's back", as someone with direct database access could. */
async function tamper(exec: (q: ReturnType<typeof sql>) => Promise<unknown>, id: number) {
  await exec(sql`alter table audit_event disable trigger audit_event_append_only`);
  await exec(sql`update audit_event set summary = summary || '（已篡改）' where id = ${id}`);
  await exec(sql`alter table audit_event enable trigger audit_event_append_only`);
}

describe('audit trail', () => {
  it('records a command with actor, subject, org unit, request id and IP, chained to the previous event', async () => {
    const d = await demoLandmarks(t.db);
    const cookie = await t.login('13900000003');
    const res = await t.call({
      method: 'PATCH',
      url: `/api/households/${d.ownHousehold.id}`,
      cookie,
      body: { tags: ['key_care'] },
    });
    expect(res.status).toBe(200);
    const [last, prev] = await t.db.select().from(auditEvent).orderBy(desc(auditEvent.id)).limit(2);
    expect(last).toMatchObject({
      action: 'org.household_updated',
      subjectType: 'household',
      subjectId: d.ownHousehold.id,
      orgUnitId: d.ownHousehold.buildingId,
      actorName: '孙社工',
      ip: '127.0.0.1',
      seq: prev.seq + 1,
      prevHash: prev.hash,
    });
    expect(last.requestId).toMatch(/[0-9a-f-]{36}/);
    expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  });

  it('refuses UPDATE and DELETE at the database', async () => {
    const [e] = await t.db.select().from(auditEvent).limit(1);
    const refusal = (q: ReturnType<typeof sql>) =>
      t.db.execute(q).then(
        () => 'accepted',
        (err: Error & { cause?: Error }) => String(err.cause?.message ?? err.message),
      );
    expect(await refusal(sql`update audit_event set summary = 'x' where id = ${e.id}`)).toMatch(
      /append-only/,
    );
    expect(await refusal(sql`delete from audit_event where id = ${e.id}`)).toMatch(/append-only/);
    expect(await refusal(sql`truncate audit_event`)).toMatch(/append-only/);
    const [still] = await t.db.select().from(auditEvent).where(sql`id = ${e.id}`);
    expect(still).toEqual(e);
  });

  it('names the first tampered event', async () => {
    const cookie = await t.login('13900000003');
    const d = await demoLandmarks(t.db);
    for (const area of [70, 71, 72]) {
      await t.call({
        method: 'PATCH',
        url: `/api/households/${d.sameBuilding.id}`,
        cookie,
        body: { floorAreaM2: area },
      });
    }
    const events = await t.db.select().from(auditEvent).orderBy(desc(auditEvent.id)).limit(3);
    const target = events[1];
    await tamper((q) => t.db.execute(q), target.id);
    const r = await verifyAudit(t.db);
    expect(r).toMatchObject({ ok: false, eventId: target.id, seq: target.seq });
  });

  it('shows only events inside the viewer’s scope', async () => {
    const a = await t.call({ url: '/api/audit-events?pageSize=200', cookie: await t.login('13900000003') });
    const b = await t.call({ url: '/api/audit-events?pageSize=200', cookie: await t.login('13900000004') });
    expect(a.status).toBe(200);
    expect(a.body.items.some((e: { action: string }) => e.action === 'org.household_updated')).toBe(true);
    expect(b.body.items.some((e: { action: string }) => e.action === 'org.household_updated')).toBe(false);
    expect((await t.call({ url: '/api/audit-events', cookie: await t.login('13900000007') })).status).toBe(
      403,
    );
  });
});

describe('linli verify-audit', () => {
  it('passes on an intact chain and exits non-zero naming the tampered event', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-audit-'));
    try {
      const db = await openPglite({ dataDir: dir });
      await migrate(db, path.resolve('migrations'));
      const districtPath = `/${crypto.randomUUID()}/`;
      for (const n of [1, 2, 3]) {
        await db.db.transaction((tx) =>
          recordAudit(
            { actor: SYSTEM_ACTOR, tx },
            {
              action: 'test.done',
              subjectType: 't',
              subjectId: `${n}`,
              orgPath: districtPath,
              summary: `第${n}件`,
            },
          ),
        );
      }
      await db.close();
      const run = () =>
        execFileSync(process.execPath, ['bin/linli.js', 'verify-audit'], {
          env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '' },
          encoding: 'utf8',
          stdio: 'pipe',
        });
      expect(run()).toMatch(/intact: 1 district\(s\), 3 event/);
      const again = await openPglite({ dataDir: dir });
      const [, e] = await again.db.select().from(auditEvent).orderBy(auditEvent.seq);
      await tamper((q) => again.db.execute(q), e.id);
      await again.close();
      let failure: { status: number; stderr: string } | undefined;
      try {
        run();
      } catch (err) {
        failure = err as { status: number; stderr: string };
      }
      expect(failure?.status).toBe(1);
      expect(failure?.stderr).toContain(`event id ${e.id}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
