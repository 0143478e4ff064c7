import ExcelJS from 'exceljs';
import type { CaseListFilter, CaseListName, CaseListRow } from '../../../common/contracts/case-lists.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { CommandContext } from '../../platform/context.ts';
import { nameOrgUnits, neutralise } from '../org/index.ts';
import { allCaseRows } from './lists.ts';

// The two lists as community staff keep them: an .xlsx with a title row naming the list, the scope
// and the filter, then one row per case. Every text cell is defused against formula injection
// (a description typed as "=HYPERLINK(…)" stays text).

export const LIST_TITLES: Record<CaseListName, string> = {
  demands: '民生诉求清单',
  tasks: '治理任务清单',
};

const KIND: Record<string, string> = {
  demand: '民生诉求',
  hazard: '安全隐患',
  dispute: '矛盾纠纷',
  suggestion: '意见建议',
  emergency: '突发事件',
};
const STATE: Record<string, string> = {
  reported: '待核实',
  checked: '已核实',
  queued: '待派单',
  dispatched: '已派单',
  in_progress: '办理中',
  whistled: '已吹哨',
  completed: '待评价',
  reopened: '重新办理',
  closed: '已办结',
  invalid: '无效',
  duplicate: '重复',
  withdrawn: '已撤回',
};
const LEVEL: Record<string, string> = {
  building: '家事（楼栋）',
  compound: '众事（小区）',
  community: '公事（社区）',
};
const RESOLUTION: Record<string, string> = { resolved_locally: '就地解决', escalated: '上报处理' };

const shanghai = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const at = (iso: string | null) => (iso ? shanghai.format(new Date(iso)) : '');

type Column = { header: string; width: number; value: (r: CaseListRow) => string | number };
const COMMON: Column[] = [
  { header: '上报时间', width: 17, value: (r) => at(r.reportedAt) },
  { header: '社区', width: 12, value: (r) => r.communityName },
  { header: '地点', width: 22, value: (r) => r.place },
  { header: '类型', width: 10, value: (r) => KIND[r.kind] ?? r.kind },
  { header: '分类', width: 14, value: (r) => r.categoryName },
  { header: '描述', width: 44, value: (r) => r.description },
  { header: '状态', width: 10, value: (r) => STATE[r.state] ?? r.state },
];
export const LIST_COLUMNS: Record<CaseListName, Column[]> = {
  demands: [
    ...COMMON,
    { header: '报事人', width: 10, value: (r) => r.reporterName },
    { header: '承办方', width: 18, value: (r) => r.assigneeName ?? r.departments.join('、') },
    { header: '评价', width: 6, value: (r) => r.rating ?? '' },
    { header: '办结时间', width: 17, value: (r) => at(r.closedAt) },
  ],
  tasks: [
    ...COMMON,
    {
      header: '层级',
      width: 12,
      value: (r) => (r.matterLevel ? (LEVEL[r.matterLevel] ?? r.matterLevel) : ''),
    },
    { header: '承办方', width: 18, value: (r) => r.assigneeName ?? '' },
    { header: '吹哨部门', width: 22, value: (r) => r.departments.join('、') },
    { header: '期限', width: 17, value: (r) => at(r.dueAt) },
    { header: '超期', width: 6, value: (r) => (r.overdue ? '是' : '') },
    { header: '处置结果', width: 10, value: (r) => (r.resolution ? RESOLUTION[r.resolution] : '') },
    { header: '评价', width: 6, value: (r) => r.rating ?? '' },
  ],
};

/** The filter in words, for the title row. */
function describeFilter(f: CaseListFilter): string {
  const parts: string[] = [];
  if (f.state) parts.push(`状态：${STATE[f.state]}`);
  if (f.kind) parts.push(`类型：${KIND[f.kind]}`);
  if (f.categoryCode) parts.push(`分类：${f.categoryCode}`);
  if (f.from || f.to) parts.push(`上报日期：${f.from ?? '…'} 至 ${f.to ?? '…'}`);
  if (f.overdue !== undefined) parts.push(f.overdue ? '仅超期' : '未超期');
  if (f.resolution) parts.push(`处置结果：${RESOLUTION[f.resolution]}`);
  if (f.q) parts.push(`关键词：${f.q}`);
  return parts.length ? parts.join('；') : '全部';
}

/** The scope in words: the filtered unit, else the units of the actor's grants. */
async function describeScope(ctx: CommandContext, f: CaseListFilter): Promise<string> {
  const ids = f.orgUnitId
    ? [f.orgUnitId]
    : ctx.actor.grants.filter((g) => g.role !== 'resident').map((g) => g.orgUnitId);
  const names = await nameOrgUnits(ctx.tx, ids);
  return ids.map((id) => names.get(id) ?? '').join('、');
}

export async function exportCaseList(
  ctx: CommandContext,
  list: CaseListName,
  f: CaseListFilter,
): Promise<{ body: Buffer; fileName: string; asciiName: string }> {
  const rows = await allCaseRows(ctx.tx, ctx.actor, list, f);
  const scope = await describeScope(ctx, f);
  const filter = describeFilter(f);
  const cols = LIST_COLUMNS[list];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  const ws = wb.addWorksheet(LIST_TITLES[list], {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [{ width: 6 }, ...cols.map((c) => ({ width: c.width }))];
  const last = String.fromCharCode(65 + cols.length);
  const title = ws.addRow([neutralise(`${scope} ${LIST_TITLES[list]}`)]);
  ws.mergeCells(`A1:${last}1`);
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };
  ws.addRow([neutralise(`范围：${scope}　筛选：${filter}　共 ${rows.length} 条`)]);
  ws.mergeCells(`A2:${last}2`);
  const header = ws.addRow(['序号', ...cols.map((c) => c.header)]);
  header.font = { bold: true };
  for (const [i, r] of rows.entries()) {
    ws.addRow([
      i + 1,
      ...cols.map((c) => {
        const v = c.value(r);
        return typeof v === 'string' ? neutralise(v) : v;
      }),
    ]);
  }
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  // allCaseRows refused an actor without a staff grant, so there is one.
  const grant = ctx.actor.grants.find((g) => g.role !== 'resident')!;
  await recordAudit(ctx, {
    action: 'cases.list_exported',
    subjectType: 'org_unit',
    subjectId: f.orgUnitId ?? grant.orgUnitId,
    orgPath: grant.orgPath,
    orgUnitId: f.orgUnitId ?? grant.orgUnitId,
    summary: `导出${LIST_TITLES[list]}（${rows.length} 条；${filter}）`.slice(0, 200),
  });
  const body = Buffer.from(await wb.xlsx.writeBuffer());
  const day = new Date().toISOString().slice(0, 10);
  return { body, fileName: `${LIST_TITLES[list]}-${day}.xlsx`, asciiName: `case-${list}-${day}.xlsx` };
}
