import pg from 'pg';

/** A throwaway database of its own, so a benchmark never touches the development data. */
export const DEFAULT_BENCH_URL = 'postgres://linli:linli@127.0.0.1:5432/linli_bench';

/** The account run.ts signs in as; the demo district's password, so there is only one to remember. */
export const BENCH_STAFF_PHONE = '13800000001';
export const BENCH_PASSWORD = 'Linli@2026';

/** Where generate.ts leaves the facts of its last run for run.ts to record (git-ignored). */
export const GENERATE_REPORT = 'bench/out/generate.json';

export type GenerateReport = {
  databaseUrl: string;
  households: number;
  persons: number;
  orgUnits: number;
  phases: { name: string; seconds: number }[];
  totalSeconds: number;
  finishedAt: string;
};

export function benchUrl(explicit: string | undefined): string {
  return explicit ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_URL;
}

function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** The same server's maintenance database, from which databases are created and dropped. */
function maintenanceUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

async function withMaintenance<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: maintenanceUrl(url) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database when it does not exist yet; `drop` first removes it (throwaway databases only). */
export async function ensureDatabase(url: string, opts: { drop: boolean }): Promise<void> {
  const name = databaseName(url);
  if (opts.drop && !name.includes('bench')) {
    // A typo in --database-url must never wipe a real district.
    throw new Error(`refusing to drop "${name}": --reset only drops databases whose name contains "bench"`);
  }
  await withMaintenance(url, async (client) => {
    const ident = pg.escapeIdentifier(name);
    if (opts.drop) await client.query(`drop database if exists ${ident} with (force)`);
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${ident}`);
  });
}
