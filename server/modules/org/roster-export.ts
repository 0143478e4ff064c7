import { PassThrough, type Readable } from 'node:stream';
import { and, asc, count, eq, gt, inArray, like, notExists, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import {
  GENDER_LABELS,
  HOUSEHOLD_TAG_LABELS,
  PERSON_TAG_LABELS,
  RELATION_LABELS,
  rosterColumn,
} from '../../../common/contracts/rosters.ts';
import { maskIdNumber } from '../../../common/masking.ts';
import { type Executor, readAll } from '../../db/client.ts';
import { authorize } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { CommandContext } from '../../platform/context.ts';
import { loadOrgUnit, type OrgUnitRow } from './org-units.ts';
import { isMinor } from './persons.ts';
import { ROSTER_SHEET_NAME } from './roster-template.ts';
import { household, householdMember, orgUnit, person } from './schema.ts';

// The roster as staff download it: one row per person (an empty household gets one row), ID
// numbers masked, and every text cell that a spreadsheet could read as a formula defused.

/**
 * Formula (CSV) injection: a cell starting with = + - @ (or a tab / carriage return that some
 * programs skip before looking) is prefixed with ' so it is shown as text, never evaluated.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const labelled = (labels: Record<string, string>, codes: readonly string[]) =>
  codes.map((c) => labels[c] ?? c).join('、');

export const EXPORT_COLUMNS = [
  { header: rosterColumn('compound').header, width: 16 },
  { header: rosterColumn('building').header, width: 10 },
  { header: rosterColumn('unitNo').header, width: 8 },
  { header: rosterColumn('room').header, width: 8 },
  { header: rosterColumn('floorArea').header, width: 10 },
  { header: rosterColumn('householdTags').header, width: 16 },
  { header: rosterColumn('name').header, width: 12 },
  { header: rosterColumn('relation').header, width: 10 },
  { header: rosterColumn('phone').header, width: 15 },
  { header: '身份证号(已脱敏)', width: 22 },
  { header: rosterColumn('gender').header, width: 6 },
  { header: rosterColumn('birthYear').header, width: 10 },
  { header: rosterColumn('personTags').header, width: 20 },
  { header: '未满14周岁', width: 10 },
] as const;

export type ExportScope = { unit: OrgUnitRow; households: number; persons: number };

/** Authorises the export and records it; the rows stream afterwards from `streamRoster`. */
export async function recordRosterExport(ctx: CommandContext, orgUnitId: string): Promise<ExportScope> {
  const unit = await loadOrgUnit(ctx.tx, orgUnitId);
  authorize(ctx.actor, 'roster:export', { orgPath: unit.path });
  const [[h], [p]] = await readAll(ctx.tx, [
    () =>
      ctx.tx
        .select({ n: count() })
        .from(household)
        .where(like(household.orgPath, `${unit.path}%`)),
    () =>
      ctx.tx
        .select({ n: count() })
        .from(person)
        .where(like(person.orgPath, `${unit.path}%`)),
  ]);
  await recordAudit(ctx, {
    action: 'org.roster_exported',
    subjectType: 'org_unit',
    subjectId: unit.id,
    orgPath: unit.path,
    orgUnitId: unit.id,
    summary: `导出「${unit.name}」住户花名册：${h.n} 户，${p.n} 人（证件号已脱敏）`,
  });
  return { unit, households: h.n, persons: p.n };
}

// One collator: localeCompare with options builds a new one on every call.
const natural = new Intl.Collator('zh-CN', { numeric: true }).compare;

type Cell = string | number | null;

/** Buildings under the unit (or the unit itself), ordered as a person reads them. */
async function buildingsUnder(db: Executor, unit: OrgUnitRow) {
  const rows = await db
    .select({ id: orgUnit.id, name: orgUnit.name, parentId: orgUnit.parentId })
    .from(orgUnit)
    .where(and(like(orgUnit.path, `${unit.path}%`), eq(orgUnit.kind, 'building')));
  const parents = [...new Set(rows.map((r) => r.parentId!).filter(Boolean))];
  const names = new Map(
    parents.length
      ? (
          await db
            .select({ id: orgUnit.id, name: orgUnit.name })
            .from(orgUnit)
            .where(inArray(orgUnit.id, parents))
        ).map((r) => [r.id, r.name])
      : [],
  );
  return rows
    .map((r) => ({ ...r, compound: names.get(r.parentId ?? '') ?? '' }))
    .sort((a, b) => natural(a.compound, b.compound) || natural(a.name, b.name));
}

async function buildingRows(
  db: Executor,
  b: { id: string; name: string; compound: string },
): Promise<Cell[][]> {
  const hs = await db.select().from(household).where(eq(household.buildingId, b.id));
  if (hs.length === 0) return [];
  const ms = await db
    .select({ householdId: householdMember.householdId, relation: householdMember.relation, p: person })
    .from(householdMember)
    .innerJoin(person, eq(person.id, householdMember.personId))
    .innerJoin(household, eq(household.id, householdMember.householdId))
    .where(eq(household.buildingId, b.id));
  const rank = (r: string) => Object.keys(RELATION_LABELS).indexOf(r);
  const byHousehold = new Map<string, typeof ms>();
  for (const m of ms) byHousehold.set(m.householdId, [...(byHousehold.get(m.householdId) ?? []), m]);
  hs.sort((x, y) => natural(x.unitNo, y.unitNo) || natural(x.room, y.room));
  const out: Cell[][] = [];
  for (const h of hs) {
    const head: Cell[] = [
      b.compound,
      b.name,
      h.unitNo,
      h.room,
      h.floorAreaM2 === null ? null : Number(h.floorAreaM2),
      labelled(HOUSEHOLD_TAG_LABELS, h.tags),
    ];
    const members = (byHousehold.get(h.id) ?? []).sort(
      (x, y) => rank(x.relation) - rank(y.relation) || (x.p.birthYear ?? 0) - (y.p.birthYear ?? 0),
    );
    if (members.length === 0) out.push(head);
    for (const m of members) out.push([...head, ...personCells(m.p, m.relation)]);
  }
  return out;
}

function personCells(p: typeof person.$inferSelect, relation: string | null): Cell[] {
  return [
    p.name,
    relation ? (RELATION_LABELS[relation as keyof typeof RELATION_LABELS] ?? relation) : null,
    p.phone,
    p.idNumber ? maskIdNumber(p.idNumber) : null,
    p.gender ? (GENDER_LABELS[p.gender as keyof typeof GENDER_LABELS] ?? p.gender) : null,
    p.birthYear,
    labelled(PERSON_TAG_LABELS, p.tags),
    isMinor(p.birthYear) ? '是' : null,
  ];
}

/** Persons registered under the unit but in no household (e.g. registered at the community). */
async function* unhousedRows(db: Executor, unit: OrgUnitRow): AsyncGenerator<Cell[]> {
  let after = '';
  for (;;) {
    const page = await db
      .select()
      .from(person)
      .where(
        and(
          like(person.orgPath, `${unit.path}%`),
          gt(person.id, after || '00000000-0000-0000-0000-000000000000'),
          notExists(
            db.select({ x: sql`1` }).from(householdMember).where(eq(householdMember.personId, person.id)),
          ),
        ),
      )
      .orderBy(asc(person.id))
      .limit(1000);
    if (page.length === 0) return;
    for (const p of page) yield [null, null, null, null, null, null, ...personCells(p, null)];
    after = page[page.length - 1].id;
  }
}

function cellsOut(row: Cell[]): Cell[] {
  return row.map((v) => (typeof v === 'string' ? neutralise(v) : v));
}

/**
 * Streams the workbook building by building, so a district's roster never sits in memory whole.
 * Errors destroy the stream (the client sees a cut download, never a half-valid file as complete).
 */
export function streamRoster(db: Executor, unit: OrgUnitRow): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet(ROSTER_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = EXPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  (async () => {
    for (const b of await buildingsUnder(db, unit)) {
      for (const r of await buildingRows(db, b)) ws.addRow(cellsOut(r)).commit();
    }
    for await (const r of unhousedRows(db, unit)) ws.addRow(cellsOut(r)).commit();
    ws.commit();
    await wb.commit();
  })().catch((err) => out.destroy(err as Error));
  return out;
}
