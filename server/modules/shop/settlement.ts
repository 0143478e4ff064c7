import { and, asc, eq, gte, lt } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { settlementOut, settlementQuery } from '../../../common/contracts/shop.ts';
import { maskName } from '../../../common/masking.ts';
import type { Executor } from '../../db/client.ts';
import { type Actor, authorize } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { loadPerson, neutralise } from '../org/index.ts';
import { monthLabel, monthWindow } from './figures.ts';
import { loadProvider, type ProviderRow, presentProvider, staffedProviders } from './providers.ts';
import { redemption, shopItem } from './schema.ts';

// 结算单: what the community owes a provider for a month. It lists the vouchers the provider
// fulfilled (核销) in that month, Asia/Shanghai, whenever they were redeemed: the service was given
// or the goods handed over then. Holders appear masked, as the provider's counter sees them.

export type SettlementOut = z.infer<typeof settlementOut>;
type SettlementQuery = z.infer<typeof settlementQuery>;

/**
 * Who may read a provider's statement: shop:figures staff whose grant reaches the provider, or the
 * provider's own counter staff. A provider_staff grant sits at a community but reaches only its own
 * provider, so for any other provider it counts as no grant at all (404, never 403).
 */
export function authorizeSettlement(actor: Actor, provider: ProviderRow): void {
  if (staffedProviders(actor).includes(provider.id)) return;
  const staff: Actor = { ...actor, grants: actor.grants.filter((g) => g.role !== 'provider_staff') };
  authorize(staff, 'shop:figures', { orgPath: provider.orgPath });
}

/**
 * The statement of one provider and month, after `authorizeSettlement`. Queries run one after
 * another, so a transaction may be passed.
 */
export async function buildSettlement(
  db: Executor,
  provider: ProviderRow,
  month: string,
): Promise<SettlementOut> {
  const w = monthWindow(month);
  const rows = await db
    .select({
      fulfilledAt: redemption.fulfilledAt,
      voucherCode: redemption.voucherCode,
      itemTitle: shopItem.title,
      quantity: redemption.quantity,
      points: redemption.points,
      cashValueFen: redemption.cashValueFen,
      personId: redemption.personId,
    })
    .from(redemption)
    .innerJoin(shopItem, eq(shopItem.id, redemption.itemId))
    // (provider_id, fulfilled_at) is indexed: the month of one provider is a range scan.
    .where(
      and(
        eq(redemption.providerId, provider.id),
        gte(redemption.fulfilledAt, w.from),
        lt(redemption.fulfilledAt, w.to),
        eq(redemption.state, 'fulfilled'),
      ),
    )
    .orderBy(asc(redemption.fulfilledAt), asc(redemption.voucherCode));
  const names = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.personId))) {
    names.set(id, maskName((await loadPerson(db, id)).name));
  }
  const lines = rows.map((r) => ({
    fulfilledAt: r.fulfilledAt!.toISOString(),
    voucherCode: r.voucherCode,
    itemTitle: r.itemTitle,
    quantity: r.quantity,
    points: r.points,
    cashValueFen: r.cashValueFen,
    holderName: names.get(r.personId) ?? '',
  }));
  const totals = lines.reduce(
    (s, l) => ({
      count: s.count + 1,
      points: s.points + l.points,
      cashValueFen: s.cashValueFen + l.cashValueFen,
    }),
    { count: 0, points: 0, cashValueFen: 0 },
  );
  return { provider: presentProvider(provider), month, lines, totals };
}

export async function getSettlement({ actor, db }: QueryContext, q: SettlementQuery): Promise<SettlementOut> {
  monthWindow(q.month); // a malformed month is 422 before the provider is looked up
  const provider = await loadProvider(db, q.providerId);
  authorizeSettlement(actor, provider);
  return buildSettlement(db, provider, q.month);
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** Authorises the download, builds the statement and records who took it, in one transaction. */
export async function exportSettlement(ctx: CommandContext, q: SettlementQuery): Promise<SettlementOut> {
  monthWindow(q.month);
  const provider = await loadProvider(ctx.tx, q.providerId);
  authorizeSettlement(ctx.actor, provider);
  const s = await buildSettlement(ctx.tx, provider, q.month);
  await recordAudit(ctx, {
    action: 'shop.settlement_exported',
    subjectType: 'shop_provider',
    subjectId: provider.id,
    orgPath: provider.orgPath,
    orgUnitId: provider.orgUnitId,
    summary: `导出「${provider.name}」${monthLabel(q.month)}结算单：${s.totals.count} 张兑换券，${s.totals.points} 积分，¥${yuan(s.totals.cashValueFen)}`,
  });
  return s;
}

/** "安心家政服务社2026年11月结算单.xlsx", with characters no file system accepts replaced. */
export function settlementFileName(s: SettlementOut): string {
  const safe = s.provider.name.replace(/[\\/:*?"<>|\r\n]/g, '_');
  return `${safe}${monthLabel(s.month)}结算单.xlsx`;
}

export const SETTLEMENT_SHEET = '结算单';

const COLUMNS = [
  { header: '序号', width: 6 },
  { header: '核销时间', width: 18 },
  { header: '兑换券号', width: 14 },
  { header: '兑换项目', width: 30 },
  { header: '数量', width: 6 },
  { header: '积分', width: 10 },
  { header: '结算金额（元）', width: 14 },
  { header: '兑换人', width: 12 },
] as const;
const YUAN_FORMAT = '#,##0.00';
const CASH_COLUMN = 7;

const shanghaiDateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const shanghaiDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

type Cell = string | number | null;
const cells = (values: Cell[]) => values.map((v) => (typeof v === 'string' ? neutralise(v) : v));

/**
 * One sheet as the provider and the community sign it: a title, the period, the vouchers, a totals
 * row and the signature lines. Money is a number of yuan (fen / 100) formatted with 2 decimals, so
 * the sheet sums and checks; every text cell is defused against formula injection.
 */
export async function settlementWorkbook(s: SettlementOut): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  const ws = wb.addWorksheet(SETTLEMENT_SHEET, {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  const last = String.fromCharCode(64 + COLUMNS.length);

  const title = ws.addRow(cells([`${s.provider.name} ${monthLabel(s.month)}积分兑换结算单`]));
  ws.mergeCells(`A1:${last}1`);
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };
  const w = monthWindow(s.month);
  ws.addRow(
    cells([
      `结算期间：${shanghaiDay.format(w.from)} 至 ${shanghaiDay.format(new Date(w.to.getTime() - 1))}（按核销时间，北京时间）`,
    ]),
  );
  ws.mergeCells(`A2:${last}2`);

  const header = ws.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  const firstLine = header.number + 1;
  for (const [i, l] of s.lines.entries()) {
    ws.addRow(
      cells([
        i + 1,
        shanghaiDateTime.format(new Date(l.fulfilledAt)),
        l.voucherCode,
        l.itemTitle,
        l.quantity,
        l.points,
        l.cashValueFen / 100,
        l.holderName,
      ]),
    );
  }
  const quantity = s.lines.reduce((n, l) => n + l.quantity, 0);
  const totals = ws.addRow(
    cells([
      '合计',
      '',
      `${s.totals.count} 张`,
      '',
      quantity,
      s.totals.points,
      s.totals.cashValueFen / 100,
      '',
    ]),
  );
  totals.font = { bold: true };
  for (let r = firstLine; r <= totals.number; r++) ws.getRow(r).getCell(CASH_COLUMN).numFmt = YUAN_FORMAT;
  ws.views = [{ state: 'frozen', ySplit: header.number }];

  ws.addRow([]);
  ws.addRow(cells(['服务提供方（签章）：', '', '', '', '社区（签章）：']));
  ws.addRow(cells(['日期：', '', '', '', '日期：']));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
