import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** Everything the process reads from its environment, read once. */
export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  secureCookies: boolean;
  loginRateLimit: number;
  migrationsDir: string;
  webDir: string;
  /** Test-only routes (e.g. running the scheduler's jobs as of a given time). Never in production. */
  testHooks: boolean;
  /** HMAC secret of rotating check-in codes (platform/rotating-qr.ts); the same on every app node. */
  qrSecret: string;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cwd = process.cwd();
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    dataDir: path.resolve(cwd, env.DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    sessionIdleMs: Number(env.SESSION_IDLE_MINUTES ?? 120) * 60_000,
    sessionAbsoluteMs: Number(env.SESSION_ABSOLUTE_DAYS ?? 7) * 86_400_000,
    secureCookies: env.SECURE_COOKIES === '1',
    loginRateLimit: Number(env.LOGIN_RATE_LIMIT ?? 10),
    migrationsDir: path.resolve(cwd, env.MIGRATIONS_DIR ?? 'migrations'),
    webDir: path.resolve(cwd, env.WEB_DIR ?? 'dist/web'),
    testHooks: env.LINLI_TEST_HOOKS === '1',
    // Without LINLI_QR_SECRET one random secret per process: fine for one node (codes live 40 s).
    qrSecret: env.LINLI_QR_SECRET || randomBytes(32).toString('hex'),
  };
}
