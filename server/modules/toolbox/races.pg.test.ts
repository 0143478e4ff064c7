import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { tool, toolLoan } from './schema.ts';

// On PostgreSQL, where requests really run at once: the units out of a tool never exceed its stock,
// and a loan is returned once.
let t: TestApp;
let staff: string;
let personIds: string[];
let venueId: string;
beforeAll(async () => {
  expect(process.env.DATABASE_URL).toMatch(/^postgres/);
  t = await testApp();
  staff = await t.login('13900000003');
  const L = await demoLandmarks(t.db);
  personIds = [L.tian.id];
  const list = await t.call({ url: '/api/toolbox/tools?q=人字梯', cookie: staff });
  venueId = list.body.items[0].venueId;
});
afterAll(async () => {
  expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  await t.close();
});

type Reply = Awaited<ReturnType<TestApp['call']>>;
const tally = (replies: Reply[]) => {
  const out: Record<string, number> = {};
  for (const r of replies) {
    const k = r.status === 200 ? 'ok' : `${r.status} ${r.body.error.code}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
};
const newTool = async (stock: number) => {
  const r = await t.call({
    method: 'POST',
    url: '/api/toolbox/tools',
    cookie: staff,
    body: {
      name: `并发测试梯${stock}-${Math.random().toString(36).slice(2, 6)}`,
      category: 'ladder',
      venueId,
      stock,
    },
  });
  expect(r.status).toBe(200);
  return r.body as { id: string };
};
const lend = (toolId: string) =>
  t.call({
    method: 'POST',
    url: '/api/toolbox/loans',
    cookie: staff,
    body: { toolId, personId: personIds[0] },
  });

describe('concurrent loans', () => {
  it('stock 3, 40 lends at once: exactly 3 succeed, the rest tool_unavailable — three rounds', async () => {
    for (let round = 0; round < 3; round++) {
      const x = await newTool(3);
      const replies = await Promise.all(Array.from({ length: 40 }, () => lend(x.id)));
      expect(tally(replies)).toEqual({ ok: 3, '409 tool_unavailable': 37 });
      const [row] = await t.db.select().from(tool).where(eq(tool.id, x.id));
      expect(row.unitsOut).toBe(3);
      const out = await t.db
        .select()
        .from(toolLoan)
        .where(and(eq(toolLoan.toolId, x.id), eq(toolLoan.state, 'out')));
      expect(out).toHaveLength(3);
    }
  });

  it('returns and lends at once on the last unit: units out stay within the stock', async () => {
    const x = await newTool(1);
    const first = await lend(x.id);
    expect(first.status).toBe(200);
    const replies = await Promise.all([
      t.call({ method: 'POST', url: `/api/toolbox/loans/${first.body.id}/return`, cookie: staff, body: {} }),
      ...Array.from({ length: 10 }, () => lend(x.id)),
    ]);
    expect(replies.filter((r) => r.status >= 500)).toEqual([]);
    const [row] = await t.db.select().from(tool).where(eq(tool.id, x.id));
    const out = await t.db
      .select()
      .from(toolLoan)
      .where(and(eq(toolLoan.toolId, x.id), eq(toolLoan.state, 'out')));
    expect(row.unitsOut).toBe(out.length);
    expect(out.length).toBeLessThanOrEqual(1);
  });

  it('the same loan returned 10 times at once: one return, nine loan_returned', async () => {
    const x = await newTool(2);
    const loan = await lend(x.id);
    const replies = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.call({ method: 'POST', url: `/api/toolbox/loans/${loan.body.id}/return`, cookie: staff, body: {} }),
      ),
    );
    expect(tally(replies)).toEqual({ ok: 1, '409 loan_returned': 9 });
    const [row] = await t.db.select().from(tool).where(eq(tool.id, x.id));
    expect(row.unitsOut).toBe(0);
  });
});
