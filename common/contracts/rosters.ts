import { z } from 'zod';
import type { GENDERS, HOUSEHOLD_TAGS, PERSON_TAGS, RELATIONS } from './org.ts';

// Household rosters (住户花名册) as community staff keep them in Excel: one row per person, the
// household repeated on each of its members' rows. Shared by the server (template, import, export)
// and the web page that uploads a roster and polls its progress.

/**
 * Limits a roster file must stay within. The zip limits are checked on the central directory and
 * again while inflating, before the spreadsheet parser sees a byte.
 */
export const ROSTER_LIMITS = {
  /** Size of the uploaded .xlsx itself. */
  maxFileBytes: 10 * 1024 * 1024,
  /** Data rows (the header row not counted). */
  maxRows: 50_000,
  /** Cells in any one worksheet: bounds the parser's memory however wide the rows are. */
  maxCells: 1_000_000,
  maxZipEntries: 200,
  /** Sum of every entry's uncompressed size. */
  maxUncompressedBytes: 50 * 1024 * 1024,
  /** Uncompressed ÷ compressed, per entry. */
  maxCompressionRatio: 100,
  /** Entries smaller than this may compress better than the ratio: they cannot bomb anything. */
  ratioCheckFromBytes: 256 * 1024,
  /** Report entries kept for the page; the counts stay exact beyond it. */
  maxReportEntries: 2_000,
} as const;

export const IMPORT_MODES = ['all_or_nothing', 'valid_rows_only'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
export const IMPORT_STATUSES = ['running', 'done', 'failed', 'rejected'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Chinese labels of the code names, as the template lists them and the import accepts them. */
export const PERSON_TAG_LABELS: Record<(typeof PERSON_TAGS)[number], string> = {
  party_member: '党员',
  gig_worker: '新就业群体',
  volunteer: '志愿者',
  elderly_alone: '独居老人',
  hardship: '困难家庭',
  disabled: '残疾人',
};
export const HOUSEHOLD_TAG_LABELS: Record<(typeof HOUSEHOLD_TAGS)[number], string> = {
  elderly_alone: '独居老人',
  hardship: '困难家庭',
  rental: '出租户',
  vacant: '空置',
  key_care: '重点关爱',
};
export const RELATION_LABELS: Record<(typeof RELATIONS)[number], string> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  grandchild: '孙辈',
  tenant: '租户',
  member: '其他成员',
};
export const GENDER_LABELS: Record<(typeof GENDERS)[number], string> = { male: '男', female: '女' };

/** The word that clears a tag column (a blank cell leaves the tags as they are). */
export const CLEAR_TAGS_WORD = '无';

export const ROSTER_COLUMN_KEYS = [
  'compound',
  'building',
  'unitNo',
  'room',
  'floorArea',
  'householdTags',
  'name',
  'relation',
  'phone',
  'idNumber',
  'gender',
  'birthYear',
  'personTags',
] as const;
export type RosterColumnKey = (typeof ROSTER_COLUMN_KEYS)[number];

export type RosterColumn = { key: RosterColumnKey; header: string; required: boolean; help: string };

/** The sheet's columns in order; the header text is what the import looks for. */
export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  {
    key: 'compound',
    header: '小区',
    required: false,
    help: '小区名称，须与系统中的名称一致；导入到某个小区时可留空',
  },
  { key: 'building', header: '楼栋', required: true, help: '楼栋名称，如“3号楼”；也可只填“3”' },
  { key: 'unitNo', header: '单元', required: false, help: '单元号，如“1”；没有单元可留空' },
  { key: 'room', header: '房号', required: true, help: '房号，如“302”' },
  { key: 'floorArea', header: '面积(㎡)', required: false, help: '住房面积，平方米，最多两位小数' },
  {
    key: 'householdTags',
    header: '住户标签',
    required: false,
    help: `多个用顿号分隔：${Object.values(HOUSEHOLD_TAG_LABELS).join('、')}；填“${CLEAR_TAGS_WORD}”清空`,
  },
  { key: 'name', header: '姓名', required: true, help: '居民姓名' },
  {
    key: 'relation',
    header: '与户主关系',
    required: false,
    help: `${Object.values(RELATION_LABELS).join('、')}；留空按“其他成员”登记`,
  },
  { key: 'phone', header: '手机号', required: false, help: '11位手机号或带区号的固定电话' },
  {
    key: 'idNumber',
    header: '身份证号',
    required: true,
    help: '18位（末位可为X）或15位居民身份证号；同一楼栋同一房号下按身份证号更新，请设置为文本格式',
  },
  { key: 'gender', header: '性别', required: false, help: '男 或 女；留空时按身份证号判断' },
  {
    key: 'birthYear',
    header: '出生年份',
    required: false,
    help: '四位年份；留空时按身份证号判断，填写时须与身份证号一致',
  },
  {
    key: 'personTags',
    header: '人员标签',
    required: false,
    help: `多个用顿号分隔：${Object.values(PERSON_TAG_LABELS).join('、')}；填“${CLEAR_TAGS_WORD}”清空`,
  },
];

export function rosterColumn(key: RosterColumnKey): RosterColumn {
  const c = ROSTER_COLUMNS.find((x) => x.key === key);
  if (!c) throw new Error(`no roster column ${key}`);
  return c;
}

/**
 * What the import can say about a row: a stable code and the Chinese reason shown to staff.
 * Errors stop the row; warnings (minors) only ask a person to check.
 */
export const ROSTER_ISSUES = {
  unreadable_file: { level: 'error', zh: '文件内容无法读取，请用 Excel 打开后另存为 .xlsx 再导入' },
  missing_column: { level: 'error', zh: '缺少必填列' },
  required: { level: 'error', zh: '必填项为空' },
  too_long: { level: 'error', zh: '内容过长' },
  invalid_value: { level: 'error', zh: '内容无法识别' },
  formula_cell: { level: 'error', zh: '单元格是没有结果的公式，请粘贴为数值' },
  unknown_compound: { level: 'error', zh: '所选范围内没有这个小区' },
  ambiguous_compound: { level: 'error', zh: '所选范围内有多个同名小区，请导入到具体小区' },
  unknown_building: { level: 'error', zh: '该小区没有这个楼栋，请先在组织架构中添加' },
  invalid_area: { level: 'error', zh: '面积应为0到100000之间的数字，最多两位小数' },
  invalid_tag: { level: 'error', zh: '标签不在允许的范围内' },
  invalid_relation: { level: 'error', zh: '与户主关系不在允许的范围内' },
  invalid_phone: { level: 'error', zh: '手机号格式不正确' },
  invalid_id_number: { level: 'error', zh: '身份证号格式不正确' },
  id_number_checksum: { level: 'error', zh: '身份证号校验位不正确' },
  id_number_not_text: {
    level: 'error',
    zh: '身份证号被存成了数字，末几位可能已丢失，请将该列设为文本后重新填写',
  },
  invalid_gender: { level: 'error', zh: '性别应填“男”或“女”' },
  gender_mismatch: { level: 'error', zh: '性别与身份证号不符' },
  invalid_birth_year: { level: 'error', zh: '出生年份应为四位数字年份' },
  birth_year_mismatch: { level: 'error', zh: '出生年份与身份证号不符' },
  duplicate_row: { level: 'error', zh: '与文件中前面的行重复（同一房号、同一身份证号）' },
  duplicate_id_number: { level: 'error', zh: '身份证号与文件中前面的行重复' },
  household_conflict: { level: 'error', zh: '同一住户的信息与文件中前面的行不一致' },
  minor_under_14: { level: 'warning', zh: '未满14周岁，请核实监护人信息' },
  import_error: { level: 'error', zh: '导入过程中出错，未写入任何数据，请稍后重试' },
} as const satisfies Record<string, { level: 'error' | 'warning'; zh: string }>;
export type RosterIssueCode = keyof typeof ROSTER_ISSUES;
const ISSUE_CODES = Object.keys(ROSTER_ISSUES) as [RosterIssueCode, ...RosterIssueCode[]];

export const rosterIssue = z.object({
  /** The spreadsheet's own row number (the header is row 1). */
  row: z.number().int(),
  /** The column's header text, or '' when the whole row is meant. */
  column: z.string(),
  code: z.enum(ISSUE_CODES),
  level: z.enum(['error', 'warning']),
  reason: z.string(),
});
export type RosterIssue = z.infer<typeof rosterIssue>;

/** The multipart form's text fields; the file travels beside them as `file`. */
export const rosterImportFields = z.object({
  orgUnitId: z.uuid(),
  mode: z.enum(IMPORT_MODES).default('all_or_nothing'),
});
export const rosterImportAccepted = z.object({ id: z.string() });

export const rosterImportOut = z.object({
  id: z.string(),
  orgUnitId: z.string(),
  fileName: z.string(),
  mode: z.enum(IMPORT_MODES),
  status: z.enum(IMPORT_STATUSES),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Rows with at least one error: skipped (valid_rows_only) or the reason nothing was applied. */
  errorRows: z.number().int(),
  warningRows: z.number().int(),
  report: z.array(rosterIssue),
  /** More issues were found than `report` holds. */
  reportTruncated: z.boolean(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type RosterImportOut = z.infer<typeof rosterImportOut>;

export const rosterExportQuery = z.object({ orgUnitId: z.uuid() });
