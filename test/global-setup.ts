import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { seedDemoIfEmpty } from '../server/demo/seed.ts';
import { adminUrl, dropDatabase, templateNames } from './pg-admin.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite data-dir dumps (tar.gz) of a migrated empty database and of the seeded demo district. */
    pgliteTemplates: { empty: string; demo: string } | null;
    /** Names of the template databases on the DATABASE_URL server. */
    pgTemplates: { empty: string; demo: string } | null;
  }
}

const MIGRATIONS = path.resolve('migrations');

/**
 * Builds the two templates once per run: creating a PGlite or migrating Postgres is the slow part,
 * so each test file then starts from a copy (PGlite `loadDataDir`, Postgres `CREATE DATABASE … TEMPLATE`).
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const TEMPLATE_NAMES = templateNames(process.pid);
    const admin = await openPostgres(adminUrl(url), 2);
    const pool = admin.pool!;
    for (const name of Object.values(TEMPLATE_NAMES)) {
      await dropDatabase(pool, name);
      await pool.query(`create database ${name}`);
      const db = await openPostgres(withDatabase(url, name), 2);
      await migrate(db, MIGRATIONS);
      if (name === TEMPLATE_NAMES.demo) await seedDemoIfEmpty(db.db);
      await db.close();
    }
    await admin.close();
    project.provide('pgliteTemplates', null);
    project.provide('pgTemplates', TEMPLATE_NAMES);
    return async () => {
      const again = await openPostgres(adminUrl(url), 2);
      const p = again.pool!;
      for (const name of Object.values(TEMPLATE_NAMES)) await dropDatabase(p, name);
      await again.close();
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-tmpl-'));
  const templates = { empty: path.join(dir, 'empty.tar.gz'), demo: path.join(dir, 'demo.tar.gz') };
  for (const [kind, file] of Object.entries(templates)) {
    const db = await openPglite({});
    await migrate(db, MIGRATIONS);
    if (kind === 'demo') await seedDemoIfEmpty(db.db);
    const client = db.pglite!;
    const dump = await client.dumpDataDir('gzip');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    await db.close();
  }
  project.provide('pgliteTemplates', templates);
  project.provide('pgTemplates', null);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
