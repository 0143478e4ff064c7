import ExcelJS from 'exceljs';
import type { SummaryOut } from '../../../common/contracts/summaries.ts';
import { neutralise } from '../org/index.ts';

// The quarterly summary as community staff file and print it: one workbook, one sheet per view.
// Names and rule titles are free text, so every string cell is defused against formula injection.

const KIND_LABELS = { base: '基础积分', contribution: '贡献积分', deduction: '扣分' } as const;
const PARTICIPANT_LABELS = { gig_worker: '新就业群体', volunteer: '志愿者' } as const;
const QUARTER_NAMES = ['一', '二', '三', '四'];

/** "2026-Q4" → "2026年第四季度". */
export function quarterLabel(quarter: string): string {
  const [year, q] = quarter.split('-Q');
  return `${year}年第${QUARTER_NAMES[Number(q) - 1]}季度`;
}

type Cell = string | number | null;

function addSheet(wb: ExcelJS.Workbook, name: string, columns: { header: string; width: number }[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

function addRow(ws: ExcelJS.Worksheet, cells: Cell[]) {
  ws.addRow(cells.map((v) => (typeof v === 'string' ? neutralise(v) : v)));
}

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
/** Asia/Shanghai dates of the window, the last day inclusive as people read it. */
const day = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.parse(iso)));

export function summaryFileName(s: SummaryOut): string {
  const safe = s.orgUnitName.replace(/[\\/:*?"<>|\r\n]/g, '_');
  return `${safe}${quarterLabel(s.quarter)}积分汇总.xlsx`;
}

export async function summaryWorkbook(s: SummaryOut): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';

  const overview = addSheet(wb, '汇总', [
    { header: '项目', width: 26 },
    { header: '数值', width: 30 },
  ]);
  const last = new Date(Date.parse(s.to) - 1).toISOString();
  const rows: Cell[][] = [
    ['单位', s.orgUnitName],
    ['季度', `${quarterLabel(s.quarter)}（${s.quarter}）`],
    ['统计区间', `${day(s.from)} 至 ${day(last)}`],
    ['发放积分（获得）', s.issued.earned],
    ['扣减积分', s.issued.deducted],
    ['净发放积分', s.issued.net],
    ['参与户数', s.households.current],
    [`上季度参与户数（${s.previousQuarter}）`, s.households.previous],
    ['参与户数增长', s.households.change],
    ['参与户数增长率', pct(s.households.changePct)],
    ...s.participants.flatMap((p): Cell[][] => [
      [`${PARTICIPANT_LABELS[p.participant]}参与人数`, p.persons],
      [`${PARTICIPANT_LABELS[p.participant]}获得积分`, p.points],
    ]),
    ['积分兑换笔数', s.redemptions.count],
    ['兑换使用积分', s.redemptions.points],
  ];
  for (const r of rows) addRow(overview, r);

  const byRule = addSheet(wb, '按规则', [
    { header: '规则编码', width: 10 },
    { header: '规则名称', width: 40 },
    { header: '类别', width: 10 },
    { header: '记入笔数', width: 10 },
    { header: '积分', width: 10 },
  ]);
  for (const r of s.byRule) addRow(byRule, [r.code, r.title, KIND_LABELS[r.kind], r.entries, r.points]);
  addRow(byRule, []);
  for (const k of s.byKind)
    addRow(byRule, ['', `${KIND_LABELS[k.kind]}小计`, KIND_LABELS[k.kind], k.entries, k.points]);

  const board = addSheet(wb, '积分榜', [
    { header: '名次', width: 8 },
    { header: s.masked ? '姓名（公示）' : '姓名', width: 20 },
    { header: '本季度获得积分', width: 16 },
  ]);
  for (const c of s.topContributors) addRow(board, [c.rank, c.name, c.points]);

  if (s.orgUnitKind === 'subdistrict') {
    const sheet = addSheet(wb, '各社区', [
      { header: '社区', width: 16 },
      { header: '发放积分', width: 10 },
      { header: '扣减积分', width: 10 },
      { header: '净发放', width: 10 },
      { header: '参与户数', width: 10 },
      { header: '上季度参与户数', width: 14 },
      { header: '增长', width: 8 },
      { header: '增长率', width: 8 },
      { header: '兑换笔数', width: 10 },
      { header: '兑换积分', width: 10 },
    ]);
    for (const c of s.communities) {
      addRow(sheet, [
        c.communityName,
        c.issued.earned,
        c.issued.deducted,
        c.issued.net,
        c.households.current,
        c.households.previous,
        c.households.change,
        pct(c.households.changePct),
        c.redemptions.count,
        c.redemptions.points,
      ]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
