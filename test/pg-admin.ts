import type pg from 'pg';

/** Per-run names (the runner's pid), so two runs on one server never share templates. */
export function templateNames(run: number) {
  return { empty: `linli_tmpl_empty_${run}`, demo: `linli_tmpl_demo_${run}` };
}

/** The same server, its maintenance database: where CREATE/DROP DATABASE run. */
export function adminUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

export async function dropDatabase(pool: pg.Pool, name: string): Promise<void> {
  await pool.query(`drop database if exists ${name} with (force)`);
}
