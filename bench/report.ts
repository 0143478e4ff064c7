import fs from 'node:fs';
import os from 'node:os';
import type { GenerateReport } from './database.ts';
import type { LoadSettings, Measurement } from './load.ts';
import type { Fixture } from './targets.ts';

export type Row = Measurement & { rssAfterBytes: number };

export type RunReport = {
  date: Date;
  /** 1-minute load average just before the run: other work on the machine skews every figure. */
  loadBefore: number;
  settings: LoadSettings;
  fixture: Fixture;
  generate: GenerateReport | undefined;
  bare: Row;
  rows: Row[];
  peakRssBytes: number;
};

/** Hand-written notes below this marker survive when run.ts rewrites RESULTS.md. */
const KEEP_MARKER =
  '<!-- Hand-written notes below this line are kept when bench/run.ts rewrites the file. -->';

const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? n.toFixed(1) : String(Math.round(n)));

/** Throughput as a share of the bare endpoint's, and latency as a multiple of it. */
function ratios(row: Row, bare: Row): { throughput: string; p50: string } {
  const throughput = bare.requestsPerSecond > 0 ? row.requestsPerSecond / bare.requestsPerSecond : 0;
  const p50 = bare.p50Ms > 0 ? `${(row.p50Ms / bare.p50Ms).toFixed(1)}×` : 'n/a';
  return { throughput: `${(throughput * 100).toFixed(1)} %`, p50 };
}

function tableRows(report: RunReport): string[][] {
  const all = [report.bare, ...report.rows];
  return all.map((row) => {
    const r = row === report.bare ? { throughput: '100 %', p50: '1.0×' } : ratios(row, report.bare);
    return [
      row.name,
      int(row.requestsPerSecond),
      ms(row.p50Ms),
      ms(row.p99Ms),
      r.throughput,
      r.p50,
      int(row.total),
      String(row.non2xx + row.errors + row.timeouts),
      mib(row.rssAfterBytes),
    ];
  });
}

const HEADER = [
  'endpoint',
  'req/s',
  'p50 ms',
  'p99 ms',
  'req/s vs bare',
  'p50 vs bare',
  'requests',
  'failed',
  'server RSS',
];

export function printTable(report: RunReport): void {
  printTableOf(HEADER, tableRows(report));
  console.log(`server process peak RSS: ${mib(report.peakRssBytes)}`);
}

/** Columns padded as Biome's markdown formatter pads them (first column left, the rest right-aligned). */
export function markdownTableOf(header: string[], body: string[][]): string {
  const rows = [header, ...body];
  const widths = header.map((_, i) => Math.max(3, ...rows.map((r) => [...r[i]].length)));
  const pad = (c: string, i: number) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]));
  const line = (cells: string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

/** The same table for the terminal. */
export function printTableOf(header: string[], body: string[][]): void {
  const rows = [header, ...body];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
  for (const r of rows)
    console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
}

function markdownTable(report: RunReport): string {
  return markdownTableOf(HEADER, tableRows(report));
}

export function machine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const ram = (os.totalmem() / 1024 ** 3).toFixed(0);
  return `${cpus.length} cores (${model}), ${ram} GiB RAM, ${os.type()} ${os.release()}`;
}

function generationLine(g: GenerateReport | undefined, fixture: Fixture): string {
  if (!g || g.households !== fixture.households)
    return 'not recorded (bench/out/generate.json missing or stale)';
  // Sub-second phases (creating the district row, the staff account) would only clutter the line.
  const notable = g.phases.filter((p) => p.seconds >= 0.5);
  const detail = notable.map((p) => `${p.name} ${p.seconds.toFixed(1)} s`).join('; ');
  return `${g.totalSeconds.toFixed(0)} s in total (${detail})`;
}

function body(report: RunReport): string {
  const { fixture, settings } = report;
  const date = report.date.toISOString().replace('T', ' ').slice(0, 16);
  return `# Benchmark results

Written by \`npm run bench\` (bench/run.ts); the table is the last measured run.

- date: ${date} UTC
- machine: ${machine()}
- node ${process.version}; PostgreSQL ${fixture.postgresVersion}, local, stock configuration (shared_buffers 128 MB)
- district loaded: ${int(fixture.households)} households, ${int(fixture.persons)} persons, ${int(fixture.orgUnits)} org units
- generation (bench/generate.ts): ${generationLine(report.generate, fixture)}
- machine load before the run: 1-minute load average ${report.loadBefore.toFixed(2)}
- load: autocannon 9.0.0, ${settings.connections} connections, ${settings.durationSeconds} s per endpoint after a ${settings.warmupSeconds} s warm-up, 127.0.0.1 only

${markdownTable(report)}

- **bare**: a plain Fastify route doing \`select * from household where id = $1\` on its own \`pg\` pool (10
  connections, as the app's), in the same server process as Linli, on the same rows as
  \`GET /api/households/:id\`: the floor for "HTTP + one row".
- Latencies are autocannon's, recorded in whole milliseconds, so a 1 ms p50 means "under ~1.5 ms" and the
  p50 ratio is coarse; req/s is the precise comparison.
- **login** is argon2id (19 MiB, 2 iterations), deliberately expensive, so its low req/s measures the password
  hash, not the framework. Each login also creates a session row.
- The read endpoints run as a community staff member signed in once (the \`linli_session\` cookie); each request
  resolves the session, loads the roles, checks scope and builds the response. The household benchmark cycles
  through ${fixture.householdIds.length} households of that community.
- Server, PostgreSQL and autocannon share the same ${os.cpus().length} cores, so absolute figures are lower
  than on a dedicated server; the ratios to bare are the figures to compare between runs.
- bare runs first and again last; when the two differ, something else took CPU during the run.
- Server RSS is the server process (Linli + bare) after each run; peak ${mib(report.peakRssBytes)}.

## Reproduce

\`\`\`sh
npx tsx bench/generate.ts --households 300000 --reset   # into postgres://…/linli_bench
npm run bench                                             # writes this part of the file
\`\`\`

Both take \`--database-url\`; \`npm run bench -- --duration 30 --connections 20\` changes the load.
\`npm run bench -- --scenario flash-sale\` writes the flash-sale section below and leaves this part alone.
`;
}

/**
 * RESULTS.md is three parts: the read table (written by the default scenario), the flash-sale section
 * (between its own markers, written by `--scenario flash-sale`), and the hand-written notes after
 * KEEP_MARKER. Each scenario rewrites only its own part and keeps the other two.
 */
const FLASH_START = '<!-- Flash-sale section: written by `npm run bench -- --scenario flash-sale`. -->';
const FLASH_END = '<!-- End of the flash-sale section. -->';

type Parts = { read: string; flash: string; notes: string };

function readParts(file: string): Parts {
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const keepAt = previous.indexOf(KEEP_MARKER);
  const notes = keepAt >= 0 ? previous.slice(keepAt + KEEP_MARKER.length) : '\n';
  const generated = keepAt >= 0 ? previous.slice(0, keepAt) : previous;
  const start = generated.indexOf(FLASH_START);
  const end = generated.indexOf(FLASH_END);
  if (start < 0 || end < start) return { read: generated.trimEnd(), flash: '', notes };
  return {
    read: generated.slice(0, start).trimEnd(),
    flash: generated.slice(start + FLASH_START.length, end).trim(),
    notes,
  };
}

function writeParts(file: string, parts: Parts): void {
  const flash = parts.flash ? `\n\n${FLASH_START}\n\n${parts.flash}\n\n${FLASH_END}` : '';
  fs.writeFileSync(file, `${parts.read.trimEnd()}${flash}\n\n${KEEP_MARKER}${parts.notes}`);
}

/** Writes the read table afresh and keeps the flash-sale section and the notes. */
export function writeMarkdown(file: string, report: RunReport): void {
  writeParts(file, { ...readParts(file), read: body(report) });
}

/** Writes the flash-sale section afresh (markdown without the markers) and keeps the rest. */
export function writeFlashSection(file: string, markdown: string): void {
  const parts = readParts(file);
  const read = parts.read || '# Benchmark results';
  writeParts(file, { ...parts, read, flash: markdown.trim() });
}
