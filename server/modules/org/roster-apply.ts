import { eq, inArray, sql } from 'drizzle-orm';
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

const CHUNK = 500;

function chunks<T>(xs: T[], size = CHUNK): T[][] {
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

async function existingMembers(tx: Tx, householdIds: string[]) {
  const found = new Map<string, { p: PersonRow; relation: string }>();
  for (const part of chunks(householdIds)) {
    const rows = await tx
      .select({ p: person, householdId: householdMember.householdId, relation: householdMember.relation })
      .from(householdMember)
      .innerJoin(person, eq(person.id, householdMember.personId))
      .where(inArray(householdMember.householdId, part));
    for (const r of rows) {
      if (!r.p.idNumber) continue;
      const key = `${r.householdId}|${r.p.idNumber.toUpperCase()}`;
      if (!found.has(key)) found.set(key, { p: r.p, relation: r.relation });
    }
  }
  return found;
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
  const households = await existingHouseholds(tx, [...new Set(rows.map((r) => r.building.id))]);

  // Households: create the missing ones, update the ones whose area or tags the file changes.
  const changedHousehold = new Set<string>();
  const toCreate: (typeof household.$inferInsert)[] = [];
  for (const [key, rs] of byHousehold) {
    const want = wantedHousehold(rs);
    const h = households.get(key);
    if (!h) {
      const b = rs[0].building;
      const row = {
        id: crypto.randomUUID(),
        districtId: b.districtId,
        buildingId: b.id,
        orgPath: b.path,
        unitNo: rs[0].unitNo,
        room: rs[0].room,
        floorAreaM2: want.floorAreaM2 ?? null,
        tags: want.tags ?? [],
      };
      toCreate.push(row);
      households.set(key, { ...row, createdAt: at, updatedAt: at });
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
  for (const part of chunks(toCreate)) await tx.insert(household).values(part);
  counts.householdsCreated = toCreate.length;

  // Persons: by ID number within the household.
  const created = new Set(toCreate.map((h) => h.id));
  const members = await existingMembers(
    tx,
    [...households.values()].map((h) => h.id).filter((id) => !created.has(id)),
  );
  const newPersons: (typeof person.$inferInsert)[] = [];
  const newMembers: (typeof householdMember.$inferInsert)[] = [];
  const credited = new Set<string>();
  for (const r of rows) {
    const key = rowHousehold(r);
    const h = households.get(key)!;
    const m = members.get(`${h.id}|${r.idNumber}`);
    if (!m) {
      const id = crypto.randomUUID();
      newPersons.push({
        id,
        districtId: r.building.districtId,
        orgUnitId: r.building.id,
        orgPath: r.building.path,
        name: r.name,
        phone: r.phone ?? null,
        idNumber: r.idNumber,
        gender: r.gender,
        birthYear: r.birthYear,
        tags: r.personTags ?? [],
      });
      newMembers.push({ householdId: h.id, personId: id, relation: r.relation ?? 'member' });
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
  for (const part of chunks(newPersons)) await tx.insert(person).values(part);
  for (const part of chunks(newMembers, 1000)) await tx.insert(householdMember).values(part);
  return counts;
}
