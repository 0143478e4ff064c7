import {
  CLEAR_TAGS_WORD,
  GENDER_LABELS,
  HOUSEHOLD_TAG_LABELS,
  PERSON_TAG_LABELS,
  RELATION_LABELS,
  ROSTER_COLUMNS,
  ROSTER_ISSUES,
  type RosterColumnKey,
  type RosterIssue,
  type RosterIssueCode,
} from '../../../common/contracts/rosters.ts';
import type { GENDERS, RELATIONS } from '../../../common/contracts/org.ts';
import { isMinor } from './persons.ts';
import { checkIdNumber } from './roster-id-number.ts';
import type { RawCell, RawRow } from './roster-read.ts';
import type { OrgUnitRow } from './org-units.ts';

// Row-by-row checks of a roster against the org tree it is imported into. Pure: the places are
// looked up once by the caller, so a 50,000-row file costs no query per row.

type Relation = (typeof RELATIONS)[number];
type Gender = (typeof GENDERS)[number];

/** A row that passed every check: what the apply step writes. `undefined` means "leave as it is". */
export type RosterRow = {
  row: number;
  building: Pick<OrgUnitRow, 'id' | 'path' | 'districtId'>;
  unitNo: string;
  room: string;
  floorAreaM2: string | undefined;
  householdTags: string[] | undefined;
  name: string;
  relation: Relation | undefined;
  phone: string | undefined;
  idNumber: string;
  gender: Gender;
  birthYear: number;
  personTags: string[] | undefined;
};

/** The compounds and buildings under the unit being imported into. */
export type Places = {
  target: Pick<OrgUnitRow, 'id' | 'kind' | 'name'>;
  compounds: Pick<OrgUnitRow, 'id' | 'name'>[];
  buildings: Pick<OrgUnitRow, 'id' | 'name' | 'path' | 'parentId' | 'districtId'>[];
};

export type Validation = { rows: RosterRow[]; issues: RosterIssue[]; errorRows: number; warningRows: number };

const HEADER = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, c.header])) as Record<
  RosterColumnKey,
  string
>;

export function issue(
  row: number,
  key: RosterColumnKey | '',
  code: RosterIssueCode,
  detail = '',
): RosterIssue {
  const def = ROSTER_ISSUES[code];
  return {
    row,
    column: key ? HEADER[key] : '',
    code,
    level: def.level,
    reason: detail ? `${def.zh}：${detail}` : def.zh,
  };
}

function invert<K extends string>(labels: Record<K, string>, extra: Record<string, K> = {}): Map<string, K> {
  const m = new Map<string, K>();
  for (const [code, label] of Object.entries(labels) as [K, string][]) {
    m.set(label, code);
    m.set(code, code);
  }
  for (const [word, code] of Object.entries(extra)) m.set(word, code);
  return m;
}

const RELATION_WORDS = invert<Relation>(RELATION_LABELS, {
  本人: 'head',
  妻子: 'spouse',
  丈夫: 'spouse',
  夫妻: 'spouse',
  儿子: 'child',
  女儿: 'child',
  子: 'child',
  女: 'child',
  父亲: 'parent',
  母亲: 'parent',
  孙子: 'grandchild',
  孙女: 'grandchild',
  外孙: 'grandchild',
  外孙女: 'grandchild',
  孙子女: 'grandchild',
  租客: 'tenant',
  其他: 'member',
  成员: 'member',
});
const GENDER_WORDS = invert<Gender>(GENDER_LABELS, { 男性: 'male', 女性: 'female', M: 'male', F: 'female' });
const PERSON_TAG_WORDS = invert(PERSON_TAG_LABELS, {
  困难群众: 'hardship',
  独居: 'elderly_alone',
  快递员: 'gig_worker',
  外卖骑手: 'gig_worker',
});
const HOUSEHOLD_TAG_WORDS = invert(HOUSEHOLD_TAG_LABELS, {
  困难户: 'hardship',
  独居: 'elderly_alone',
  出租: 'rental',
  重点关注: 'key_care',
});

/** Full-width digits and letters (common when typing with a Chinese IME) → ASCII. */
function halfWidth(s: string): string {
  return s
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

const PHONE = /^(\+?86)?1\d{10}$|^0\d{2,3}-?\d{7,8}$/;
// Tabs, line breaks and other control characters never belong in a name or a room.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

type Field<T> = { value: T } | { code: RosterIssueCode; detail?: string } | null;

function text(c: RawCell | undefined, max: number): Field<string> {
  if (!c) return null;
  if (c.kind === 'bad') return { code: c.code };
  const t = halfWidth(c.text).trim();
  if (!t) return null;
  if (CONTROL.test(t)) return { code: 'invalid_value' };
  if (t.length > max) return { code: 'too_long', detail: `最多${max}个字` };
  return { value: t };
}

function tags(c: RawCell | undefined, words: Map<string, string>): Field<string[]> {
  const t = text(c, 200);
  if (!t || !('value' in t)) return t;
  if (t.value === CLEAR_TAGS_WORD) return { value: [] };
  const out: string[] = [];
  for (const w of t.value.split(/[、,，;；/\s]+/).filter(Boolean)) {
    const code = words.get(w);
    if (!code) return { code: 'invalid_tag', detail: w.slice(0, 20) };
    if (!out.includes(code)) out.push(code);
  }
  return { value: out.sort() };
}

function area(c: RawCell | undefined): Field<string> {
  if (!c) return null;
  if (c.kind === 'bad') return { code: c.code };
  const n =
    c.kind === 'number' ? c.value : Number(halfWidth(c.text).replace(/\s*(㎡|m²|m2|平方米|平米)$/i, ''));
  const rounded = Math.round(n * 100) / 100;
  if (!Number.isFinite(n) || n < 0 || n > 100_000 || Math.abs(n - rounded) > 1e-6)
    return { code: 'invalid_area' };
  return { value: rounded.toFixed(2) };
}

/** A building as written on rosters: "3号楼", "3栋", "3幢" or just "3". */
function buildingNames(name: string): string[] {
  const n = name.replace(/\s+/g, '');
  const names = [n];
  if (/^\d+$/.test(n)) names.push(`${n}号楼`);
  const m = n.match(/^(\d+)(栋|幢|号|楼)$/);
  if (m) names.push(`${m[1]}号楼`);
  return names;
}

function placeResolver(places: Places) {
  const byName = new Map<string, Places['compounds']>();
  for (const c of places.compounds) byName.set(c.name, [...(byName.get(c.name) ?? []), c]);
  const buildings = new Map<string, Places['buildings'][number]>();
  for (const b of places.buildings) buildings.set(`${b.parentId}|${b.name}`, b);

  return (compound: string | undefined, building: string) => {
    let compoundId: string;
    if (places.target.kind === 'compound') {
      if (compound !== undefined && compound !== places.target.name)
        return { key: 'compound' as const, code: 'unknown_compound' as const };
      compoundId = places.target.id;
    } else {
      if (compound === undefined) return { key: 'compound' as const, code: 'required' as const };
      const found = byName.get(compound) ?? [];
      if (found.length === 0) return { key: 'compound' as const, code: 'unknown_compound' as const };
      if (found.length > 1) return { key: 'compound' as const, code: 'ambiguous_compound' as const };
      compoundId = found[0].id;
    }
    for (const n of buildingNames(building)) {
      const b = buildings.get(`${compoundId}|${n}`);
      if (b) return { building: b };
    }
    return { key: 'building' as const, code: 'unknown_building' as const };
  };
}

/** Checks one row on its own; cross-row checks (duplicates) come after. */
function checkRow(raw: RawRow, resolve: ReturnType<typeof placeResolver>, today: Date) {
  const issues: RosterIssue[] = [];
  const c = raw.cells;
  const take = <T>(key: RosterColumnKey, f: Field<T>, required = false): T | undefined => {
    if (f === null) {
      if (required) issues.push(issue(raw.row, key, 'required'));
      return undefined;
    }
    if ('value' in f) return f.value;
    issues.push(issue(raw.row, key, f.code, f.detail));
    return undefined;
  };

  const compound = take('compound', text(c.compound, 60));
  const buildingName = take('building', text(c.building, 60), true);
  const unitNo = take('unitNo', text(c.unitNo, 10))?.replace(/单元$/, '') ?? '';
  const room = take('room', text(c.room, 20), true)?.replace(/室$/, '');
  const floorAreaM2 = take('floorArea', area(c.floorArea));
  const householdTags = take('householdTags', tags(c.householdTags, HOUSEHOLD_TAG_WORDS));
  const name = take('name', text(c.name, 60), true);
  const relationWord = take('relation', text(c.relation, 20));
  const relation = relationWord === undefined ? undefined : RELATION_WORDS.get(relationWord);
  if (relationWord !== undefined && !relation) issues.push(issue(raw.row, 'relation', 'invalid_relation'));
  const phone = take('phone', text(c.phone, 20))?.replace(/\s+/g, '');
  if (phone !== undefined && !PHONE.test(phone)) issues.push(issue(raw.row, 'phone', 'invalid_phone'));
  const personTags = take('personTags', tags(c.personTags, PERSON_TAG_WORDS));

  // An 18-digit number stored as a number has already lost its last digits: say so plainly.
  let idNumber: string | undefined;
  let facts: ReturnType<typeof checkIdNumber> | undefined;
  if (c.idNumber?.kind === 'number' && !/^\d{15}$/.test(c.idNumber.text)) {
    issues.push(issue(raw.row, 'idNumber', 'id_number_not_text'));
  } else {
    idNumber = take('idNumber', text(c.idNumber, 30), true);
    if (idNumber !== undefined) {
      facts = checkIdNumber(idNumber, today);
      if (!facts.ok) issues.push(issue(raw.row, 'idNumber', facts.code));
    }
  }
  const known = facts?.ok ? facts.facts : undefined;

  const genderWord = take('gender', text(c.gender, 10));
  let gender = genderWord === undefined ? known?.gender : GENDER_WORDS.get(genderWord);
  if (genderWord !== undefined && !gender) issues.push(issue(raw.row, 'gender', 'invalid_gender'));
  else if (known && gender !== known.gender) {
    issues.push(issue(raw.row, 'gender', 'gender_mismatch'));
    gender = undefined;
  }

  let birthYear = known?.birthYear;
  const yearField = take('birthYear', text(c.birthYear, 10));
  if (yearField !== undefined) {
    const y = /^\d{4}$/.test(yearField) ? Number(yearField) : Number.NaN;
    if (!(y >= 1900 && y <= today.getUTCFullYear()))
      issues.push(issue(raw.row, 'birthYear', 'invalid_birth_year'));
    else if (known && y !== known.birthYear) issues.push(issue(raw.row, 'birthYear', 'birth_year_mismatch'));
    else birthYear = y;
  }

  let building: RosterRow['building'] | undefined;
  if (buildingName !== undefined && !issues.some((i) => i.column === HEADER.compound)) {
    const place = resolve(compound, buildingName);
    if ('building' in place) building = place.building;
    else issues.push(issue(raw.row, place.key, place.code));
  }

  if (birthYear !== undefined && isMinor(birthYear, today)) issues.push(issue(raw.row, '', 'minor_under_14'));
  if (issues.some((i) => i.level === 'error')) return { issues };
  const row: RosterRow = {
    row: raw.row,
    building: building!,
    unitNo,
    room: room!,
    floorAreaM2,
    householdTags,
    name: name!,
    relation,
    phone,
    idNumber: known!.idNumber,
    gender: gender!,
    birthYear: birthYear!,
    personTags,
  };
  return { issues, row };
}

/** Within the file: one row per person, and one set of household facts per household. */
function crossCheck(rows: RosterRow[], issues: RosterIssue[]): RosterRow[] {
  const seenId = new Map<string, RosterRow>();
  const households = new Map<string, { area?: RosterRow; tags?: RosterRow }>();
  const kept: RosterRow[] = [];
  for (const r of rows) {
    const hh = `${r.building.id}|${r.unitNo}|${r.room}`;
    const first = seenId.get(r.idNumber);
    if (first) {
      const sameHousehold = `${first.building.id}|${first.unitNo}|${first.room}` === hh;
      issues.push(
        issue(r.row, 'idNumber', sameHousehold ? 'duplicate_row' : 'duplicate_id_number', `第${first.row}行`),
      );
      continue;
    }
    const h = households.get(hh) ?? {};
    if (r.floorAreaM2 !== undefined && h.area && h.area.floorAreaM2 !== r.floorAreaM2) {
      issues.push(issue(r.row, 'floorArea', 'household_conflict', `第${h.area.row}行`));
      continue;
    }
    if (r.householdTags !== undefined && h.tags && h.tags.householdTags!.join() !== r.householdTags.join()) {
      issues.push(issue(r.row, 'householdTags', 'household_conflict', `第${h.tags.row}行`));
      continue;
    }
    if (r.floorAreaM2 !== undefined) h.area ??= r;
    if (r.householdTags !== undefined) h.tags ??= r;
    households.set(hh, h);
    seenId.set(r.idNumber, r);
    kept.push(r);
  }
  return kept;
}

/**
 * Checks every row; `onProgress` is awaited every `every` rows so the caller can record progress.
 * Issues come back sorted by row, errors before warnings, then by column order.
 */
export async function validateRoster(
  raw: RawRow[],
  places: Places,
  onProgress: (checked: number) => Promise<void> = async () => {},
  every = 200,
  today: Date = new Date(),
): Promise<Validation> {
  const resolve = placeResolver(places);
  const issues: RosterIssue[] = [];
  const passed: RosterRow[] = [];
  for (let i = 0; i < raw.length; i++) {
    const r = checkRow(raw[i], resolve, today);
    issues.push(...r.issues);
    if (r.row) passed.push(r.row);
    if ((i + 1) % every === 0) await onProgress(i + 1);
  }
  const rows = crossCheck(passed, issues);
  const order = new Map(ROSTER_COLUMNS.map((c, i) => [c.header, i]));
  issues.sort(
    (a, b) =>
      a.row - b.row ||
      (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1) ||
      (order.get(a.column) ?? -1) - (order.get(b.column) ?? -1),
  );
  const rowsWith = (level: RosterIssue['level']) =>
    new Set(issues.filter((i) => i.level === level).map((i) => i.row)).size;
  return { rows, issues, errorRows: rowsWith('error'), warningRows: rowsWith('warning') };
}
