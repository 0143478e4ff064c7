import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { shanghaiMonth, previousMonth } from '../../platform/clock.ts';
import { hashPassword } from '../../platform/password.ts';
import { auditEvent } from '../../platform/schema.ts';
import { createUser } from '../../platform/users.ts';
import { membersOf } from '../org/index.ts';
import { orgUnit } from '../org/schema.ts';
import { checkLedger, ensurePersonAccount, postEntry } from '../points/index.ts';
import { monthLabel, monthWindow } from './figures.ts';
import { SETTLEMENT_SHEET } from './settlement.ts';
import { shopItem, shopProvider } from './schema.ts';

let t: TestApp;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
let c: Record<'staffA' | 'staffB' | 'subAdmin' | 'grid' | 'tian' | 'provider' | 'neighbour', string>;
let housekeeping: typeof shopProvider.$inferSelect;
let lawFirm: typeof shopProvider.$inferSelect;
let subdistrict: typeof orgUnit.$inferSelect;
let item: Record<'housekeeping' | 'legalAid', string>;
let month: string;

const figures = (cookie: string | undefined, qs = '') => t.call({ url: `/api/shop/figures${qs}`, cookie });
const settlement = (cookie: string | undefined, providerId: string, m = month) =>
  t.call({ url: `/api/shop/settlements?providerId=${providerId}&month=${m}`, cookie });
const exportUrl = (providerId: string, m = month) =>
  `/api/shop/settlements/export?providerId=${providerId}&month=${m}`;
const download = (cookie: string, providerId: string) =>
  t.app.inject({ url: exportUrl(providerId), headers: { cookie } });
async function sheetRows(payload: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(SETTLEMENT_SHEET)!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { ws, rows, header: rows.findIndex((row) => row[0] === '序号') };
}

async function redeem(cookie: string, itemId: string) {
  const res = await t.call({
    method: 'POST',
    url: '/api/shop/redemptions',
    cookie,
    body: { itemId, quantity: 1, idempotencyKey: randomUUID() },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { id: string; voucherCode: string };
}
async function fulfil(code: string) {
  const res = await t.call({ method: 'POST', url: `/api/shop/vouchers/${code}/fulfil`, cookie: c.provider });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

beforeAll(async () => {
  t = await testApp();
  d = await demoLandmarks(t.db);
  [subdistrict] = await t.db.select().from(orgUnit).where(eq(orgUnit.name, '平顶山街道'));
  const providers = await t.db.select().from(shopProvider);
  housekeeping = providers.find((p) => p.name === '安心家政服务社')!;
  const items = await t.db.select().from(shopItem);
  const itemId = (title: string) => items.find((i) => i.title === title)!.id;
  item = { housekeeping: itemId('家政服务（2小时）'), legalAid: itemId('法律援助咨询（1次）') };
  lawFirm = providers.find((p) => p.id === items.find((i) => i.id === item.legalAid)!.providerId)!;

  // A neighbour of 田先生 in the same building, signed up as a resident, with 500 points to spend.
  const [neighbour] = await membersOf(t.db, d.sameBuilding.id);
  await createUser(t.db, {
    phone: '13900000071',
    displayName: neighbour.name,
    passwordHash: await hashPassword('Linli@2026'),
    personId: neighbour.personId,
    grants: [
      {
        role: 'resident',
        orgUnitId: d.sameBuilding.buildingId,
        orgPath: d.sameBuilding.orgPath,
        householdId: d.sameBuilding.id,
      },
    ],
  });
  await t.db.transaction(async (tx) => {
    const account = await ensurePersonAccount(tx, neighbour.personId);
    await postEntry(tx, {
      accountId: account.id,
      kind: 'adjust',
      amount: 500,
      causeType: 'adjustment',
      causeId: randomUUID(),
      idempotencyKey: `test-adjust:${neighbour.personId}`,
      note: '测试补录积分',
    });
  });

  c = {
    staffA: await t.login('13900000003'),
    staffB: await t.login('13900000004'),
    subAdmin: await t.login('13900000002'),
    grid: await t.login('13900000005'),
    tian: await t.login('13900000007'),
    provider: await t.login('13900000009'),
    neighbour: await t.login('13900000071'),
  };

  // 田先生 spends his 150 points on 家政服务 and the provider fulfils it at the counter.
  const tian = await redeem(c.tian, item.housekeeping);
  await fulfil(tian.voucherCode);
  // The neighbour redeems legal aid and cancels it: refunded, so it counts nowhere.
  const cancelled = await redeem(c.neighbour, item.legalAid);
  const res = await t.call({
    method: 'POST',
    url: `/api/shop/redemptions/${cancelled.id}/cancel`,
    cookie: c.neighbour,
    body: { reason: '时间冲突' },
  });
  expect(res.status).toBe(200);
  month = shanghaiMonth();
});
afterAll(async () => {
  expect(await checkLedger(t.db)).toEqual([]);
  await t.close();
});

describe('month arithmetic (Asia/Shanghai)', () => {
  it('bounds a month at Shanghai midnight and names it', () => {
    expect(monthWindow('2026-11')).toEqual({
      from: new Date('2026-10-31T16:00:00Z'),
      to: new Date('2026-11-30T16:00:00Z'),
    });
    expect(monthWindow('2026-12').to).toEqual(new Date('2026-12-31T16:00:00Z'));
    expect(monthLabel('2026-01')).toBe('2026年1月');
    expect(() => monthWindow('2026-13')).toThrow('validation_failed');
  });
});

describe('shop figures access', () => {
  it('401 without a session, 403 for a resident and for provider staff', async () => {
    expect((await figures(undefined)).status).toBe(401);
    for (const who of [c.tian, c.provider, c.grid]) {
      const res = await figures(who);
      expect([res.status, res.body.error.code]).toEqual([403, 'forbidden']);
    }
  });

  it('404 for a unit out of scope (a sibling community, the subdistrict above, an unknown id)', async () => {
    const b = await figures(c.staffA, `?orgUnitId=${d.communityB.id}`);
    expect([b.status, b.body.error.code]).toEqual([404, 'not_found']);
    // Community staff sit inside the subdistrict but do not reach it: out of scope, like any other.
    const up = await figures(c.staffA, `?orgUnitId=${subdistrict.id}`);
    expect([up.status, up.body.error.code]).toEqual([404, 'not_found']);
    const unknown = await figures(c.staffA, `?orgUnitId=${randomUUID()}`);
    expect(unknown.status).toBe(404);
  });

  it('refuses malformed and reversed months (422)', async () => {
    for (const qs of ['?from=2026-13', '?to=2026-1', '?from=26-01', `?from=2026-05&to=2026-04`]) {
      const res = await figures(c.staffA, qs);
      expect([qs, res.status, res.body.error.code]).toEqual([qs, 422, 'validation_failed']);
    }
  });
});

describe('shop figures', () => {
  const tianOnly = { count: 1, points: 150, cashValueFen: 12000 };

  it("counts 田先生's fulfilled 家政服务 and not the cancelled legal aid", async () => {
    const res = await figures(c.staffA);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      totals: tianOnly,
      byItem: [{ key: item.housekeeping, label: '家政服务（2小时）', ...tianOnly }],
      byProvider: [{ key: housekeeping.id, label: '安心家政服务社', ...tianOnly }],
      byCommunity: [{ key: d.communityA.id, label: '春熙社区', ...tianOnly }],
      byMonth: [{ key: month, label: monthLabel(month), ...tianOnly }],
    });
  });

  it('is the same for the subdistrict and for community A by id; empty for community B', async () => {
    expect((await figures(c.subAdmin)).body.totals).toEqual(tianOnly);
    expect((await figures(c.subAdmin, `?orgUnitId=${d.communityA.id}`)).body.totals).toEqual(tianOnly);
    expect((await figures(c.subAdmin, `?orgUnitId=${d.communityB.id}`)).body.totals).toEqual({
      count: 0,
      points: 0,
      cashValueFen: 0,
    });
    const b = await figures(c.staffB);
    expect(b.status).toBe(200);
    expect(b.body).toEqual({
      totals: { count: 0, points: 0, cashValueFen: 0 },
      byItem: [],
      byProvider: [],
      byCommunity: [],
      byMonth: [],
    });
  });

  it('filters by months', async () => {
    expect((await figures(c.staffA, `?from=${month}&to=${month}`)).body.totals).toEqual(tianOnly);
    expect((await figures(c.staffA, `?from=${month}`)).body.totals).toEqual(tianOnly);
    const before = await figures(c.staffA, `?to=${previousMonth(month)}`);
    expect([before.status, before.body.totals.count, before.body.byMonth]).toEqual([200, 0, []]);
  });
});

describe('settlement access', () => {
  it('401 without a session; 404 for another provider, another community, a resident, an unknown id', async () => {
    expect((await settlement(undefined, housekeeping.id)).status).toBe(401);
    // The provider's counter staff do not see other providers' statements, even in the same community.
    const other = await settlement(c.provider, lawFirm.id);
    expect([other.status, other.body.error.code]).toEqual([404, 'not_found']);
    const b = await settlement(c.staffB, housekeeping.id);
    expect([b.status, b.body.error.code]).toEqual([404, 'not_found']);
    const resident = await settlement(c.tian, housekeeping.id);
    expect([resident.status, resident.body.error.code]).toEqual([404, 'not_found']);
    expect((await settlement(c.staffA, randomUUID())).status).toBe(404);
    const exported = await t.call({ url: exportUrl(housekeeping.id), cookie: c.staffB });
    expect([exported.status, exported.body.error.code]).toEqual([404, 'not_found']);
  });

  it('403 for a grid worker of the community (sees it, may not read money); 422 for a bad month', async () => {
    const grid = await settlement(c.grid, housekeeping.id);
    expect([grid.status, grid.body.error.code]).toEqual([403, 'forbidden']);
    for (const m of ['2026-00', '2026-13', '202611', '']) {
      const res = await settlement(c.staffA, housekeeping.id, m);
      expect([m, res.status, res.body.error.code]).toEqual([m, 422, 'validation_failed']);
    }
  });
});

describe('settlement', () => {
  it("lists the provider's fulfilled voucher of the month, the holder masked", async () => {
    for (const who of [c.provider, c.staffA, c.subAdmin]) {
      const res = await settlement(who, housekeeping.id);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        provider: expect.objectContaining({ id: housekeeping.id, name: '安心家政服务社' }),
        month,
        lines: [
          {
            fulfilledAt: expect.any(String),
            voucherCode: expect.stringMatching(/^[0-9A-Z]{10}$/),
            itemTitle: '家政服务（2小时）',
            quantity: 1,
            points: 150,
            cashValueFen: 12000,
            holderName: '田*明',
          },
        ],
        totals: { count: 1, points: 150, cashValueFen: 12000 },
      });
    }
    const before = await settlement(c.staffA, housekeeping.id, previousMonth(month));
    expect([before.status, before.body.lines, before.body.totals.count]).toEqual([200, [], 0]);
    // Legal aid was redeemed and cancelled: the law firm has nothing to bill.
    expect((await settlement(c.staffA, lawFirm.id)).body.totals).toEqual({
      count: 0,
      points: 0,
      cashValueFen: 0,
    });
  });

  it('counts an issued voucher in the figures but bills only what was fulfilled', async () => {
    await redeem(c.neighbour, item.housekeeping);
    const f = await figures(c.staffA);
    expect(f.body.totals).toEqual({ count: 2, points: 300, cashValueFen: 24000 });
    expect(f.body.byProvider).toEqual([
      { key: housekeeping.id, label: '安心家政服务社', count: 2, points: 300, cashValueFen: 24000 },
    ]);
    const s = await settlement(c.provider, housekeeping.id);
    expect(s.body.totals).toEqual({ count: 1, points: 150, cashValueFen: 12000 });
  });
});

describe('settlement export', () => {
  it('downloads 结算单 as .xlsx: title, lines, totals in yuan, formula-like text defused, audited', async () => {
    // Community staff list an item whose title a spreadsheet would read as a formula.
    const evil = '=HYPERLINK("http://evil.example","领奖")';
    const created = await t.call({
      method: 'POST',
      url: '/api/shop/items',
      cookie: c.staffA,
      body: {
        providerId: housekeeping.id,
        kind: 'service',
        title: evil,
        pricePoints: 10,
        cashValueFen: 999,
        communityIds: [d.communityA.id],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const r = await redeem(c.neighbour, created.body.id);
    await fulfil(r.voucherCode);

    const res = await download(c.provider, housekeeping.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const fileName = `安心家政服务社${monthLabel(month)}结算单.xlsx`;
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="settlement-${month}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    );

    const { ws, rows, header } = await sheetRows(res.rawPayload);
    expect(ws.getCell('A1').value).toBe(`安心家政服务社 ${monthLabel(month)}积分兑换结算单`);
    expect(rows[header]).toEqual([
      '序号',
      '核销时间',
      '兑换券号',
      '兑换项目',
      '数量',
      '积分',
      '结算金额（元）',
      '兑换人',
    ]);
    const lines = rows.slice(header + 1, header + 3);
    expect(lines.map((l) => [l[0], l[3], l[4], l[5], l[6], l[7]])).toEqual([
      [1, '家政服务（2小时）', 1, 150, 120, '田*明'],
      [2, `'${evil}`, 1, 10, 9.99, expect.stringMatching(/\*/)],
    ]);
    expect(lines[0][1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const totals = rows[header + 3];
    expect([totals[0], totals[2], totals[4], totals[5], totals[6]]).toEqual(['合计', '2 张', 2, 160, 129.99]);
    // Money cells are numbers shown with two decimals, not text.
    expect(ws.getRow(header + 4).getCell(7).numFmt).toBe('#,##0.00');
    expect(ws.getRow(header + 2).getCell(7).numFmt).toBe('#,##0.00');
    // No cell anywhere holds a formula.
    ws.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));

    const events = await t.db
      .select()
      .from(auditEvent)
      .where(
        and(eq(auditEvent.action, 'shop.settlement_exported'), eq(auditEvent.subjectId, housekeeping.id)),
      );
    expect(events).toHaveLength(1);
    expect(events[0].summary).toContain('2 张兑换券');
    expect(events[0].summary).toContain('¥129.99');
  });

  it('exports an empty month with a zero totals row', async () => {
    const res = await download(c.staffA, lawFirm.id);
    expect(res.statusCode).toBe(200);
    const { rows, header } = await sheetRows(res.rawPayload);
    expect(rows[header + 1].slice(0, 7)).toEqual(['合计', '', '0 张', '', 0, 0, 0]);
  });
});
