import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { buildApp } from '../server/app.ts';
import { loadConfig, type Config } from '../server/config.ts';
import { type Database, openPglite, openPostgres } from '../server/db/client.ts';
import { withDatabase } from './global-setup.ts';
import { adminUrl, dropDatabase } from './pg-admin.ts';

export type TestDb = Database & { name: string };

/**
 * A fresh database for one test file: a copy of the migrated template (`empty`) or of the seeded
 * demo district (`demo`). On PGlite by default; on PostgreSQL when DATABASE_URL is set.
 */
export async function testDatabase(template: 'empty' | 'demo' = 'demo'): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  const pgT = inject('pgTemplates');
  if (url && pgT) {
    const name = `linli_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = await openPostgres(adminUrl(url), 1);
    const pool = admin.pool!;
    await pool.query(`create database ${name} template ${pgT[template]}`);
    await admin.close();
    const db = await openPostgres(withDatabase(url, name), 20);
    return {
      ...db,
      name,
      close: async () => {
        await db.close();
        const again = await openPostgres(adminUrl(url), 1);
        await dropDatabase(again.pool!, name);
        await again.close();
      },
    };
  }
  const t = inject('pgliteTemplates');
  if (!t) throw new Error('no database templates: run through vitest with test/global-setup.ts');
  const blob = new Blob([fs.readFileSync(t[template])]);
  const db = await openPglite({ loadDataDir: blob });
  return { ...db, name: 'pglite' };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({}),
    loginRateLimit: 1_000_000,
    webDir: path.resolve('does-not-exist'),
    testHooks: false,
    dataDir: path.join(os.tmpdir(), `linli-test-${process.pid}`),
    ...overrides,
  };
}

export type TestApp = Awaited<ReturnType<typeof testApp>>;

/** The real app on a test database, with helpers to sign in and call it as a browser would. */
export async function testApp(opts: { template?: 'empty' | 'demo'; config?: Partial<Config> } = {}) {
  const database = await testDatabase(opts.template ?? 'demo');
  const { app, registeredRoutes } = await buildApp({ database, config: testConfig(opts.config) });

  async function login(phone: string, password = 'Linli@2026'): Promise<string> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { phone, password } });
    if (res.statusCode !== 200) throw new Error(`login ${phone} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'linli_session');
    if (!cookie) throw new Error('no session cookie');
    return `linli_session=${cookie.value}`;
  }

  type Call = {
    method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    url: string;
    cookie?: string;
    body?: unknown;
  };
  async function call({ method = 'GET', url, cookie, body }: Call) {
    const res = await app.inject({
      method,
      url,
      headers: cookie ? { cookie } : {},
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as any) : undefined, raw: res };
  }

  return {
    app,
    db: database.db,
    database,
    registeredRoutes,
    login,
    call,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
