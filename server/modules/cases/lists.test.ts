import ExcelJS from 'exceljs';
import { and, count, eq, gte, inArray, isNotNull, like, lt, notInArray, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { civicCase } from './schema.ts';

let t: TestApp;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
const cookies: Record<string, string> = {};
beforeAll(async () => {
  t = await testApp();
  d = await demoLandmarks(t.db);
  for (const [k, phone] of Object.entries({
    staffA: '13900000003',
    staffB: '13900000004',
    grid: '13900000005',
    district: '13900000001',
    tian: '13900000007',
    chengguan: '13900000008',
  }))
    cookies[k] = await t.login(phone);
});
afterAll(async () => {
  expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  await t.close();
});

const get = (url: string, cookie?: string) => t.call({ url, cookie });
type Row = {
  id: string;
  kind: string;
  state: string;
  communityName: string;
  overdue: boolean;
  resolution: string | null;
  description: string;
  categoryCode: string;
  reportedAt: string;
  departments: string[];
};

const inA = () => like(civicCase.orgPath, `${d.communityA.path}%`);
const demandsOf = () => inArray(civicCase.kind, ['demand', 'suggestion']);
const tasksOf = () =>
  and(
    or(inArray(civicCase.kind, ['hazard', 'dispute', 'emergency']), isNotNull(civicCase.matterLevel)),
    notInArray(civicCase.state, ['invalid', 'duplicate', 'withdrawn']),
  );
async function countWhere(...conds: Parameters<typeof and>) {
  const [{ n }] = await t.db
    .select({ n: count() })
    .from(civicCase)
    .where(and(...conds));
  return n;
}

describe('access', () => {
  it('needs a session, a staff grant, and a unit in scope', async () => {
    expect((await get('/api/cases/lists/demands')).status).toBe(401);
    expect((await get('/api/cases/lists/tasks/export.xlsx')).status).toBe(401);
    // A resident reads their own cases elsewhere; a department reads its whistles: no lists.
    const tian = await get('/api/cases/lists/demands', cookies.tian);
    expect([tian.status, tian.body.error.code]).toEqual([403, 'forbidden']);
    expect((await get('/api/cases/lists/tasks', cookies.chengguan)).status).toBe(403);
    expect((await get('/api/cases/lists/tasks/export.xlsx', cookies.tian)).status).toBe(403);
    const b = await get(`/api/cases/lists/tasks?orgUnitId=${d.communityA.id}`, cookies.staffB);
    expect([b.status, b.body.error.code]).toEqual([404, 'not_found']);
    const x = await get(`/api/cases/lists/demands/export.xlsx?orgUnitId=${d.communityA.id}`, cookies.staffB);
    expect(x.status).toBe(404);
    const bad = await get('/api/cases/lists/demands?from=2026-13-01', cookies.staffA);
    expect([bad.status, bad.body.error.code]).toEqual([422, 'validation_failed']);
  });
});

describe('the two lists', () => {
  it('demand list: demands and suggestions of the actor scope, counted as the database counts them', async () => {
    const r = await get('/api/cases/lists/demands?pageSize=200', cookies.staffA);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(await countWhere(demandsOf(), inA()));
    expect(r.body.total).toBeGreaterThan(50);
    for (const row of r.body.items as Row[]) {
      expect(['demand', 'suggestion']).toContain(row.kind);
      expect(row.communityName).toBe('春熙社区');
    }
    // Community B's list never holds a row of A.
    const b = await get('/api/cases/lists/demands?pageSize=200', cookies.staffB);
    expect(b.body.total).toBe(
      await countWhere(demandsOf(), like(civicCase.orgPath, `${d.communityB.path}%`)),
    );
    expect((b.body.items as Row[]).every((x) => x.communityName === '杨梅江社区')).toBe(true);
  });

  it('task list: hazards, disputes, emergencies and every case in a level queue; set-aside cases left out', async () => {
    const r = await get('/api/cases/lists/tasks?pageSize=50', cookies.staffA);
    expect(r.body.total).toBe(await countWhere(tasksOf(), inA()));
    const district = await get('/api/cases/lists/tasks', cookies.district);
    expect(district.body.total).toBe(await countWhere(tasksOf()));
    expect(district.body.total).toBeGreaterThan(r.body.total);
    const whistled = (r.body.items as Row[]).find((x) => x.departments.length > 0);
    expect(whistled).toBeDefined();
  });

  it('filters: state, kind, category, dates, overdue, resolution, words; pages do not overlap', async () => {
    const q = async (qs: string) => {
      const r = await get(`/api/cases/lists/tasks?pageSize=200&${qs}`, cookies.staffA);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body as { total: number; items: Row[] };
    };
    const closed = await q('state=closed&kind=hazard');
    expect(closed.total).toBe(
      await countWhere(tasksOf(), inA(), eq(civicCase.state, 'closed'), eq(civicCase.kind, 'hazard')),
    );
    expect(closed.items.every((x) => x.state === 'closed' && x.kind === 'hazard')).toBe(true);

    const escalated = await q('resolution=escalated');
    expect(escalated.total).toBe(await countWhere(tasksOf(), inA(), eq(civicCase.resolution, 'escalated')));
    expect(escalated.items.every((x) => x.resolution === 'escalated' && x.departments.length > 0)).toBe(true);

    const roads = await q('categoryCode=damaged_road');
    expect(roads.total).toBe(await countWhere(tasksOf(), inA(), eq(civicCase.categoryCode, 'damaged_road')));

    const march = await q('from=2026-03-01&to=2026-03-31');
    expect(march.total).toBe(
      await countWhere(
        tasksOf(),
        inA(),
        gte(civicCase.createdAt, new Date('2026-03-01T00:00:00+08:00')),
        lt(civicCase.createdAt, new Date('2026-04-01T00:00:00+08:00')),
      ),
    );
    expect(march.total).toBeGreaterThan(0);

    const overdue = await q('overdue=true');
    const onTime = await q('overdue=false');
    expect(overdue.items.every((x) => x.overdue)).toBe(true);
    expect(onTime.items.every((x) => !x.overdue)).toBe(true);
    expect(overdue.total + onTime.total).toBe((await q('')).total);

    const words = await q(`q=${encodeURIComponent('春熙街')}`);
    expect(words.items.map((x) => x.description)).toEqual([expect.stringContaining('春熙街约150米路面破损')]);
    expect(words.items[0].departments).toEqual(['区城市管理局']);
    expect(words.items[0].resolution).toBe('escalated');

    const p1 = await get('/api/cases/lists/tasks?pageSize=10&page=1', cookies.staffA);
    const p2 = await get('/api/cases/lists/tasks?pageSize=10&page=2', cookies.staffA);
    const ids1 = (p1.body.items as Row[]).map((x) => x.id);
    expect(ids1).toHaveLength(10);
    expect((p2.body.items as Row[]).filter((x) => ids1.includes(x.id))).toEqual([]);
    // Newest first.
    expect(p1.body.items[0].reportedAt >= p2.body.items[0].reportedAt).toBe(true);
  });
});

describe('Excel export', () => {
  async function sheet(url: string, cookie: string) {
    const res = await t.app.inject({ url, headers: { cookie } });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return { ws, rows, res };
  }

  it('carries the same rows as the filtered list, a title with scope and filter, and defused cells', async () => {
    // A demand typed as a formula by someone on a round stays text in the sheet.
    const report = await t.call({
      method: 'POST',
      url: '/api/cases',
      cookie: cookies.grid,
      body: {
        kind: 'demand',
        categoryCode: 'livelihood',
        description: '=HYPERLINK("http://evil.example","点我")',
        orgUnitId: d.siblingBuildingUnit.id,
      },
    });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const qs = `orgUnitId=${d.communityA.id}&from=2025-12-01&to=2026-12-31&state=reported`;
    const list = await get(`/api/cases/lists/demands?pageSize=200&${qs}`, cookies.staffA);
    const { ws, rows, res } = await sheet(`/api/cases/lists/demands/export.xlsx?${qs}`, cookies.staffA);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('民生诉求清单'));
    expect(ws.getCell('A1').value).toBe('春熙社区 民生诉求清单');
    expect(String(ws.getCell('A2').value)).toContain('状态：待核实');
    expect(String(ws.getCell('A2').value)).toContain('上报日期：2025-12-01 至 2026-12-31');
    const header = rows.findIndex((r) => r[0] === '序号');
    expect(header).toBe(2);
    const body = rows.slice(header + 1);
    expect(body).toHaveLength(list.body.total);
    const descriptions = body.map((r) => r[6]);
    expect(descriptions).toEqual((list.body.items as Row[]).map((x) => x.description.replace(/^=/, "'=")));
    expect(descriptions).toContain(`'=HYPERLINK("http://evil.example","点我")`);
    ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('the task list export of a district admin holds every task, with departments and deadlines', async () => {
    const { rows } = await sheet(
      '/api/cases/lists/tasks/export.xlsx?kind=hazard&resolution=escalated',
      cookies.district,
    );
    const header = rows[2];
    expect(header).toContain('吹哨部门');
    expect(header).toContain('处置结果');
    const n = await countWhere(
      tasksOf(),
      eq(civicCase.kind, 'hazard'),
      eq(civicCase.resolution, 'escalated'),
    );
    expect(rows.length - 3).toBe(n);
    const deptCol = header.indexOf('吹哨部门');
    expect(rows.slice(3).every((r) => String(r[deptCol]).startsWith('区'))).toBe(true);
  });
});
