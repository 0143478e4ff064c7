import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { benchUrl, GENERATE_REPORT, type GenerateReport } from './database.ts';
import { runFlashSale } from './flash-sale.ts';
import { type LoadSettings, measure, type Target } from './load.ts';
import { printTable, type Row, writeMarkdown } from './report.ts';
import type { ServeMemory } from './serve.ts';
import { ask, startServers, stopServers } from './servers.ts';
import { assertAnswers, loadFixture, signIn, targets } from './targets.ts';

const USAGE = `usage: npm run bench -- [--database-url URL] [--duration 10] [--connections 10] [--warmup 2] [--out FILE] [--profile] [--only TEXT]
       npm run bench -- --scenario flash-sale [--buyers 1000] [--stock 50] [--rounds 5] [--sessions direct|login] [--database-url URL] [--out FILE] [--profile]
Loads the district made by bench/generate.ts; prints req/s, p50 and p99 beside a bare Fastify + pg endpoint
and writes them to bench/RESULTS.md (--out - to only print). --profile leaves a CPU profile of the server
process in bench/out/; --only runs just the endpoints whose name contains TEXT (and bare), without writing.
--scenario flash-sale: BUYERS residents redeem one item with STOCK in stock, all at once, each round on a new
item; checks in SQL that exactly STOCK orders resulted and writes its own section of bench/RESULTS.md.`;

const SCENARIOS = ['read', 'flash-sale'] as const;

function parseCli(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      'database-url': { type: 'string' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      out: { type: 'string', default: 'bench/RESULTS.md' },
      profile: { type: 'boolean', default: false },
      only: { type: 'string' },
      scenario: { type: 'string', default: 'read' },
      buyers: { type: 'string', default: '1000' },
      stock: { type: 'string', default: '50' },
      rounds: { type: 'string', default: '5' },
      sessions: { type: 'string', default: 'direct' },
      help: { type: 'boolean', default: false },
    },
  });
  const scenario = values.scenario as (typeof SCENARIOS)[number];
  const flash = {
    buyers: Number(values.buyers),
    stock: Number(values.stock),
    rounds: Number(values.rounds),
    sessions: values.sessions as 'direct' | 'login',
  };
  const flashValid =
    Number.isInteger(flash.buyers) &&
    Number.isInteger(flash.stock) &&
    Number.isInteger(flash.rounds) &&
    flash.stock >= 1 &&
    flash.buyers >= flash.stock + 10 &&
    flash.buyers <= 10_000 &&
    flash.rounds >= 1 &&
    flash.rounds <= 20 &&
    ['direct', 'login'].includes(flash.sessions);
  const settings: LoadSettings = {
    durationSeconds: Number(values.duration),
    connections: Number(values.connections),
    warmupSeconds: Number(values.warmup),
  };
  const valid =
    Object.values(settings).every((n) => Number.isFinite(n) && n >= 0) && settings.connections > 0;
  if (values.help || !valid || !SCENARIOS.includes(scenario) || (scenario === 'flash-sale' && !flashValid)) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  // A partial run must not overwrite the recorded table.
  const out = values.only ? '-' : values.out;
  return {
    url: benchUrl(values['database-url']),
    settings,
    out,
    profile: values.profile,
    only: values.only,
    scenario,
    flash,
  };
}

function readGenerateReport(): GenerateReport | undefined {
  if (!fs.existsSync(GENERATE_REPORT)) return undefined;
  return JSON.parse(fs.readFileSync(GENERATE_REPORT, 'utf8')) as GenerateReport;
}

/** Loads each target in turn (never two at once, so they do not share the CPU) and notes the server's RSS. */
async function measureAll(list: Target[], settings: LoadSettings, child: ChildProcess): Promise<Row[]> {
  const rows: Row[] = [];
  for (const target of list) {
    await assertAnswers(target);
    process.stdout.write(`  ${target.name} … `);
    const m = await measure(target, settings);
    const mem = await ask<ServeMemory>(child, { type: 'memory' });
    console.log(`${Math.round(m.requestsPerSecond)} req/s`);
    rows.push({ ...m, rssAfterBytes: mem.rssBytes });
  }
  return rows;
}

async function main(): Promise<void> {
  const { url, settings, out, profile, only, scenario, flash } = parseCli(process.argv.slice(2));
  if (scenario === 'flash-sale') return runFlashSale({ url, out, profile, ...flash });
  const loadBefore = os.loadavg()[0];
  if (loadBefore > 0.5)
    console.warn(`warning: 1-minute load average is ${loadBefore.toFixed(2)}; figures will be noisy`);
  const fixture = await loadFixture(url);
  console.log(`district: ${fixture.households} households, ${fixture.persons} persons`);
  const { child, ready } = await startServers(url, profile);
  try {
    const linli = `http://127.0.0.1:${ready.linliPort}`;
    const bare = `http://127.0.0.1:${ready.barePort}`;
    const cookie = await signIn(linli);
    // The bare endpoint runs first (every row is read against it) and again last: if the two differ much,
    // something else on the machine took CPU during the run and the figures are noisy.
    const [first, ...others] = targets(linli, bare, fixture, cookie);
    const again = { ...first, name: `${first.name} (again, last)` };
    const chosen = [first, ...others.filter((t) => !only || t.name.includes(only)), again];
    const measured = await measureAll(chosen, settings, child);
    const [bareRow, ...rows] = measured;
    const peak = await ask<ServeMemory>(child, { type: 'memory' });
    const report = {
      date: new Date(),
      loadBefore,
      settings,
      fixture,
      generate: readGenerateReport(),
      bare: bareRow,
      rows,
      peakRssBytes: peak.maxRssBytes,
    };
    console.log();
    printTable(report);
    if (out !== '-') {
      writeMarkdown(out, report);
      console.log(`written to ${out}`);
    }
  } finally {
    stopServers(child);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
