import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { openPostgres } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';

/**
 * The servers under test, in a process of their own (forked by run.ts), so autocannon's event loop
 * never competes with the app's inside one process. Talks to its parent over IPC only.
 */

export type ServeReady = { type: 'ready'; linliPort: number; barePort: number };
export type ServeMemory = {
  type: 'memory';
  rssBytes: number;
  maxRssBytes: number;
  heapUsedBytes: number;
  /** CPU time (user + system) the process has used since it started. */
  cpuMicros: number;
};
/** Statements sent to PostgreSQL by this process (both servers) since it started, BEGIN and COMMIT included. */
export type ServeQueries = { type: 'queries'; count: number };
export type ServeRequest = { type: 'memory' } | { type: 'queries' } | { type: 'stop' };

// Counting at the driver shows how many round trips a request costs; the wrapper adds one increment.
let queryCount = 0;
const driverQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
  queryCount += 1;
  return (driverQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof driverQuery;

/** The same pool size as the app's, so the two sides differ only in what runs per request. */
const POOL_SIZE = 10;

async function startLinli(
  url: string,
): Promise<{ app: FastifyInstance; port: number; close(): Promise<void> }> {
  const config = loadConfig({ ...process.env, DATABASE_URL: url, HOST: '127.0.0.1', PORT: '0', LOG: '0' });
  // Every login would hit the limiter within the first second otherwise; the limiter itself is cheap.
  config.loginRateLimit = 1e9;
  const database = await openPostgres(url, POOL_SIZE);
  // Migrations added since the district was generated would otherwise fail the first request that needs them.
  await migrate(database, config.migrationsDir);
  const { app } = await buildApp({ database, config, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const close = async () => {
    await app.close();
    await database.close();
  };
  return { app, port: portOf(app), close };
}

/** The floor: Fastify and pg doing one primary-key select, with nothing of Linli's in between. */
async function startBare(url: string): Promise<{ port: number; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/households/:id', async (req, reply) => {
    const { rows } = await pool.query('select * from household where id = $1', [req.params.id]);
    if (rows.length === 0) return reply.code(404).send({ error: 'not_found' });
    return rows[0];
  });
  // The floor for a flash sale: one conditional decrement, which PostgreSQL's row lock makes exact.
  // No session, points, voucher or audit; 200 while stock lasts, then 409, as Linli answers.
  app.post<{ Params: { id: string } }>('/flash-sale/:id', async (req, reply) => {
    const { rows } = await pool.query(
      'update shop_item set stock = stock - 1 where id = $1 and stock >= 1 returning stock',
      [req.params.id],
    );
    if (rows.length === 0) return reply.code(409).send({ error: { code: 'out_of_stock' } });
    return { stock: rows[0].stock };
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const close = async () => {
    await app.close();
    await pool.end();
  };
  return { port: portOf(app), close };
}

function portOf(app: FastifyInstance): number {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return address.port;
}

function memory(): ServeMemory {
  const usage = process.memoryUsage();
  // resourceUsage().maxRSS is in kilobytes.
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  const cpu = process.cpuUsage();
  return {
    type: 'memory',
    rssBytes: usage.rss,
    maxRssBytes,
    heapUsedBytes: usage.heapUsed,
    cpuMicros: cpu.user + cpu.system,
  };
}

async function main(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url || !process.send)
    throw new Error('serve.ts is started by run.ts (needs BENCH_DATABASE_URL and IPC)');
  const send = process.send.bind(process);
  const linli = await startLinli(url);
  const bare = await startBare(url);
  process.on('message', async (msg: ServeRequest) => {
    if (msg.type === 'memory') send(memory());
    if (msg.type === 'queries') send({ type: 'queries', count: queryCount } satisfies ServeQueries);
    if (msg.type === 'stop') {
      await Promise.all([linli.close(), bare.close()]);
      process.exit(0);
    }
  });
  // Without the parent there is no one to stop us.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', linliPort: linli.port, barePort: bare.port } satisfies ServeReady);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
