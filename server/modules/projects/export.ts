import ExcelJS from 'exceljs';
import {
  CATEGORY_LABELS,
  type ProjectCategory,
  type QuarterlyOut,
} from '../../../common/contracts/projects.ts';
import { neutralise } from '../org/index.ts';

// 季总结 as community staff file and print it: one workbook, one sheet per view. Titles, units and
// names are free text, so every string cell is defused against formula injection. Money in yuan.

const QUARTER_NAMES = ['一', '二', '三', '四'];
const STATE_LABELS = { planned: '未开工', in_progress: '推进中', done: '已完成' } as const;

/** "2026-Q4" → "2026年第四季度". */
export function quarterLabel(quarter: string): string {
  const [year, q] = quarter.split('-Q');
  return `${year}年第${QUARTER_NAMES[Number(q) - 1]}季度`;
}

type Cell = string | number | null;
const yuan = (fen: number) => Math.round(fen) / 100;
const category = (c: string) => CATEGORY_LABELS[c as ProjectCategory]?.zh ?? c;

function addSheet(wb: ExcelJS.Workbook, name: string, columns: { header: string; width: number }[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

function addRow(ws: ExcelJS.Worksheet, cells: Cell[]) {
  ws.addRow(cells.map((v) => (typeof v === 'string' ? neutralise(v) : v)));
}

export function quarterlyFileName(s: QuarterlyOut): string {
  const safe = s.orgUnitName.replace(/[\\/:*?"<>|\r\n]/g, '_');
  return `${safe}${quarterLabel(s.quarter)}暖心实项目季总结.xlsx`;
}

export async function quarterlyWorkbook(s: QuarterlyOut): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  const overview = addSheet(wb, '汇总', [
    { header: '项目', width: 26 },
    { header: '数值', width: 30 },
  ]);
  const t = s.totals;
  const rows: Cell[][] = [
    ['单位', s.orgUnitName],
    ['季度', `${quarterLabel(s.quarter)}（${s.quarter}）`],
    ['统计区间', `${s.from} 至 ${s.to}`],
    ['统计截至', s.asOf],
    ['本季度到期项目', t.due],
    ['已完成', t.done],
    ['按期完成', t.doneOnTime],
    ['推进中', t.inProgress],
    ['逾期未完成', t.overdue],
    ['计划预算（元）', yuan(t.budgetPlannedFen)],
    ['已支出（元）', yuan(t.budgetSpentFen)],
    ['居民评价平均分', t.ratingAverage ?? '—'],
    ['居民评价人次', t.ratingCount],
    ['全年项目完成', `${t.yearDone} / ${t.yearTotal}`],
  ];
  for (const r of rows) addRow(overview, r);

  const list = addSheet(wb, '项目清单', [
    { header: '编号', width: 8 },
    { header: '项目名称', width: 36 },
    { header: '类别', width: 10 },
    { header: '责任单位', width: 22 },
    { header: '负责人', width: 10 },
    { header: '完成时限', width: 12 },
    { header: '状态', width: 10 },
    { header: '是否逾期', width: 10 },
    { header: '预算（元）', width: 12 },
    { header: '已支出（元）', width: 12 },
    { header: '评价均分', width: 10 },
  ]);
  for (const p of s.projects)
    addRow(list, [
      p.number,
      p.title,
      category(p.category),
      p.responsibleUnit,
      p.leadName,
      p.deadline,
      STATE_LABELS[p.state],
      p.delayed ? '逾期' : '',
      yuan(p.budgetFen),
      yuan(p.spentFen),
      p.ratingAverage,
    ]);

  const groupColumns = (first: string) => [
    { header: first, width: 22 },
    { header: '到期项目', width: 10 },
    { header: '已完成', width: 10 },
    { header: '逾期', width: 10 },
    { header: '预算（元）', width: 12 },
    { header: '已支出（元）', width: 12 },
  ];
  const byCategory = addSheet(wb, '按类别', groupColumns('类别'));
  for (const r of s.byCategory)
    addRow(byCategory, [
      category(r.key),
      r.due,
      r.done,
      r.overdue,
      yuan(r.budgetPlannedFen),
      yuan(r.budgetSpentFen),
    ]);
  const byUnit = addSheet(wb, '按责任单位', groupColumns('责任单位'));
  for (const r of s.byUnit)
    addRow(byUnit, [r.key, r.due, r.done, r.overdue, yuan(r.budgetPlannedFen), yuan(r.budgetSpentFen)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
