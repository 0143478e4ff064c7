import { and, count, eq, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROSTER_COLUMNS, type RosterImportOut, type RosterIssue } from '../../../common/contracts/rosters.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import {
  idNumber,
  manyRowsXlsx,
  type RowInput,
  rosterXlsx,
  storedEntry,
  uploadForm,
  xlsxAround,
  zipBomb,
} from '../../../test/fixtures/roster-files.ts';
import { auditEvent, roleGrant, userAccount } from '../../platform/schema.ts';
import { importQueue } from './roster-import.ts';
import { household, householdMember, orgUnit, person, rosterImport } from './schema.ts';

let t: TestApp;
let staffA: string;
let staffB: string;
let resident: string;
let communityA: typeof orgUnit.$inferSelect;
let compound: typeof orgUnit.$inferSelect;

async function unitNamed(name: string, parentId?: string) {
  const [u] = await t.db
    .select()
    .from(orgUnit)
    .where(and(eq(orgUnit.name, name), parentId ? eq(orgUnit.parentId, parentId) : undefined));
  return u;
}

beforeAll(async () => {
  t = await testApp({ template: 'demo' });
  [staffA, staffB, resident] = await Promise.all(
    ['13900000003', '13900000004', '13900000007'].map((p) => t.login(p)),
  );
  communityA = await unitNamed('春熙社区');
  compound = await unitNamed('幸福家园小区', communityA.id);
});
afterAll(() => t.close());

async function upload(
  cookie: string | undefined,
  file: Buffer | null,
  fields: Record<string, string> = {},
  name = '花名册.xlsx',
) {
  const form = uploadForm(
    { orgUnitId: communityA.id, mode: 'all_or_nothing', ...fields },
    file ? { name, data: file } : undefined,
  );
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/rosters/imports',
    headers: cookie ? { cookie } : {},
    payload: form,
  });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

/** Polls as the page does until the import leaves `running`; returns every state it saw. */
async function settle(id: string, cookie = staffA) {
  const seen: RosterImportOut[] = [];
  for (let i = 0; i < 600; i++) {
    const res = await t.call({ url: `/api/rosters/imports/${id}`, cookie });
    expect(res.status).toBe(200);
    seen.push(res.body);
    if (res.body.status !== 'running') return { final: res.body as RosterImportOut, seen };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('import never finished');
}

async function importFile(file: Buffer, mode = 'all_or_nothing', cookie = staffA) {
  const res = await upload(cookie, file, { mode });
  expect(res.status).toBe(202);
  return (await settle(res.body.id, cookie)).final;
}

/** Everything an import could write. */
async function snapshot() {
  const n = async (q: Promise<{ n: number }[]>) => (await q)[0].n;
  return {
    households: await n(t.db.select({ n: count() }).from(household)),
    persons: await n(t.db.select({ n: count() }).from(person)),
    members: await n(t.db.select({ n: count() }).from(householdMember)),
    audit: await n(t.db.select({ n: count() }).from(auditEvent)),
    imports: await n(t.db.select({ n: count() }).from(rosterImport)),
  };
}

const brief = (report: RosterIssue[]) => report.map((r) => ({ row: r.row, column: r.column, code: r.code }));

// New rooms on a floor the demo never built (9xx), so every household here is new.
const ZHANG = idNumber('110105', '19750312', 11);
const WANG = idNumber('110105', '19780521', 22);
const CHILD = idNumber('110105', '20160101', 33);
const LI = idNumber('110105', '19600808', 44);
const good: RowInput[] = [
  {
    小区: '幸福家园小区',
    楼栋: '1号楼',
    单元: '1',
    房号: '901',
    '面积(㎡)': 92.5,
    住户标签: '出租户',
    姓名: '张建国',
    与户主关系: '户主',
    手机号: '13912340001',
    身份证号: ZHANG,
    性别: '男',
    出生年份: 1975,
    人员标签: '党员、志愿者',
  },
  {
    小区: '幸福家园小区',
    楼栋: '1号楼',
    单元: '1',
    房号: '901',
    姓名: '王丽',
    与户主关系: '配偶',
    身份证号: WANG,
  },
  {
    小区: '幸福家园小区',
    楼栋: '1号楼',
    单元: '1',
    房号: '901',
    姓名: '张小宝',
    与户主关系: '子女',
    身份证号: CHILD,
  },
  {
    小区: '阳光花园',
    楼栋: 2,
    单元: '2单元',
    房号: '902室',
    姓名: '李秀兰',
    身份证号: LI,
    人员标签: '独居老人',
  },
];

describe('roster import: who may import where', () => {
  it('401 without a session, 403 for a resident, 404 for community B staff, nothing written', async () => {
    const file = await rosterXlsx(good);
    const before = await snapshot();
    expect((await upload(undefined, file)).status).toBe(401);
    const r = await upload(resident, file);
    expect([r.status, r.body.error.code]).toEqual([403, 'forbidden']);
    const b = await upload(staffB, file);
    expect([b.status, b.body.error.code]).toEqual([404, 'not_found']);
    expect(await snapshot()).toEqual(before);
  });

  it('403 for a user who sees the community but may not import there', async () => {
    // Community B's staff also made a grid worker in community A: visible, but no roster:import there.
    const [b] = await t.db.select().from(userAccount).where(eq(userAccount.phone, '13900000004'));
    const [g] = await t.db
      .insert(roleGrant)
      .values({ userId: b.id, role: 'grid_worker', orgUnitId: communityA.id, orgPath: communityA.path })
      .returning();
    try {
      const res = await upload(staffB, await rosterXlsx(good));
      expect([res.status, res.body.error.code]).toEqual([403, 'forbidden']);
    } finally {
      await t.db.delete(roleGrant).where(eq(roleGrant.id, g.id));
    }
  });

  it('refuses a building as the target and a missing file or org unit', async () => {
    const building = await unitNamed('1号楼', compound.id);
    const file = await rosterXlsx(good);
    const r = await upload(staffA, file, { orgUnitId: building.id });
    expect([r.status, r.body.error.code]).toEqual([422, 'roster_target_invalid']);
    expect((await upload(staffA, null)).body.error.code).toBe('validation_failed');
    expect((await upload(staffA, file, { orgUnitId: 'nope' })).body.error.code).toBe('validation_failed');
    const json = await t.call({ method: 'POST', url: '/api/rosters/imports', cookie: staffA, body: {} });
    expect([json.status, json.body.error.code]).toEqual([415, 'unsupported_file']);
  });

  it('hides another community’s import from its progress URL', async () => {
    const res = await upload(staffA, await rosterXlsx([]));
    expect(res.status).toBe(202);
    await settle(res.body.id);
    const other = await t.call({ url: `/api/rosters/imports/${res.body.id}`, cookie: staffB });
    expect([other.status, other.body.error.code]).toEqual([404, 'not_found']);
  });
});

describe('roster template', () => {
  it('is an .xlsx with the Chinese header, an example row and an explanation sheet', async () => {
    const res = await t.app.inject({ url: '/api/rosters/template', headers: { cookie: staffA } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="roster-template.xlsx"; filename*=UTF-8''${encodeURIComponent('住户花名册模板.xlsx')}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['住户花名册', '填写说明']);
    const sheet = wb.worksheets[0];
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(ROSTER_COLUMNS.map((c) => c.header));
    expect(sheet.getRow(2).getCell(7).value).toBe('张三');
    const help = wb.worksheets[1].getColumn(3).values.join('\n');
    expect(help).toContain('户主、配偶、子女');
    expect(help).toContain('党员、新就业群体');
    expect((await t.call({ url: '/api/rosters/template', cookie: resident })).status).toBe(403);
  });

  it('imports as nothing at all: the example row is skipped', async () => {
    const res = await t.app.inject({ url: '/api/rosters/template', headers: { cookie: staffA } });
    const before = await snapshot();
    const done = await importFile(res.rawPayload);
    expect(done).toMatchObject({ status: 'done', totalRows: 0, created: 0, updated: 0, unchanged: 0 });
    expect({ ...(await snapshot()), imports: before.imports }).toEqual(before);
  });
});

describe('roster import: applying a roster', () => {
  it('creates households and persons, reports progress to the end, flags the under-14 child', async () => {
    const before = await snapshot();
    const res = await upload(
      staffA,
      await rosterXlsx(good),
      { mode: 'all_or_nothing' },
      '春熙社区花名册.xlsx',
    );
    expect(res.status).toBe(202);
    const { final, seen } = await settle(res.body.id);
    expect(seen[0].fileName).toBe('春熙社区花名册.xlsx');
    expect(final).toMatchObject({
      status: 'done',
      mode: 'all_or_nothing',
      totalRows: 4,
      processedRows: 4,
      created: 4,
      updated: 0,
      unchanged: 0,
      errorRows: 0,
      warningRows: 1,
    });
    expect(final.report).toEqual([
      {
        row: 4,
        column: '',
        code: 'minor_under_14',
        level: 'warning',
        reason: '未满14周岁，请核实监护人信息',
      },
    ]);
    const after = await snapshot();
    expect(after).toEqual({
      ...before,
      households: before.households + 2,
      persons: before.persons + 4,
      members: before.members + 4,
      audit: before.audit + 1,
      imports: before.imports + 1,
    });

    const [h] = await t.db
      .select()
      .from(household)
      .where(and(eq(household.room, '901'), like(household.orgPath, `${compound.path}%`)));
    expect([h.unitNo, Number(h.floorAreaM2), h.tags]).toEqual(['1', 92.5, ['rental']]);
    const [zhang] = await t.db.select().from(person).where(eq(person.idNumber, ZHANG));
    expect(zhang).toMatchObject({
      name: '张建国',
      phone: '13912340001',
      gender: 'male',
      birthYear: 1975,
      tags: ['party_member', 'volunteer'],
      orgPath: h.orgPath,
    });
    // Gender and birth year come from the ID number when the row leaves them blank.
    const [child] = await t.db.select().from(person).where(eq(person.idNumber, CHILD));
    expect([child.birthYear, child.gender]).toEqual([2016, 'male']);
    const [li] = await t.db
      .select({ relation: householdMember.relation, room: household.room, unitNo: household.unitNo })
      .from(person)
      .innerJoin(householdMember, eq(householdMember.personId, person.id))
      .innerJoin(household, eq(household.id, householdMember.householdId))
      .where(eq(person.idNumber, LI));
    expect(li).toEqual({ relation: 'member', room: '902', unitNo: '2' });

    const [event] = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'org.roster_imported'), eq(auditEvent.subjectId, res.body.id)));
    expect(event.summary).toContain('新增 4 人');
    expect(event.summary).not.toContain(ZHANG);
  });

  it('re-importing the same file changes nothing: no row, no updated_at, no audit event', async () => {
    const stamp = async () =>
      (
        await t.db.select({ u: person.updatedAt }).from(person).where(eq(person.idNumber, ZHANG))
      )[0].u.getTime();
    const before = await snapshot();
    const was = await stamp();
    const done = await importFile(await rosterXlsx(good));
    expect(done).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 4, processedRows: 4 });
    expect({ ...(await snapshot()), imports: before.imports }).toEqual(before);
    expect(await stamp()).toBe(was);
  });

  it('updates only what a changed row changes, matched by building + room + ID number', async () => {
    const changed = good.map((r) => (r.身份证号 === WANG ? { ...r, 手机号: '13912340002' } : r));
    const before = await snapshot();
    const done = await importFile(await rosterXlsx(changed), 'valid_rows_only');
    expect(done).toMatchObject({ status: 'done', created: 0, updated: 1, unchanged: 3 });
    expect(await snapshot()).toEqual({ ...before, audit: before.audit + 1, imports: before.imports + 1 });
    const [wang] = await t.db.select().from(person).where(eq(person.idNumber, WANG));
    expect(wang.phone).toBe('13912340002');
  });
});

describe('roster import: bad rows', () => {
  const NEW1 = idNumber('110105', '19850101', 55);
  const NEW2 = idNumber('110105', '19900202', 66);
  const base = { 小区: '锦绣苑', 楼栋: '3号楼', 单元: '1', 房号: '903' };
  const wrongCheck = `${NEW1.slice(0, 17)}${NEW1[17] === '1' ? '2' : '1'}`;
  // Spreadsheet rows: header is 1, so rows[i] is row i + 2.
  const rows: RowInput[] = [
    { ...base, 姓名: '赵一', 身份证号: NEW1, 与户主关系: '户主' }, // 2 good
    { ...base, 姓名: '赵二', 身份证号: wrongCheck }, // 3 bad check character
    { ...base, 姓名: '赵三', 身份证号: idNumber('110105', '19700303', 77), 出生年份: 1971 }, // 4 year ≠ ID
    { ...base, 姓名: '赵四', 身份证号: idNumber('110105', '19700404', 88), 手机号: '1391234' }, // 5 phone
    { ...base, 楼栋: '99号楼', 姓名: '赵五', 身份证号: idNumber('110105', '19700505', 99) }, // 6 building
    { ...base, 姓名: '赵一', 身份证号: NEW1 }, // 7 duplicate of row 2
    { ...base, 姓名: '赵七', 身份证号: idNumber('110105', '19700707', 111), 人员标签: '党员、超人' }, // 8 tag
    { ...base, 身份证号: idNumber('110105', '19700808', 121), 与户主关系: '邻居', '面积(㎡)': -3 }, // 9 three
    { ...base, 小区: '不存在小区', 姓名: '赵九', 身份证号: idNumber('110105', '19700909', 131) }, // 10 compound
    { ...base, 姓名: '赵十', 身份证号: NEW2, 性别: '女', 与户主关系: '配偶' }, // 11 good (sequence 066: female)
    { ...base, 姓名: '赵十一', 身份证号: Number('110105199001011234') }, // 12 ID stored as a number
  ];
  const expected = [
    { row: 3, column: '身份证号', code: 'id_number_checksum' },
    { row: 4, column: '出生年份', code: 'birth_year_mismatch' },
    { row: 5, column: '手机号', code: 'invalid_phone' },
    { row: 6, column: '楼栋', code: 'unknown_building' },
    { row: 7, column: '身份证号', code: 'duplicate_row' },
    { row: 8, column: '人员标签', code: 'invalid_tag' },
    { row: 9, column: '面积(㎡)', code: 'invalid_area' },
    { row: 9, column: '姓名', code: 'required' },
    { row: 9, column: '与户主关系', code: 'invalid_relation' },
    { row: 10, column: '小区', code: 'unknown_compound' },
    { row: 12, column: '身份证号', code: 'id_number_not_text' },
  ];

  it('all_or_nothing: reports exactly the bad rows and applies nothing', async () => {
    const before = await snapshot();
    const done = await importFile(await rosterXlsx(rows), 'all_or_nothing');
    expect(done).toMatchObject({
      status: 'rejected',
      totalRows: 11,
      processedRows: 11,
      created: 0,
      errorRows: 9,
    });
    expect(brief(done.report)).toEqual(expected);
    expect(done.report.every((r) => r.level === 'error' && r.reason.length > 0)).toBe(true);
    expect(done.report[0].reason).toBe('身份证号校验位不正确');
    expect(done.report[4].reason).toContain('第2行');
    expect({ ...(await snapshot()), imports: before.imports }).toEqual(before);
  });

  it('valid_rows_only: the same report, and the two good rows applied', async () => {
    const before = await snapshot();
    const done = await importFile(await rosterXlsx(rows), 'valid_rows_only');
    expect(done).toMatchObject({
      status: 'done',
      totalRows: 11,
      processedRows: 11,
      created: 2,
      errorRows: 9,
    });
    expect(brief(done.report)).toEqual(expected);
    expect(await snapshot()).toEqual({
      ...before,
      households: before.households + 1,
      persons: before.persons + 2,
      members: before.members + 2,
      audit: before.audit + 1,
      imports: before.imports + 1,
    });
    const names = await t.db
      .select({ name: person.name })
      .from(person)
      .innerJoin(householdMember, eq(householdMember.personId, person.id))
      .innerJoin(household, eq(household.id, householdMember.householdId))
      .where(eq(household.room, '903'));
    expect(names.map((n) => n.name).sort()).toEqual(['赵一', '赵十']);
  });

  it('rejects a sheet without a required column, naming it', async () => {
    const headers = ROSTER_COLUMNS.map((c) => c.header).filter((h) => h !== '身份证号');
    const done = await importFile(await rosterXlsx([{ 楼栋: '1号楼', 房号: '101', 姓名: '某某' }], headers));
    expect(done.status).toBe('rejected');
    expect(brief(done.report)).toEqual([{ row: 1, column: '身份证号', code: 'missing_column' }]);
  });

  it('reports one household given two different areas in the file', async () => {
    const h = { 小区: '锦绣苑', 楼栋: '4号楼', 单元: '1', 房号: '904' };
    const done = await importFile(
      await rosterXlsx([
        { ...h, '面积(㎡)': 80, 姓名: '钱一', 身份证号: idNumber('110105', '19800101', 141) },
        { ...h, '面积(㎡)': 81, 姓名: '钱二', 身份证号: idNumber('110105', '19800101', 151) },
        { ...h, 楼栋: '4', 姓名: '钱三', 身份证号: idNumber('110105', '19800101', 161) },
      ]),
      'all_or_nothing',
    );
    expect(brief(done.report)).toEqual([{ row: 3, column: '面积(㎡)', code: 'household_conflict' }]);
  });
});

describe('roster import: unsafe files are refused before anything is written', () => {
  it('refuses a file over 10 MiB with 413', async () => {
    const before = await snapshot();
    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    big.writeUInt32LE(0x04034b50, 0);
    const res = await upload(staffA, big);
    expect([res.status, res.body.error.code]).toEqual([413, 'payload_too_large']);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses what is not an .xlsx with 415', async () => {
    const before = await snapshot();
    const csv = await upload(staffA, Buffer.from('小区,楼栋\n'), {}, 'roster.csv');
    expect([csv.status, csv.body.error.code]).toEqual([415, 'unsupported_file']);
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await upload(staffA, xls, {}, 'roster.xlsx')).status).toBe(415);
    const renamed = await upload(staffA, await rosterXlsx(good), {}, 'roster.xls');
    expect(renamed.status).toBe(415);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses zip bombs with 422 file_rejected, declared or hidden', async () => {
    const before = await snapshot();
    const honest = await upload(staffA, await zipBomb(300 * 1024 * 1024, true));
    expect([honest.status, honest.body.error.code, honest.body.error.details.reason]).toEqual([
      422,
      'file_rejected',
      'compression_ratio',
    ]);
    const lying = await upload(staffA, await zipBomb(300 * 1024 * 1024, false));
    expect([lying.status, lying.body.error.code, lying.body.error.details.reason]).toEqual([
      422,
      'file_rejected',
      'size_mismatch',
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a sheet over the row cap with 422 file_rejected', async () => {
    const before = await snapshot();
    const res = await upload(staffA, manyRowsXlsx(50_002));
    expect([res.status, res.body.error.code, res.body.error.details]).toEqual([
      422,
      'file_rejected',
      { reason: 'too_many_rows', limit: 50_000 },
    ]);
    expect(await snapshot()).toEqual(before);
  });
});

describe('roster import: a safe zip that is no spreadsheet', () => {
  it('ends as rejected with unreadable_file, nothing applied', async () => {
    const before = await snapshot();
    const notASheet = xlsxAround(storedEntry('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row'));
    const done = await importFile(notASheet);
    expect(done).toMatchObject({ status: 'rejected', totalRows: 0, created: 0 });
    expect(brief(done.report)).toEqual([{ row: 0, column: '', code: 'unreadable_file' }]);
    expect({ ...(await snapshot()), imports: before.imports }).toEqual(before);
  });
});

describe('roster import: a larger file', () => {
  it('counts progress up to every row and lands them all', async () => {
    const rows: RowInput[] = Array.from({ length: 1200 }, (_, i) => ({
      小区: '阳光花园',
      楼栋: `${(i % 5) + 1}号楼`,
      单元: '3',
      房号: String(1000 + Math.floor(i / 5)),
      姓名: `测试${i}`,
      身份证号: idNumber('110106', i < 1000 ? '19880808' : '19890909', i % 1000),
    }));
    const sunshine = await unitNamed('阳光花园');
    const file = await rosterXlsx(rows);
    const res = await upload(staffA, file, { orgUnitId: sunshine.id });
    expect(res.status).toBe(202);
    const { final, seen } = await settle(res.body.id);
    expect(final).toMatchObject({ status: 'done', totalRows: 1200, processedRows: 1200, created: 1200 });
    // Progress never runs backwards or past the total.
    const progress = seen.map((s) => s.processedRows);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(Math.max(...seen.map((s) => s.processedRows))).toBe(1200);

    const again = await upload(staffA, file, { orgUnitId: sunshine.id });
    expect((await settle(again.body.id)).final).toMatchObject({
      status: 'done',
      created: 0,
      unchanged: 1200,
    });
  });
});

describe('import queue', () => {
  it('runs one import at a time, in order, and counts what is waiting', async () => {
    const q = importQueue();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    q.push(async () => {
      log.push('a start');
      await gate;
      log.push('a end');
    });
    q.push(async () => {
      log.push('b');
    });
    expect(q.pending()).toBe(2);
    await new Promise((r) => setTimeout(r, 10));
    expect(log).toEqual(['a start']);
    release();
    await q.idle();
    expect(log).toEqual(['a start', 'a end', 'b']);
    expect(q.pending()).toBe(0);
  });
});
