import { and, eq, like, ne } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { SYSTEM_ACTOR } from '../../platform/access.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import { auditEvent } from '../../platform/schema.ts';
import { householdMember, orgUnit, person } from '../org/schema.ts';
import { raiseSystemClaim } from './claims.ts';
import { checkLedger, postEntry } from './ledger.ts';
import { closePosting, publishPosting, UNNAMED } from './postings.ts';
import { pointsAccount } from './schema.ts';
import { previousQuarter, quarterWindow, shanghaiQuarter, yearWindow } from './summaries.ts';

let t: TestApp;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
let c: Record<'staffA' | 'staffB' | 'committee' | 'tian' | 'grid' | 'subAdmin', string>;
let subdistrict: typeof orgUnit.$inferSelect;
let otherSubdistrict: typeof orgUnit.$inferSelect;

beforeAll(async () => {
  t = await testApp();
  d = await demoLandmarks(t.db);
  [subdistrict] = await t.db.select().from(orgUnit).where(eq(orgUnit.name, '平顶山街道'));
  [otherSubdistrict] = await t.db.select().from(orgUnit).where(eq(orgUnit.name, '文昌街道'));
  c = {
    staffA: await t.login('13900000003'),
    staffB: await t.login('13900000004'),
    grid: await t.login('13900000005'),
    committee: await t.login('13900000006'),
    tian: await t.login('13900000007'),
    subAdmin: await t.login('13900000002'),
  };
});
afterAll(async () => {
  expect(await checkLedger(t.db)).toEqual([]);
  await t.close();
});

const summary = (cookie: string | undefined, orgUnitId: string, quarter: string, masked = false) =>
  t.call({
    url: `/api/points/summaries?orgUnitId=${orgUnitId}&quarter=${quarter}${masked ? '&masked=true' : ''}`,
    cookie,
  });

describe('quarter arithmetic (Asia/Shanghai)', () => {
  it('bounds a quarter at Shanghai midnight and steps back across the year', () => {
    expect(quarterWindow('2026-Q4')).toEqual({
      from: new Date('2026-09-30T16:00:00Z'),
      to: new Date('2026-12-31T16:00:00Z'),
    });
    expect(quarterWindow('2027-Q1').from).toEqual(quarterWindow('2026-Q4').to);
    expect(previousQuarter('2026-Q4')).toBe('2026-Q3');
    expect(previousQuarter('2027-Q1')).toBe('2026-Q4');
    // 1 October 00:30 in Shanghai is still 30 September in UTC.
    expect(shanghaiQuarter(new Date('2026-09-30T16:30:00Z'))).toBe('2026-Q4');
    expect(shanghaiQuarter(new Date('2026-09-30T15:59:59Z'))).toBe('2026-Q3');
    expect(yearWindow(2026)).toEqual({
      from: new Date('2025-12-31T16:00:00Z'),
      to: new Date('2026-12-31T16:00:00Z'),
    });
  });
});

describe('quarterly summary access', () => {
  it('401 without a session, 404 out of scope, 403 for a resident of the community', async () => {
    expect((await summary(undefined, d.communityA.id, '2026-Q4')).status).toBe(401);
    const b = await summary(c.staffB, d.communityA.id, '2026-Q4');
    expect([b.status, b.body.error.code]).toEqual([404, 'not_found']);
    const other = await summary(c.subAdmin, otherSubdistrict.id, '2026-Q4');
    expect([other.status, other.body.error.code]).toEqual([404, 'not_found']);
    const resident = await summary(c.tian, d.communityA.id, '2026-Q4');
    expect([resident.status, resident.body.error.code]).toEqual([403, 'forbidden']);
    // Community staff sit inside the subdistrict but do not reach all of it.
    const up = await summary(c.staffA, subdistrict.id, '2026-Q4');
    expect([up.status, up.body.error.code]).toEqual([403, 'forbidden']);
  });

  it('refuses a malformed quarter (422) and a unit that is neither community nor subdistrict', async () => {
    for (const q of ['2026-Q5', '2026Q4', '2026-4', 'Q4-2026', '']) {
      const res = await summary(c.staffA, d.communityA.id, q);
      expect([q, res.status, res.body.error.code]).toEqual([q, 422, 'validation_failed']);
    }
    const building = await summary(c.staffA, d.siblingBuildingUnit.id, '2026-Q4');
    expect([building.status, building.body.error.code]).toEqual([422, 'summary_unit_invalid']);
  });
});

describe('quarterly summary figures', () => {
  it("春熙社区 2026-Q4: 田先生's 150 points by rule and kind, one household up from none", async () => {
    const res = await summary(c.staffA, d.communityA.id, '2026-Q4');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      orgUnitName: '春熙社区',
      orgUnitKind: 'community',
      quarter: '2026-Q4',
      previousQuarter: '2026-Q3',
      from: '2026-09-30T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
      issued: { earned: 150, deducted: 0, net: 150 },
      households: { current: 1, previous: 0, change: 1, changePct: null },
      participants: [
        { participant: 'gig_worker', persons: 0, points: 0 },
        { participant: 'volunteer', persons: 0, points: 0 },
      ],
      redemptions: { count: 0, points: 0 },
      communities: [],
    });
    // Both demo postings were credited in Q4 (8 Oct, 8 Nov); C06 spans two rulebook versions (20, 30).
    expect(res.body.byRule).toEqual([
      { code: 'C01', title: '参加环境整治', kind: 'contribution', entries: 7, points: 70 },
      { code: 'C06', title: '建言献策被采纳', kind: 'contribution', entries: 3, points: 80 },
    ]);
    expect(res.body.byKind).toEqual([{ kind: 'contribution', entries: 10, points: 150 }]);
    expect(res.body.topContributors).toEqual([
      { rank: 1, accountId: expect.any(String), name: '田志明', points: 150 },
    ]);
  });

  it('masks contributor names for the printable variant', async () => {
    const res = await summary(c.staffA, d.communityA.id, '2026-Q4', true);
    expect(res.body.masked).toBe(true);
    expect(res.body.topContributors.map((r: { name: string }) => r.name)).toEqual(['田*明']);
    expect(JSON.stringify(res.body)).not.toContain('田志明');
  });

  it('counts nothing before the points were credited, and the drop after', async () => {
    const q3 = await summary(c.committee, d.communityA.id, '2026-Q3');
    expect(q3.body).toMatchObject({
      issued: { earned: 0, deducted: 0, net: 0 },
      byRule: [],
      byKind: [],
      topContributors: [],
      households: { current: 0, previous: 0, change: 0, changePct: null },
    });
    const q1 = await summary(c.committee, d.communityA.id, '2027-Q1');
    expect(q1.body.households).toEqual({ current: 0, previous: 1, change: -1, changePct: -100 });
  });

  it('平顶山街道 2026-Q4 adds up its communities and lists each one', async () => {
    const res = await summary(c.subAdmin, subdistrict.id, '2026-Q4');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      orgUnitKind: 'subdistrict',
      issued: { earned: 150, net: 150 },
      households: { current: 1, previous: 0 },
    });
    expect(res.body.communities).toEqual([
      {
        communityId: d.communityA.id,
        communityName: '春熙社区',
        issued: { earned: 150, deducted: 0, net: 150 },
        households: { current: 1, previous: 0, change: 1, changePct: null },
        redemptions: { count: 0, points: 0 },
      },
      {
        communityId: d.communityB.id,
        communityName: '杨梅江社区',
        issued: { earned: 0, deducted: 0, net: 0 },
        households: { current: 0, previous: 0, change: 0, changePct: null },
        redemptions: { count: 0, points: 0 },
      },
    ]);
  });
});

/** A person of community A outside 田先生's household, tagged as a gig worker. */
async function gigWorker() {
  const [p] = await t.db
    .select({ p: person })
    .from(person)
    .innerJoin(householdMember, eq(householdMember.personId, person.id))
    .where(
      and(like(person.orgPath, `${d.communityA.path}%`), ne(householdMember.householdId, d.ownHousehold.id)),
    )
    .limit(1);
  await t.db
    .update(person)
    .set({ tags: [...new Set([...p.p.tags, 'gig_worker'])] })
    .where(eq(person.id, p.p.id));
  return p.p;
}

describe('gig workers, deductions and redemptions', () => {
  // Credited a week from now, as the scheduler would: counted in whichever quarter that is.
  const at = new Date(Date.now() + 8 * 86_400_000);
  const quarter = shanghaiQuarter(at);
  let gig: typeof person.$inferSelect;

  it('shows up in the quarter they are credited in', async () => {
    const before = (await summary(c.staffA, d.communityA.id, quarter)).body;
    gig = await gigWorker();
    const today = shanghaiDate();
    const raised = await t.db.transaction((tx) =>
      raiseSystemClaim(
        { actor: SYSTEM_ACTOR, tx },
        {
          personId: gig.id,
          ruleCode: 'C03',
          quantity: 2,
          deedDate: today,
          description: '上报破损垃圾桶',
          sourceKey: 'test:summary:gig',
          participant: 'gig_worker',
          initialState: 'checked',
        },
      ),
    );
    const deduction = await t.call({
      method: 'POST',
      url: '/api/points/claims',
      cookie: c.grid,
      body: {
        ruleCode: 'D01',
        personId: d.tian.id,
        quantity: 1,
        deedDate: today,
        description: '占用消防通道停车',
        photoIds: [],
      },
    });
    expect(deduction.status).toBe(200);
    for (const id of [raised.id, deduction.body.id]) {
      const approved = await t.call({
        method: 'POST',
        url: `/api/points/claims/${id}/transitions`,
        cookie: c.committee,
        body: { action: 'approve', note: '核实' },
      });
      expect(approved.status).toBe(200);
    }
    await t.db.transaction(async (tx) => {
      const p = await publishPosting({ actor: SYSTEM_ACTOR, tx }, d.communityA.id, 'test-summary');
      await closePosting({ actor: SYSTEM_ACTOR, tx }, p.id, at);
      const [tian] = await tx.select().from(pointsAccount).where(eq(pointsAccount.personId, d.tian.id));
      // The shop does not exist yet; a redeem entry is what it will write.
      await postEntry(tx, {
        accountId: tian.id,
        kind: 'redeem',
        amount: -20,
        causeType: 'redemption',
        causeId: 'test-redemption',
        idempotencyKey: 'test:summary:redeem',
        at,
      });
    });

    const after = (await summary(c.staffA, d.communityA.id, quarter)).body;
    expect(after.issued).toEqual({
      earned: before.issued.earned + 10,
      deducted: before.issued.deducted + 10,
      net: before.issued.net,
    });
    expect(after.byRule).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'C03', kind: 'contribution', entries: 1, points: 10 }),
        expect.objectContaining({ code: 'D01', kind: 'deduction', entries: 1, points: -10 }),
      ]),
    );
    expect(after.byKind.at(-1)).toEqual({ kind: 'deduction', entries: 1, points: -10 });
    // 田先生's household (earned, or at least deducted, this quarter) and the gig worker's.
    expect(after.households.current).toBe(2);
    expect(after.participants[0]).toEqual({ participant: 'gig_worker', persons: 1, points: 10 });
    expect(after.redemptions).toEqual({
      count: before.redemptions.count + 1,
      points: before.redemptions.points + 20,
    });
    expect(after.topContributors.map((r: { name: string }) => r.name)).toContain(gig.name);
  });

  it('exports the figures to Excel, formulas defused, for staff in scope only', async () => {
    // A name is free text from the roster: make one that a spreadsheet would run.
    const evil = '=HYPERLINK("http://x","点我")';
    await t.db.update(pointsAccount).set({ displayName: evil }).where(eq(pointsAccount.personId, gig.id));
    const url = (unit: string, q = quarter, masked = false) =>
      `/api/points/summaries/export?orgUnitId=${unit}&quarter=${q}${masked ? '&masked=true' : ''}`;

    expect((await t.call({ url: url(d.communityA.id) })).status).toBe(401);
    expect((await t.call({ url: url(d.communityA.id), cookie: c.staffB })).status).toBe(404);
    expect((await t.call({ url: url(d.communityA.id), cookie: c.tian })).status).toBe(403);
    expect((await t.call({ url: url(d.communityA.id, '2026-Q9'), cookie: c.staffA })).status).toBe(422);

    const json = (await summary(c.staffA, d.communityA.id, quarter)).body;
    const res = await t.app.inject({ url: url(d.communityA.id), headers: { cookie: c.staffA } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const [year, q] = quarter.split('-Q');
    const fileName = `春熙社区${year}年第${['一', '二', '三', '四'][Number(q) - 1]}季度积分汇总.xlsx`;
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="points-summary-${quarter}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    );
    const wb = await workbook(res.rawPayload);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['汇总', '按规则', '积分榜']);

    const overview = rowsOf(wb, '汇总');
    const value = (label: string) => overview.find((r) => r[0] === label)?.[1];
    expect(value('单位')).toBe('春熙社区');
    expect(value('发放积分（获得）')).toBe(json.issued.earned);
    expect(value('扣减积分')).toBe(json.issued.deducted);
    expect(value('参与户数')).toBe(json.households.current);
    expect(value('新就业群体参与人数')).toBe(1);
    expect(value('积分兑换笔数')).toBe(json.redemptions.count);

    const byRule = rowsOf(wb, '按规则');
    expect(byRule[0]).toEqual(['规则编码', '规则名称', '类别', '记入笔数', '积分']);
    for (const r of json.byRule) {
      expect(byRule).toContainEqual([r.code, r.title, expect.any(String), r.entries, r.points]);
    }

    const board = rowsOf(wb, '积分榜');
    expect(board).toContainEqual([1, '田志明', json.topContributors[0].points]);
    expect(board.map((r) => r[1])).toContain(`'${evil}`);
    // No cell anywhere came back as a live formula.
    for (const ws of wb.worksheets) {
      ws.eachRow((row) => {
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@]/);
        });
      });
    }

    const masked = await t.app.inject({
      url: url(d.communityA.id, quarter, true),
      headers: { cookie: c.staffA },
    });
    const maskedNames = rowsOf(await workbook(masked.rawPayload), '积分榜').map((r) => r[1]);
    expect(maskedNames).toContain('田*明');
    expect(maskedNames).toContain(UNNAMED);
    expect(maskedNames).not.toContain('田志明');

    const [exported] = await t.db
      .select()
      .from(auditEvent)
      .where(
        and(eq(auditEvent.action, 'points.summary_exported'), eq(auditEvent.subjectId, d.communityA.id)),
      );
    expect(exported.summary).toContain('春熙社区');
  });

  it("exports a subdistrict's summary with a sheet per community figures", async () => {
    const res = await t.app.inject({
      url: `/api/points/summaries/export?orgUnitId=${subdistrict.id}&quarter=2026-Q4`,
      headers: { cookie: c.subAdmin },
    });
    expect(res.statusCode).toBe(200);
    const wb = await workbook(res.rawPayload);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['汇总', '按规则', '积分榜', '各社区']);
    const communities = rowsOf(wb, '各社区');
    expect(communities[0][0]).toBe('社区');
    expect(communities.map((r) => r[0])).toEqual(['社区', '春熙社区', '杨梅江社区']);
    const json = (await summary(c.subAdmin, subdistrict.id, '2026-Q4')).body;
    expect(communities[1].slice(1, 5)).toEqual([
      json.communities[0].issued.earned,
      json.communities[0].issued.deducted,
      json.communities[0].issued.net,
      json.communities[0].households.current,
    ]);
  });
});

async function workbook(payload: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  return wb;
}

function rowsOf(wb: ExcelJS.Workbook, sheet: string): unknown[][] {
  const rows: unknown[][] = [];
  wb.getWorksheet(sheet)!.eachRow((r) => {
    rows.push((r.values as unknown[]).slice(1));
  });
  return rows;
}
