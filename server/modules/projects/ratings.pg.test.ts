import { and, asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { livelihoodProject, projectRating } from './schema.ts';

// On PostgreSQL: a resident's rating submitted twice at the same moment (a double tap, two phones).
let t: TestApp;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
beforeAll(async () => {
  expect(process.env.DATABASE_URL).toMatch(/^postgres/);
  t = await testApp();
  d = await demoLandmarks(t.db);
});
afterAll(async () => {
  expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  await t.close();
});

describe('rating races on PostgreSQL', () => {
  it('concurrent double rating by the same resident leaves one rating', async () => {
    const sessions = [await t.login('13900000007'), await t.login('13900000007')];
    const done = await t.db
      .select()
      .from(livelihoodProject)
      .where(and(eq(livelihoodProject.orgUnitId, d.communityA.id), eq(livelihoodProject.state, 'done')))
      .orderBy(asc(livelihoodProject.number))
      .limit(5);
    for (const [round, p] of done.entries()) {
      const results = await Promise.all(
        [...sessions, ...sessions].map((cookie, i) =>
          t.call({
            method: 'POST',
            url: `/api/projects/${p.id}/ratings`,
            cookie,
            body: { score: 1 + ((round + i) % 5), comment: `第${i}次` },
          }),
        ),
      );
      const codes = results.map((r) => r.status).sort();
      expect(codes).toEqual([200, 409, 409, 409]);
      for (const r of results.filter((x) => x.status === 409))
        expect(r.body.error.code).toBe('project_already_rated');
      const [{ n }] = await t.db
        .select({ n: count() })
        .from(projectRating)
        .where(and(eq(projectRating.projectId, p.id), eq(projectRating.personId, d.tian.id)));
      expect(n).toBe(1);
    }
  });
});
