import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { type Database, execRows, openPostgres, type Tx } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { hashPassword } from '../server/platform/password.ts';
import {
  BENCH_PASSWORD,
  BENCH_STAFF_PHONE,
  benchUrl,
  ensureDatabase,
  GENERATE_REPORT,
  type GenerateReport,
} from './database.ts';
import {
  createScratch,
  type DistrictShape,
  districtShape,
  insertDistrict,
  insertHouseholds,
  insertOrgTree,
  insertPartyAndGrids,
  insertPersons,
  insertStaffUser,
  type StaffAccount,
} from './district.ts';

const USAGE = `usage: tsx bench/generate.ts --households 300000 [--database-url URL] [--reset]
  --households N    households to generate (≈2.5 persons each), default 300000
  --database-url    default $BENCH_DATABASE_URL or postgres://linli:linli@127.0.0.1:5432/linli_bench
  --reset           drop and recreate the database first (only databases named *bench*)`;

type Phase = { name: string; seconds: number };

/** Runs one step and records how long it took, so the printout shows where the minutes go. */
async function timed<T>(phases: Phase[], name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  phases.push({ name, seconds });
  console.log(`  ${name.padEnd(34)} ${seconds.toFixed(1).padStart(7)} s`);
  return result;
}

function parseCli(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      households: { type: 'string', default: '300000' },
      'database-url': { type: 'string' },
      reset: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const households = Number(values.households);
  if (values.help || !Number.isInteger(households) || households < 1) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  return { households, url: benchUrl(values['database-url']), reset: values.reset };
}

async function assertEmpty(database: Database): Promise<void> {
  const [row] = await execRows<{ n: number }>(database.db, sql`select count(*)::int as n from org_unit`);
  if (row.n > 0)
    throw new Error('the database already holds org units: pass --reset to start from an empty one');
}

/** Everything that must appear together or not at all: one transaction, so a failed run leaves nothing. */
async function load(
  tx: Tx,
  shape: DistrictShape,
  passwordHash: string,
  phases: Phase[],
): Promise<StaffAccount> {
  await createScratch(tx);
  const districtId = await timed(phases, 'district', () => insertDistrict(tx));
  const label = `org tree (${shape.subdistricts}/${shape.communities}/${shape.compounds}/${shape.buildings})`;
  await timed(phases, label, () => insertOrgTree(tx, districtId, shape));
  await timed(phases, `households (${shape.households})`, () => insertHouseholds(tx, districtId, shape));
  await timed(phases, 'persons + household members', () => insertPersons(tx, districtId));
  await timed(phases, 'party orgs, memberships, grids', () => insertPartyAndGrids(tx, districtId));
  return timed(phases, 'community staff account', () => insertStaffUser(tx, BENCH_STAFF_PHONE, passwordHash));
}

async function counts(database: Database) {
  const [row] = await execRows<{ households: number; persons: number; units: number }>(
    database.db,
    sql`select (select count(*) from household)::int as households, (select count(*) from person)::int as persons,
               (select count(*) from org_unit)::int as units`,
  );
  return row;
}

async function main(): Promise<void> {
  const { households, url, reset } = parseCli(process.argv.slice(2));
  const shape = districtShape(households);
  const phases: Phase[] = [];
  const started = performance.now();
  console.log(`generating ${households} households into ${new URL(url).pathname.slice(1)}`);
  await timed(phases, reset ? 'drop + create database' : 'create database if missing', () =>
    ensureDatabase(url, { drop: reset }),
  );
  const database = await openPostgres(url, 2);
  try {
    await timed(phases, 'migrate', () => migrate(database, path.resolve(process.cwd(), 'migrations')));
    await assertEmpty(database);
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const staff = await database.db.transaction((tx) => load(tx, shape, passwordHash, phases));
    // Fresh statistics and a visibility map, or the first benchmark measures the planner's guesses.
    await timed(phases, 'vacuum analyze', () => database.db.execute(sql`vacuum analyze`));
    const totalSeconds = (performance.now() - started) / 1000;
    const loaded = await counts(database);
    console.log(
      `done in ${totalSeconds.toFixed(1)} s: ${loaded.households} households, ${loaded.persons} persons,`,
    );
    console.log(
      `${loaded.units} org units; sign in as ${staff.phone} / ${BENCH_PASSWORD} (community ${staff.communityId})`,
    );
    writeReport({
      databaseUrl: url,
      households: loaded.households,
      persons: loaded.persons,
      orgUnits: loaded.units,
      phases,
      totalSeconds,
      finishedAt: new Date().toISOString(),
    });
  } finally {
    await database.close();
  }
}

function writeReport(report: GenerateReport): void {
  fs.mkdirSync(path.dirname(GENERATE_REPORT), { recursive: true });
  fs.writeFileSync(GENERATE_REPORT, `${JSON.stringify(report, null, 2)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
