import type { ChildProcess } from 'node:child_process';
import os from 'node:os';
import type pg from 'pg';
import { openPostgres } from '../server/db/client.ts';
import { type BurstRequest, type BurstResult, burst } from './burst.ts';
import {
  archiveItem,
  type Buyer,
  communityProvider,
  createItem,
  endSessions,
  ensureResidents,
  type FlashItem,
  openSessions,
  type ResidentSetup,
  type SessionMode,
} from './flash-setup.ts';
import { type ActivitySummary, sampleActivity } from './pg-sampler.ts';
import { postgresCpuBetween, postgresCpuMs } from './proc-cpu.ts';
import { type Check, snapshot, verifyBareRound, verifyRound } from './flash-verify.ts';
import { machine, markdownTableOf, printTableOf, writeFlashSection } from './report.ts';
import type { ServeMemory, ServeQueries } from './serve.ts';
import { ask, startServers, stopServers } from './servers.ts';
import { type Fixture, loadFixture, signIn } from './targets.ts';

/**
 * 秒杀: N residents press "redeem" on an item with S in stock at the same instant. Every round makes a
 * new item and fires N concurrent POST /api/shop/redemptions (one per resident, each with its own
 * idempotency key) at the real app on PostgreSQL, beside two bare Fastify + pg bursts of the same size;
 * then checks in SQL that exactly S orders exist and nothing else moved.
 */

export type FlashOptions = {
  url: string;
  buyers: number;
  stock: number;
  rounds: number;
  sessions: SessionMode;
  out: string;
  profile: boolean;
};

const PRICE = 100;
/** Single redemptions, one after another, to count round trips and see the uncontended latency. */
const PROBES = 5;

type Round = {
  round: number;
  bareRead: BurstResult;
  bareFlash: BurstResult;
  linli: BurstResult;
  /** When the last voucher was answered, from the first request written. */
  soldOutMs: number;
  /** The latest position (in sending order) of a winner: 50 means the first 50 sent won. */
  lastWinnerRank: number;
  queriesPerRequest: number;
  /** CPU the server process (Node) used during the burst. */
  serverCpuMs: number;
  /** CPU the bench database's PostgreSQL backends used during the burst (null without /proc). */
  postgresCpuMs: number | null;
  /** CPU this process (the client) used during the burst. */
  clientCpuMs: number;
  /** The app's pool connections during the burst, from pg_stat_activity. */
  activity: ActivitySummary;
  checks: Check[];
  rssBytes: number;
};

type Probe = { winnerQueries: number; loserQueries: number; winnerMs: number; loserMs: number };

type FlashReport = {
  date: Date;
  loadBefore: number;
  fixture: Fixture;
  options: FlashOptions;
  residents: ResidentSetup;
  sessionSeconds: number;
  probe: Probe;
  rounds: Round[];
  bareLast: BurstResult;
  peakRssBytes: number;
};

const queries = async (child: ChildProcess) => (await ask<ServeQueries>(child, { type: 'queries' })).count;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function redeemRequests(item: FlashItem, buyers: Buyer[], key: string): BurstRequest[] {
  return buyers.map((b) => ({
    method: 'POST',
    path: '/api/shop/redemptions',
    headers: { 'content-type': 'application/json', cookie: b.cookie },
    body: JSON.stringify({ itemId: item.id, quantity: 1, idempotencyKey: `${key}-${b.index}` }),
    // Resolves the session on the same connection, so a bad cookie fails before the clock starts.
    warmPath: '/api/auth/me',
  }));
}

/** The bench database's connections: the app's pool, the bare pool, this process's. */
async function backends(pool: pg.Pool): Promise<number[]> {
  const { rows } = await pool.query<{ pid: number }>(
    `select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'`,
  );
  return rows.map((r) => r.pid);
}

/** The bare read burst: each buyer's own household, by id (the same rows the app reads for them). */
function homeRequests(buyers: Buyer[]): BurstRequest[] {
  return buyers.map((b) => {
    const path = `/households/${b.householdId}`;
    return { method: 'GET', path, warmPath: path };
  });
}

/** Redeems one at a time (stock PROBES, then PROBES more who find it sold out), counting statements. */
async function probe(
  linli: string,
  child: ChildProcess,
  item: FlashItem,
  buyers: Buyer[],
  runId: string,
): Promise<Probe> {
  const one = async (b: Buyer, expected: number) => {
    const q0 = await queries(child);
    const t = performance.now();
    const res = await fetch(`${linli}/api/shop/redemptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: b.cookie },
      body: JSON.stringify({ itemId: item.id, quantity: 1, idempotencyKey: `${runId}-probe-${b.index}` }),
    });
    const ms = performance.now() - t;
    const body = await res.text();
    if (res.status !== expected)
      throw new Error(`probe: expected ${expected}, got ${res.status} ${body.slice(0, 200)}`);
    return { ms, queries: (await queries(child)) - q0 };
  };
  const winners = [];
  const losers = [];
  for (const b of buyers.slice(0, PROBES)) winners.push(await one(b, 200));
  for (const b of buyers.slice(PROBES, 2 * PROBES)) losers.push(await one(b, 409));
  return {
    winnerQueries: median(winners.map((w) => w.queries)),
    loserQueries: median(losers.map((l) => l.queries)),
    winnerMs: median(winners.map((w) => w.ms)),
    loserMs: median(losers.map((l) => l.ms)),
  };
}

async function playRound(
  n: number,
  ctx: {
    linli: string;
    bare: string;
    child: ChildProcess;
    staff: string;
    providerId: string;
    fixture: Fixture;
    buyers: Buyer[];
    runId: string;
    stock: number;
    url: string;
    database: Awaited<ReturnType<typeof openPostgres>>;
  },
): Promise<Round> {
  const { linli, bare, child, staff, providerId, fixture, buyers, stock, database } = ctx;
  const pool = database.pool!;
  const spec = { stock, pricePoints: PRICE };
  const item = await createItem(linli, staff, providerId, fixture.communityId, {
    ...spec,
    title: `压测秒杀 ${ctx.runId} 第${n}轮`,
  });
  const bareItem = await createItem(linli, staff, providerId, fixture.communityId, {
    ...spec,
    title: `压测秒杀 ${ctx.runId} 第${n}轮（bare）`,
  });
  const bareRead = await burst('bare: Fastify + pg, select by id', bare, homeRequests(buyers));
  const bareFlash = await burst(
    'bare: Fastify + pg, conditional decrement',
    bare,
    homeRequests(buyers).map((r) => ({ ...r, method: 'POST', path: `/flash-sale/${bareItem.id}` })),
  );
  const before = await snapshot(pool, buyers);
  // Readings taken after the warm-up GETs and just before the burst is written, so they cover only it.
  type Marks = {
    sampler: Awaited<ReturnType<typeof sampleActivity>>;
    queries: number;
    serverCpu: number;
    postgres: Map<number, number> | null;
    client: NodeJS.CpuUsage;
  };
  let marks: Marks | undefined;
  const linliResult = await burst(
    'POST /api/shop/redemptions',
    linli,
    redeemRequests(item, buyers, `${ctx.runId}-r${n}`),
    {
      beforeFire: async () => {
        marks = {
          sampler: await sampleActivity(ctx.url),
          queries: await queries(child),
          serverCpu: (await ask<ServeMemory>(child, { type: 'memory' })).cpuMicros,
          postgres: postgresCpuMs(await backends(pool)),
          client: process.cpuUsage(),
        };
      },
    },
  );
  const m = marks!;
  const client = process.cpuUsage(m.client);
  const pgCpuMs = postgresCpuBetween(
    m.postgres,
    postgresCpuMs([...(m.postgres?.keys() ?? []), ...(await backends(pool))]),
  );
  const serverCpu = (await ask<ServeMemory>(child, { type: 'memory' })).cpuMicros;
  const q1 = await queries(child);
  const activity = await m.sampler.stop();
  const checks = [
    ...(await verifyRound(database, item, buyers, before, linliResult)),
    ...(await verifyBareRound(pool, bareItem, bareFlash)),
  ];
  const winners = linliResult.responses.map((r, i) => (r.status === 200 ? i + 1 : 0)).filter((i) => i > 0);
  const soldOutMs = Math.max(0, ...linliResult.responses.filter((r) => r.status === 200).map((r) => r.endMs));
  await archiveItem(linli, staff, item.id);
  await archiveItem(linli, staff, bareItem.id);
  const mem = await ask<ServeMemory>(child, { type: 'memory' });
  return {
    round: n,
    bareRead,
    bareFlash,
    linli: linliResult,
    soldOutMs,
    lastWinnerRank: Math.max(0, ...winners),
    queriesPerRequest: (q1 - m.queries) / buyers.length,
    serverCpuMs: (serverCpu - m.serverCpu) / 1000,
    postgresCpuMs: pgCpuMs,
    clientCpuMs: (client.user + client.system) / 1000,
    activity,
    checks,
    rssBytes: mem.rssBytes,
  };
}

export async function runFlashSale(options: FlashOptions): Promise<void> {
  const loadBefore = os.loadavg()[0];
  if (loadBefore > 0.5)
    console.warn(`warning: 1-minute load average is ${loadBefore.toFixed(2)}; figures will be noisy`);
  const fixture = await loadFixture(options.url);
  const runId = `bench-${Date.now().toString(36)}`;
  console.log(
    `flash sale: ${options.buyers} buyers, stock ${options.stock}, ${options.rounds} round(s), run ${runId}`,
  );
  // The server migrates the database at start, so it starts before anything reads the shop tables.
  const { child, ready } = await startServers(options.url, options.profile);
  const database = await openPostgres(options.url, 4);
  let buyers: Buyer[] = [];
  try {
    const linli = `http://127.0.0.1:${ready.linliPort}`;
    const bare = `http://127.0.0.1:${ready.barePort}`;
    const { rows } = await database.pool!.query<{ path: string }>('select path from org_unit where id = $1', [
      fixture.communityId,
    ]);
    const residents = await ensureResidents(database, rows[0].path, options.buyers);
    console.log(
      `  residents: ${residents.buyers.length} (${residents.created} created, ${residents.toppedUp} topped up) in ${residents.seconds.toFixed(1)} s`,
    );
    const sessions = await openSessions(database, linli, residents.buyers, options.sessions);
    buyers = sessions.buyers;
    console.log(`  sessions (${options.sessions}): ${buyers.length} in ${sessions.seconds.toFixed(1)} s`);
    const staff = await signIn(linli);
    const providerId = await communityProvider(linli, staff, fixture.communityId);

    const probeItem = await createItem(linli, staff, providerId, fixture.communityId, {
      title: `压测秒杀 ${runId} 单笔`,
      stock: PROBES,
      pricePoints: PRICE,
    });
    const probed = await probe(linli, child, probeItem, buyers, runId);
    await archiveItem(linli, staff, probeItem.id);
    console.log(
      `  one at a time: voucher ${probed.winnerMs.toFixed(1)} ms / ${probed.winnerQueries} statements, sold out ${probed.loserMs.toFixed(1)} ms / ${probed.loserQueries}`,
    );

    // One unrecorded burst first, so the bare server's first recorded burst is not also its first ever.
    await burst('warm-up', bare, homeRequests(buyers));
    const rounds: Round[] = [];
    for (let n = 1; n <= options.rounds; n++) {
      const round = await playRound(n, {
        linli,
        bare,
        child,
        staff,
        providerId,
        fixture,
        buyers,
        runId,
        stock: options.stock,
        url: options.url,
        database,
      });
      const failed = round.checks.filter((c) => !c.ok);
      console.log(
        `  round ${n}: ${Math.round(round.linli.wallMs)} ms for ${options.buyers} (${Math.round(round.linli.requestsPerSecond)} req/s), bare ${Math.round(round.bareFlash.wallMs)} ms; checks ${failed.length ? `FAILED: ${failed.map((c) => `${c.name} ${c.actual}≠${c.expected}`).join('; ')}` : 'all passed'}`,
      );
      rounds.push(round);
    }
    const bareLast = await burst(
      'bare: Fastify + pg, select by id (again, last)',
      bare,
      homeRequests(buyers),
    );
    const peak = await ask<ServeMemory>(child, { type: 'memory' });
    const report: FlashReport = {
      date: new Date(),
      loadBefore,
      fixture,
      options,
      residents,
      sessionSeconds: sessions.seconds,
      probe: probed,
      rounds,
      bareLast,
      peakRssBytes: peak.maxRssBytes,
    };
    console.log();
    printTableOf(HEADER, burstRows(report));
    const failures = rounds.flatMap((r) => r.checks.filter((c) => !c.ok));
    if (options.out !== '-') {
      writeFlashSection(options.out, markdown(report));
      console.log(`written to ${options.out}`);
    }
    if (failures.length) {
      console.error(`${failures.length} check(s) failed`);
      process.exitCode = 1;
    }
  } finally {
    if (buyers.length) await endSessions(database.pool!, buyers);
    await database.close();
    stopServers(child);
  }
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? n.toFixed(1) : int(n));
const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

const HEADER = [
  'round · burst',
  'wall ms',
  'req/s',
  'req/s vs bare read',
  'p50 ms',
  'p90 ms',
  'p99 ms',
  'max ms',
  'answers',
];

function answers(r: BurstResult): string {
  return Object.entries(r.statuses)
    .map(([status, n]) => `${int(n)}× ${status === '0' ? 'error' : status}`)
    .join(', ');
}

function burstRow(label: string, r: BurstResult, bareRead: BurstResult): string[] {
  return [
    label,
    int(r.wallMs),
    int(r.requestsPerSecond),
    `${((r.requestsPerSecond / bareRead.requestsPerSecond) * 100).toFixed(1)} %`,
    ms(r.p50Ms),
    ms(r.p90Ms),
    ms(r.p99Ms),
    ms(r.maxMs),
    answers(r),
  ];
}

function burstRows(report: FlashReport): string[][] {
  const rows = report.rounds.flatMap((r) => [
    burstRow(`${r.round} · bare: select by id`, r.bareRead, r.bareRead),
    burstRow(`${r.round} · bare: conditional decrement`, r.bareFlash, r.bareRead),
    burstRow(`${r.round} · POST /api/shop/redemptions`, r.linli, r.bareRead),
  ]);
  const first = report.rounds[0].bareRead;
  rows.push(burstRow('last · bare: select by id (again)', report.bareLast, first));
  return rows;
}

function checkRows(report: FlashReport): string[][] {
  const names = report.rounds[0].checks.map((c) => c.name);
  return names.map((name, i) => [
    name,
    report.rounds[0].checks[i].expected,
    ...report.rounds.map((r) => `${r.checks[i].actual} ${r.checks[i].ok ? '✓' : '✗'}`),
  ]);
}

/** The headline: medians over the rounds, Linli's wall time as a multiple of each bare burst's. */
function summaryTable(report: FlashReport): string {
  const { rounds, options } = report;
  const wall = (pick: (r: Round) => BurstResult) => median(rounds.map((r) => pick(r).wallMs));
  const linli = wall((r) => r.linli);
  const decrement = wall((r) => r.bareFlash);
  const read = wall((r) => r.bareRead);
  const perSecond = (w: number) => int((options.buyers / w) * 1000);
  const times = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
  return markdownTableOf(
    [
      `median of ${rounds.length} round(s)`,
      'wall ms',
      'req/s',
      'wall vs bare decrement',
      'wall vs bare read',
    ],
    [
      [
        `POST /api/shop/redemptions, ${int(options.buyers)} at once`,
        int(linli),
        perSecond(linli),
        times(linli, decrement),
        times(linli, read),
      ],
      ['bare: conditional decrement', int(decrement), perSecond(decrement), '1.0×', times(decrement, read)],
      ['bare: select by id', int(read), perSecond(read), '', '1.0×'],
    ],
  );
}

function markdown(report: FlashReport): string {
  const { options, fixture, rounds, probe: p } = report;
  const date = report.date.toISOString().replace('T', ' ').slice(0, 16);
  const allPassed = rounds.every((r) => r.checks.every((c) => c.ok));
  const list = (pick: (r: Round) => string) => rounds.map(pick).join(' / ');
  const spreads = rounds.flatMap((r) => [r.bareRead, r.bareFlash, r.linli].map((b) => b.sendSpreadMs));
  const spread = `${ms(Math.min(...spreads))}–${ms(Math.max(...spreads))}`;
  return `## Flash sale (秒杀): ${int(options.buyers)} residents, ${int(options.stock)} in stock

Written by \`npm run bench -- --scenario flash-sale\` (bench/flash-sale.ts); the last measured run.

- date: ${date} UTC; machine: ${machine()}; node ${process.version}; PostgreSQL ${fixture.postgresVersion}
- machine load before the run: 1-minute load average ${report.loadBefore.toFixed(2)}
- buyers: ${int(options.buyers)} residents of one community (the heads of ${int(options.buyers)} households), each a user with a
  resident grant for their household and at least ${PRICE * 5} points (topped up to 1,000 below that); ${report.residents.created ? `${int(report.residents.created)} created this run` : 'made by an earlier run and reused'}, set up in ${report.residents.seconds.toFixed(1)} s
- sessions: ${options.sessions === 'direct' ? `session rows written with the server's \`createSession\` (what login does after the password check), ${int(options.buyers)} in ${report.sessionSeconds.toFixed(1)} s; \`--sessions login\` signs in through POST /api/auth/login instead (argon2: 40–80 a second here)` : `POST /api/auth/login for each, 8 at a time, ${int(options.buyers)} in ${report.sessionSeconds.toFixed(1)} s`}
- each round: a new goods item (stock ${options.stock}, ${PRICE} points, limit 1 a person) made through POST /api/shop/items, then
  ${int(options.buyers)} POST /api/shop/redemptions at once, each with its own cookie and idempotency key, each on its own keep-alive
  connection opened (and checked with GET /api/auth/me) before the clock starts; writing all ${int(options.buyers)} (prepared
  bytes on plain sockets) took ${spread} ms per burst
- beside it, in the same server process, the same burst twice against bare Fastify + pg (10-connection pool, as the app's):
  \`select * from household where id = $1\`, and a flash sale's floor, one
  \`update shop_item set stock = stock - 1 where id = $1 and stock >= 1 returning stock\` (200, or 409 once sold out)

${summaryTable(report)}

${markdownTableOf(HEADER, burstRows(report))}

**Exactly ${int(options.stock)} orders: ${allPassed ? 'yes, in every round' : '**NO** — see the failed checks below'}.** Checked after each round, in SQL
and against the ${int(options.buyers)} answers:

${markdownTableOf(['check', 'expected', ...rounds.map((r) => `round ${r.round}`)], checkRows(report))}

- Latency is per request, from writing it to reading the whole answer (client clock, sub-millisecond);
  wall is the first request written to the last answer read; req/s is ${int(options.buyers)} ÷ wall.
- Sold out (last voucher answered) after ${list((r) => int(r.soldOutMs))} ms; the ${int(options.stock)} winners were
  among the first ${list((r) => int(r.lastWinnerRank))} requests written (close to first come, first served).
- One at a time (no contention, ${PROBES} each): a voucher takes ${ms(p.winnerMs)} ms and ${p.winnerQueries} SQL statements (BEGIN and
  COMMIT included), a sold-out answer ${ms(p.loserMs)} ms and ${p.loserQueries} statements; the bare decrement is 1. During
  the bursts the server sent ${list((r) => r.queriesPerRequest.toFixed(1))} statements per request on average.
- CPU used during the bursts (wall ${list((r) => int(r.linli.wallMs))} ms, on ${os.cpus().length} cores): the server process
  (Node, one thread) ${list((r) => int(r.serverCpuMs))} ms; PostgreSQL (the bench database's backends)
  ${list((r) => (r.postgresCpuMs === null ? 'n/a' : int(r.postgresCpuMs)))} ms; the client ${list((r) => int(r.clientCpuMs))} ms. The rest of
  the cores' time went to other work on the machine or to nothing.
- The app's 10 pool connections during the bursts (pg_stat_activity every 20 ms, mean of the samples): waiting on a
  row lock ${list((r) => r.activity.lockWait.toFixed(1))}; running a statement ${list((r) => r.activity.running.toFixed(1))};
  idle in a transaction (waiting for Node) ${list((r) => r.activity.idleInTransaction.toFixed(1))}.
- Server RSS after each round ${list((r) => mib(r.rssBytes))}; peak ${mib(report.peakRssBytes)}.
- Server, PostgreSQL and the client share ${os.cpus().length} cores; one burst is one sample, so compare the ratios, and the bare
  select's last run (${int(report.bareLast.wallMs)} ms) with its first (${int(rounds[0].bareRead.wallMs)} ms) for noise.

\`\`\`sh
npm run bench -- --scenario flash-sale                           # writes this section, keeps the rest
npm run bench -- --scenario flash-sale --buyers 1000 --stock 50 --rounds 5 --sessions login
\`\`\``;
}
