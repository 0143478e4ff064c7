import { type SQL, sql } from 'drizzle-orm';
import { execRows, type Executor } from '../../db/client.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import { areaToCenti } from './rules.ts';

// Read-only looks at the roster (the org module's household, household_member and person tables).
// The org module's index offers no "households under a path with their area" lookup, so these few
// queries read its tables by name; nothing here writes them.

/** Votes need an adult: 18 by the calendar year in Asia/Shanghai (the roster keeps birth years only). */
export const VOTING_AGE = 18;

export function isAdult(birthYear: number | null, at: Date): boolean {
  // An unknown birth year does not disenfranchise: rosters often lack it for heads of household.
  if (birthYear === null) return true;
  return Number(shanghaiDate(at).slice(0, 4)) - birthYear >= VOTING_AGE;
}

export type ElectorSeed = {
  householdId: string | null;
  personId: string | null;
  label: string;
  areaCenti: bigint;
};

/** Every household under a scope, labelled "3号楼 1单元 302", with its floor area (0 when unknown). */
export async function householdsUnder(db: Executor, path: string): Promise<ElectorSeed[]> {
  const rows = await execRows<{
    id: string;
    area: string | null;
    building: string;
    unit_no: string;
    room: string;
  }>(
    db,
    sql`select h.id, h.floor_area_m2::text as area, b.name as building, h.unit_no, h.room
        from household h join org_unit b on b.id = h.building_id
        where h.org_path like ${`${path}%`}
        order by b.name, h.unit_no, h.room`,
  );
  return rows.map((r) => ({
    householdId: r.id,
    personId: null,
    label: `${r.building} ${r.unit_no ? `${r.unit_no}单元 ` : ''}${r.room}`,
    areaCenti: areaToCenti(r.area),
  }));
}

/** Named members (a body's), with their names; unknown ids are left out, so the caller can compare. */
export async function personsNamed(db: Executor, ids: string[]): Promise<ElectorSeed[]> {
  if (ids.length === 0) return [];
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = await execRows<{ id: string; name: string }>(
    db,
    sql`select id, name from person where id in (${list}) order by name`,
  );
  return rows.map((r) => ({ householdId: null, personId: r.id, label: r.name, areaCenti: 0n }));
}

/** A person's birth year and households. */
export async function voterOf(db: Executor, personId: string) {
  const rows = await execRows<{ birth_year: number | null; household_id: string | null }>(
    db,
    sql`select p.birth_year, hm.household_id from person p
        left join household_member hm on hm.person_id = p.id where p.id = ${personId}`,
  );
  if (rows.length === 0) return null;
  return {
    birthYear: rows[0].birth_year,
    householdIds: rows.map((r) => r.household_id).filter((h): h is string => !!h),
  };
}

/** SQL: the households a person belongs to (for "electorate includes me" filters). */
export function householdsOfPerson(personId: string): SQL {
  return sql`(select hm.household_id from household_member hm where hm.person_id = ${personId})`;
}
