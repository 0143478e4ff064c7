import { and, count, eq, like, notExists, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { idNumber, rosterXlsx, uploadForm } from '../../../test/fixtures/roster-files.ts';
import { auditEvent } from '../../platform/schema.ts';
import { neutralise } from './roster-export.ts';
import { household, householdMember, orgUnit, person } from './schema.ts';

let t: TestApp;
let staffA: string;
let staffB: string;
let resident: string;
let communityA: typeof orgUnit.$inferSelect;

const HYPERLINK = '=HYPERLINK("http://x","y")';

beforeAll(async () => {
  t = await testApp({ template: 'demo' });
  [staffA, staffB, resident] = await Promise.all(
    ['13900000003', '13900000004', '13900000007'].map((p) => t.login(p)),
  );
  [communityA] = await t.db.select().from(orgUnit).where(eq(orgUnit.name, '春熙社区'));
});
afterAll(() => t.close());

async function download(cookie: string, orgUnitId = communityA.id) {
  return t.app.inject({ url: `/api/rosters/export?orgUnitId=${orgUnitId}`, headers: { cookie } });
}

async function sheetOf(payload: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  return wb.worksheets[0];
}

describe('neutralise', () => {
  it('prefixes what a spreadsheet would evaluate, and nothing else', () => {
    for (const v of ['=1+1', '+86 139', '-2', '@SUM(A1)', '\tcmd', '\rcmd', HYPERLINK]) {
      expect(neutralise(v)).toBe(`'${v}`);
    }
    for (const v of ['张三', '1号楼', '302', '', " '=already"]) expect(neutralise(v)).toBe(v);
  });
});

describe('roster export', () => {
  it('401 without a session, 403 for a resident, 404 for community B staff; no audit event', async () => {
    const audit = async () => (await t.db.select({ n: count() }).from(auditEvent))[0].n;
    const before = await audit();
    expect((await t.call({ url: `/api/rosters/export?orgUnitId=${communityA.id}` })).status).toBe(401);
    expect((await download(resident)).statusCode).toBe(403);
    const b = await download(staffB);
    expect([b.statusCode, b.json().error.code]).toEqual([404, 'not_found']);
    expect(await audit()).toBe(before);
  });

  it('neutralises formula-like text and masks ID numbers', async () => {
    // Names are free text: a roster can carry a formula in, and it must never come back live.
    const id = idNumber('110105', '19800101', 171);
    const form = uploadForm(
      { orgUnitId: communityA.id, mode: 'all_or_nothing' },
      {
        name: 'evil.xlsx',
        data: await rosterXlsx([
          { 小区: '锦绣苑', 楼栋: '5号楼', 单元: '2', 房号: '905', 姓名: HYPERLINK, 身份证号: id },
          {
            小区: '锦绣苑',
            楼栋: '5号楼',
            单元: '2',
            房号: '905',
            姓名: '@cmd',
            身份证号: idNumber('110105', '19800101', 181),
          },
        ]),
      },
    );
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/rosters/imports',
      headers: { cookie: staffA },
      payload: form,
    });
    expect(started.statusCode).toBe(202);
    for (let i = 0; i < 200; i++) {
      const s = await t.call({ url: `/api/rosters/imports/${started.json().id}`, cookie: staffA });
      if (s.body.status !== 'running') {
        expect(s.body).toMatchObject({ status: 'done', created: 2 });
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    // And a compound renamed through the API to something Excel would run.
    const [jinxiu] = await t.db.select().from(orgUnit).where(eq(orgUnit.name, '锦绣苑'));
    const renamed = await t.call({
      method: 'PATCH',
      url: `/api/org-units/${jinxiu.id}`,
      cookie: staffA,
      body: { name: '+锦绣苑' },
    });
    expect(renamed.status).toBe(200);

    const res = await download(staffA);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(
        `^attachment; filename="roster-export.xlsx"; filename\\*=UTF-8''${encodeURIComponent('春熙社区住户花名册-')}\\d{8}\\.xlsx$`,
      ),
    );
    const ws = await sheetOf(res.rawPayload);
    const rows: unknown[][] = [];
    ws.eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1));
    });
    const header = rows[0];
    expect(header[9]).toBe('身份证号(已脱敏)');

    const evil = rows.find((r) => r[6] === `'${HYPERLINK}`);
    expect(evil).toBeDefined();
    expect(evil![0]).toBe("'+锦绣苑");
    expect(rows.some((r) => r[6] === "'@cmd")).toBe(true);
    // No cell is a formula, no text cell starts with a trigger character, no ID number is whole.
    ws.eachRow((r) =>
      r.eachCell((c) => {
        expect(c.formula).toBeUndefined();
        expect(c.type).not.toBe(ExcelJS.ValueType.Formula);
        if (typeof c.value === 'string') {
          expect(c.value).not.toMatch(/^[=+\-@\t\r]/);
          expect(c.value).not.toMatch(/\d{17}[\dX]/);
        }
      }),
    );
    expect(evil![9]).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
  });

  it('lists every person and every empty household of the unit, once; records the export', async () => {
    const under = `${communityA.path}%`;
    const [{ n: persons }] = await t.db
      .select({ n: count() })
      .from(person)
      .where(like(person.orgPath, under));
    const [{ n: empty }] = await t.db
      .select({ n: count() })
      .from(household)
      .where(
        and(
          like(household.orgPath, under),
          notExists(
            t.db
              .select({ x: sql`1` })
              .from(householdMember)
              .where(eq(householdMember.householdId, household.id)),
          ),
        ),
      );
    const res = await download(staffA);
    const ws = await sheetOf(res.rawPayload);
    expect(ws.actualRowCount - 1).toBe(persons + empty);

    // 田志明 (the demo resident) appears with his household, his phone and a masked ID.
    const tian: unknown[][] = [];
    ws.eachRow((r) => {
      const v = (r.values as unknown[]).slice(1);
      if (v[6] === '田志明') tian.push(v);
    });
    expect(tian).toHaveLength(1);
    expect(tian[0].slice(1, 4)).toEqual(['1号楼', '1', '302']);
    expect(tian[0][7]).toBe('户主');
    expect(tian[0][8]).toBe('13900000007');
    expect(tian[0][9]).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);

    const [event] = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'org.roster_exported'), eq(auditEvent.subjectId, communityA.id)))
      .orderBy(sql`${auditEvent.seq} desc`)
      .limit(1);
    expect(event.summary).toContain(`${persons} 人`);
  });
});
