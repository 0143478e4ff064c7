import ExcelJS from 'exceljs';
import {
  CLEAR_TAGS_WORD,
  GENDER_LABELS,
  HOUSEHOLD_TAG_LABELS,
  PERSON_TAG_LABELS,
  RELATION_LABELS,
  ROSTER_COLUMNS,
  ROSTER_LIMITS,
  type RosterColumnKey,
} from '../../../common/contracts/rosters.ts';

export const ROSTER_SHEET_NAME = '住户花名册';
export const TEMPLATE_FILE_NAME = '住户花名册模板.xlsx';

/**
 * The template's example row. The import skips a row that still carries this name and ID number,
 * so a worker who types below it, instead of over it, does not register 张三.
 */
export const TEMPLATE_EXAMPLE: Record<RosterColumnKey, string | number> = {
  compound: '幸福家园小区',
  building: '1号楼',
  unitNo: '1',
  room: '302',
  floorArea: 89.5,
  householdTags: HOUSEHOLD_TAG_LABELS.rental,
  name: '张三',
  relation: RELATION_LABELS.head,
  phone: '13800001234',
  idNumber: '110101199003071233',
  gender: GENDER_LABELS.male,
  birthYear: 1990,
  personTags: `${PERSON_TAG_LABELS.party_member}、${PERSON_TAG_LABELS.volunteer}`,
};

/** Columns Excel must keep as text: leading zeros and 18-digit numbers do not survive as numbers. */
const TEXT_COLUMNS: readonly RosterColumnKey[] = ['unitNo', 'room', 'phone', 'idNumber'];
const WIDTH: Partial<Record<RosterColumnKey, number>> = {
  idNumber: 22,
  phone: 15,
  householdTags: 16,
  personTags: 20,
};
/** Rows that get drop-down lists; enough for a large building, small enough to keep the file light. */
const LIST_ROWS = 2_000;

function listValidation(values: readonly string[]): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${values.join(',')}"`],
    showErrorMessage: true,
    errorTitle: '请从列表中选择',
    error: `可选：${values.join('、')}`,
  };
}

function rosterSheet(wb: ExcelJS.Workbook) {
  const ws = wb.addWorksheet(ROSTER_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ROSTER_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: WIDTH[c.key] ?? Math.max(10, c.header.length * 2 + 4),
    style: TEXT_COLUMNS.includes(c.key) ? { numFmt: '@' } : {},
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  ROSTER_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: c.required ? 'FFFDE2E2' : 'FFEFF3F8' },
    };
    cell.note = `${c.required ? '【必填】' : '【选填】'}${c.help}`;
  });
  const example = ws.addRow(TEMPLATE_EXAMPLE);
  example.font = { italic: true, color: { argb: 'FF8C8C8C' } };

  const genderCol = ROSTER_COLUMNS.findIndex((c) => c.key === 'gender') + 1;
  const relationCol = ROSTER_COLUMNS.findIndex((c) => c.key === 'relation') + 1;
  for (let r = 2; r <= LIST_ROWS + 1; r++) {
    ws.getCell(r, genderCol).dataValidation = listValidation(Object.values(GENDER_LABELS));
    ws.getCell(r, relationCol).dataValidation = listValidation(Object.values(RELATION_LABELS));
  }
}

function helpSheet(wb: ExcelJS.Workbook) {
  const ws = wb.addWorksheet('填写说明');
  ws.columns = [
    { header: '列名', key: 'header', width: 14 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '说明', key: 'help', width: 90 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const c of ROSTER_COLUMNS)
    ws.addRow({ header: c.header, required: c.required ? '必填' : '选填', help: c.help });

  const section = (title: string, lines: string[]) => {
    ws.addRow([]);
    ws.addRow([title]).font = { bold: true };
    for (const l of lines) ws.addRow(['', '', l]);
  };
  section('可选值', [
    `与户主关系：${Object.values(RELATION_LABELS).join('、')}`,
    `性别：${Object.values(GENDER_LABELS).join('、')}`,
    `住户标签：${Object.values(HOUSEHOLD_TAG_LABELS).join('、')}`,
    `人员标签：${Object.values(PERSON_TAG_LABELS).join('、')}`,
  ]);
  section('填写规则', [
    '每行登记一位居民；同一户的每位成员各占一行，小区、楼栋、单元、房号相同。',
    '住户按“小区 + 楼栋 + 单元 + 房号”查找，不存在时自动新建；楼栋须已在组织架构中建好。',
    '居民按“同一房号 + 身份证号”更新，否则新增；重复导入同一文件不会产生任何变化。',
    `选填列留空时保留系统中已有的信息；标签列填“${CLEAR_TAGS_WORD}”可清空标签。`,
    '未满14周岁的居民会在导入报告中提示，请核实监护人信息。',
    `第2行为示例，导入时自动忽略，可直接覆盖。每个文件最多 ${ROSTER_LIMITS.maxRows} 行，文件不超过 ${ROSTER_LIMITS.maxFileBytes / 1024 / 1024} MB。`,
    '“全部成功才导入”：任何一行有错都不写入；“只导入正确的行”：跳过错误行，其余照常导入。',
  ]);
}

/** The household-roster template: the roster sheet with its header and an example, and the rules. */
export async function buildRosterTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '邻里 Linli';
  rosterSheet(wb);
  helpSheet(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
