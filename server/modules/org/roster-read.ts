import ExcelJS from 'exceljs';
import {
  ROSTER_COLUMNS,
  type RosterColumnKey,
  type RosterIssueCode,
} from '../../../common/contracts/rosters.ts';
import { ROSTER_SHEET_NAME, TEMPLATE_EXAMPLE } from './roster-template.ts';

// Turns a worksheet into plain cells keyed by column, whatever Excel stored (numbers, rich text,
// formulas with cached results, hyperlinks). Knows nothing about households: see roster-validate.ts.

/** A cell as the importer sees it: text, a number, or a reason it cannot be used. */
export type RawCell =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number; text: string }
  | { kind: 'bad'; code: Extract<RosterIssueCode, 'formula_cell' | 'invalid_value'> };

export type RawRow = { row: number; cells: Partial<Record<RosterColumnKey, RawCell>> };

/** The rows, or the required columns the header row lacks. */
export type RosterSheet = { ok: true; rows: RawRow[] } | { ok: false; missing: RosterColumnKey[] };

/** Other spellings of the headers that rosters in the wild use. */
const HEADER_ALIASES: Record<string, RosterColumnKey> = {
  小区名称: 'compound',
  楼号: 'building',
  楼栋号: 'building',
  单元号: 'unitNo',
  房间号: 'room',
  门牌号: 'room',
  面积: 'floorArea',
  建筑面积: 'floorArea',
  '面积(m²)': 'floorArea',
  '面积(平方米)': 'floorArea',
  关系: 'relation',
  手机: 'phone',
  联系电话: 'phone',
  电话: 'phone',
  身份证: 'idNumber',
  证件号码: 'idNumber',
  公民身份号码: 'idNumber',
  出生年: 'birthYear',
  标签: 'personTags',
};

function normaliseHeader(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/^\*+|\*+$/g, '');
}

const HEADERS = new Map<string, RosterColumnKey>([
  ...ROSTER_COLUMNS.map((c) => [normaliseHeader(c.header), c.key] as const),
  ...Object.entries(HEADER_ALIASES).map(([h, k]) => [normaliseHeader(h), k] as const),
]);

/** Excel's value → what the roster needs; text is trimmed, and an empty cell is `null`. */
export function readCell(value: ExcelJS.CellValue): RawCell | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    const text = value.trim();
    return text ? { kind: 'text', text } : null;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { kind: 'bad', code: 'invalid_value' };
    return { kind: 'number', value, text: String(value) };
  }
  if (typeof value === 'boolean' || value instanceof Date) return { kind: 'bad', code: 'invalid_value' };
  if ('richText' in value) return readCell(value.richText.map((r) => r.text).join(''));
  if ('formula' in value || 'sharedFormula' in value) {
    // A formula's cached result is what the worker saw; without one there is nothing to import.
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return { kind: 'bad', code: 'formula_cell' };
    if (typeof result === 'object' && !(result instanceof Date))
      return { kind: 'bad', code: 'invalid_value' };
    return readCell(result as ExcelJS.CellValue);
  }
  if ('hyperlink' in value) return readCell(value.text as ExcelJS.CellValue);
  return { kind: 'bad', code: 'invalid_value' };
}

function isExample(cells: RawRow['cells']): boolean {
  return (
    cells.idNumber?.kind === 'text' &&
    cells.idNumber.text === TEMPLATE_EXAMPLE.idNumber &&
    cells.name?.kind === 'text' &&
    cells.name.text === TEMPLATE_EXAMPLE.name
  );
}

function pickSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  return wb.getWorksheet(ROSTER_SHEET_NAME) ?? wb.worksheets[0];
}

/**
 * Reads the roster sheet (the one named 住户花名册, else the first). Missing required columns
 * refuse the whole file; blank rows and the template's example row are skipped.
 */
export async function readRosterSheet(buf: Buffer): Promise<RosterSheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = pickSheet(wb);
  if (!ws) return { ok: false, missing: ROSTER_COLUMNS.filter((c) => c.required).map((c) => c.key) };

  const columnOf = new Map<number, RosterColumnKey>();
  ws.getRow(1).eachCell((cell, col) => {
    const c = readCell(cell.value);
    const key = c && c.kind !== 'bad' ? HEADERS.get(normaliseHeader(c.text)) : undefined;
    // The first column with a header wins; a repeated header is ignored rather than guessed at.
    if (key && ![...columnOf.values()].includes(key)) columnOf.set(col, key);
  });
  const found = new Set(columnOf.values());
  const absent = ROSTER_COLUMNS.filter((c) => c.required && !found.has(c.key));
  if (absent.length > 0) return { ok: false, missing: absent.map((c) => c.key) };

  const rows: RawRow[] = [];
  ws.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: RawRow['cells'] = {};
    let any = false;
    for (const [col, key] of columnOf) {
      const c = readCell(row.getCell(col).value);
      if (c) {
        cells[key] = c;
        any = true;
      }
    }
    if (any && !isExample(cells)) rows.push({ row: rowNumber, cells });
  });
  return { ok: true, rows };
}
