import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { now } from '../../platform/clock.ts';
import type { RosterRow } from './roster-validate.ts';
import { household, householdMember, person } from './schema.ts';

// Writes validated roster rows inside the caller's transaction: households found by building +
// unit + room or created; persons found by ID number within their household and updated only when
// a value really differs, so re-importing a file touches no row, no updated_at, no audit.

export type ApplyCounts = {
  created: number;
  updated: number;
  unchanged: number;
  householdsCreated: number;
  householdsUpdated: number;
};

function chunks<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

const householdKey = (h: { buildingId: string; unitNo: string; room: string }) =>
  `${h.buildingId}|${h.unitNo}|${h.room}`;
const rowHousehold = (r: RosterRow) =>
  householdKey({ buildingId: r.building.id, unitNo: r.unitNo, room: r.room });

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');
}

type HouseholdRow = typeof household.$inferSelect;
type PersonRow = typeof person.$inferSelect;

/** Households of the buildings the file names, keyed by building + unit + room. */
async function existingHouseholds(tx: Tx, buildingIds: string[]) {
  const found = new Map<string, HouseholdRow>();
  for (const part of chunks(buildingIds, 100)) {
    for (const h of await tx.select().from(household).where(inArray(household.buildingId, part))) {
      found.set(householdKey(h), h);
    }
  }
  return found;
}

/** Members with an ID number in the households of those buildings, keyed by household + ID number. */
async function existingMembers(tx: Tx, buildingIds: string[]) {
  const found = new Map<string, { p: PersonRow; relation: string }>();
  for (const part of chunks(buildingIds, 100)) {
    const rows = await tx
      .select({ p: person, householdId: householdMember.householdId, relation: householdMember.relation })
      .from(householdMember)
      .innerJoin(household, eq(household.id, householdMember.householdId))
      .innerJoin(person, eq(person.id, householdMember.personId))
      .where(and(inArray(household.buildingId, part), isNotNull(person.idNumber)));
    for (const r of rows) {
      const key = `${r.householdId}|${r.p.idNumber!.toUpperCase()}`;
      if (!found.has(key)) found.set(key, { p: r.p, relation: r.relation });
    }
  }
  return found;
}

/**
 * Many rows in one statement: the rows travel as one JSON parameter, which both drivers pass
 * as-is, instead of ten bind parameters a row (PGlite parses those slowly, and caps them).
 */
async function bulkInsert(tx: Tx, table: 'household' | 'person' | 'household_member', rows: object[]) {
  if (rows.length === 0) return;
  const columns = sql.raw(Object.keys(rows[0]).join(', '));
  for (const part of chunks(rows, 2000)) {
    await tx.execute(
      sql`insert into ${sql.identifier(table)} (${columns}) select ${columns} from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(part)}::json)`,
    );
  }
}

/** The household's values the file asks for: the first non-blank one of its rows (all agree). */
function wantedHousehold(rows: RosterRow[]) {
  return {
    floorAreaM2: rows.find((r) => r.floorAreaM2 !== undefined)?.floorAreaM2,
    tags: rows.find((r) => r.householdTags !== undefined)?.householdTags,
  };
}

export async function applyRoster(tx: Tx, rows: RosterRow[]): Promise<ApplyCounts> {
  const counts: ApplyCounts = {
    created: 0,
    updated: 0,
    unchanged: 0,
    householdsCreated: 0,
    householdsUpdated: 0,
  };
  if (rows.length === 0) return counts;
  const at = now();

  const byHousehold = new Map<string, RosterRow[]>();
  for (const r of rows) byHousehold.set(rowHousehold(r), [...(byHousehold.get(rowHousehold(r)) ?? []), r]);
  const buildingIds = [...new Set(rows.map((r) => r.building.id))];
  const households = await existingHouseholds(tx, buildingIds);

  // Households: create the missing ones, update the ones whose area or tags the file changes.
  const changedHousehold = new Set<string>();
  const toCreate: HouseholdRow[] = [];
  for (const [key, rs] of byHousehold) {
    const want = wantedHousehold(rs);
    const h = households.get(key);
    if (!h) {
      const b = rs[0].building;
      const row: HouseholdRow = {
        id: crypto.randomUUID(),
        districtId: b.districtId,
        buildingId: b.id,
        orgPath: b.path,
        unitNo: rs[0].unitNo,
        room: rs[0].room,
        floorAreaM2: want.floorAreaM2 ?? null,
        tags: want.tags ?? [],
        createdAt: at,
        updatedAt: at,
      };
      toCreate.push(row);
      households.set(key, row);
      continue;
    }
    const areaChanged =
      want.floorAreaM2 !== undefined &&
      (h.floorAreaM2 === null || Number(h.floorAreaM2) !== Number(want.floorAreaM2));
    const tagsChanged = want.tags !== undefined && !sameSet(h.tags, want.tags);
    if (areaChanged || tagsChanged) {
      await tx
        .update(household)
        .set({
          ...(areaChanged ? { floorAreaM2: want.floorAreaM2 } : {}),
          ...(tagsChanged ? { tags: want.tags } : {}),
          updatedAt: at,
        })
        .where(eq(household.id, h.id));
      changedHousehold.add(key);
      counts.householdsUpdated++;
    }
  }
  await bulkInsert(
    tx,
    'household',
    toCreate.map((h) => ({
      id: h.id,
      district_id: h.districtId,
      building_id: h.buildingId,
      org_path: h.orgPath,
      unit_no: h.unitNo,
      room: h.room,
      floor_area_m2: h.floorAreaM2,
      tags: h.tags,
      created_at: at,
      updated_at: at,
    })),
  );
  counts.householdsCreated = toCreate.length;

  // Persons: by ID number within the household.
  const members = await existingMembers(tx, buildingIds);
  const newPersons: object[] = [];
  const newMembers: object[] = [];
  const credited = new Set<string>();
  for (const r of rows) {
    const key = rowHousehold(r);
    const h = households.get(key)!;
    const m = members.get(`${h.id}|${r.idNumber}`);
    if (!m) {
      const id = crypto.randomUUID();
      newPersons.push({
        id,
        district_id: r.building.districtId,
        org_unit_id: r.building.id,
        org_path: r.building.path,
        name: r.name,
        phone: r.phone ?? null,
        id_number: r.idNumber,
        gender: r.gender,
        birth_year: r.birthYear,
        tags: r.personTags ?? [],
        created_at: at,
        updated_at: at,
      });
      newMembers.push({ household_id: h.id, person_id: id, relation: r.relation ?? 'member' });
      counts.created++;
      continue;
    }
    const p = m.p;
    const patch: Partial<typeof person.$inferInsert> = {};
    if (p.name !== r.name) patch.name = r.name;
    if (r.phone !== undefined && p.phone !== r.phone) patch.phone = r.phone;
    if (p.idNumber !== r.idNumber) patch.idNumber = r.idNumber;
    if (p.gender !== r.gender) patch.gender = r.gender;
    if (p.birthYear !== r.birthYear) patch.birthYear = r.birthYear;
    if (r.personTags !== undefined && !sameSet(p.tags, r.personTags)) patch.tags = r.personTags;
    // Someone registered at the community moves down to the building they live in.
    if (p.orgPath !== r.building.path)
      Object.assign(patch, { orgPath: r.building.path, orgUnitId: r.building.id });
    const relationChanged = r.relation !== undefined && m.relation !== r.relation;
    if (Object.keys(patch).length > 0)
      await tx
        .update(person)
        .set({ ...patch, updatedAt: at })
        .where(eq(person.id, p.id));
    if (relationChanged) {
      await tx
        .update(householdMember)
        .set({ relation: r.relation })
        .where(sql`${householdMember.householdId} = ${h.id} and ${householdMember.personId} = ${p.id}`);
    }
    // A household's own change counts once, on its first row in the file.
    const householdChange = changedHousehold.has(key) && !credited.has(key);
    if (householdChange) credited.add(key);
    if (Object.keys(patch).length > 0 || relationChanged || householdChange) counts.updated++;
    else counts.unchanged++;
  }
  await bulkInsert(tx, 'person', newPersons);
  await bulkInsert(tx, 'household_member', newMembers);
  return counts;
}
