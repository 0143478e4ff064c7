import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from './demo/seed.ts';
import { failInterruptedImports } from './modules/org/index.ts';
import { checkLedger, runPostingJobs } from './modules/points/index.ts';
import { runCaseJobs, runTimerScan } from './modules/cases/index.ts';
import { expireVouchers } from './modules/shop/index.ts';
import { runVoteJobs } from './modules/votes/index.ts';
import { runActivityReminders } from './modules/volunteers/index.ts';
import { runToolboxJobs } from './modules/toolbox/index.ts';
import { generateAllSessions } from './modules/venues/index.ts';
import { verifyAudit } from './platform/audit.ts';
import { type ScheduledJob, startScheduler } from './platform/jobs.ts';
import { deliverOutbox } from './platform/outbox.ts';

/** Every periodic job; each is idempotent per period, so any number of nodes may run them. */
const SCHEDULED_JOBS: ScheduledJob[] = [
  // 一月一公示: publish at the turn of the month, close postings whose window ended (checked hourly).
  { name: 'points.postings', cron: '5 * * * *', run: (db, at) => runPostingJobs(db, at) },
  // Vouchers not used in time are refunded.
  { name: 'shop.expiry', cron: '15 * * * *', run: (db, at) => expireVouchers(db, at) },
  // Deadlines (SLA timers) breach and escalate, whistles to the subdistrict; unrated cases close.
  { name: 'cases.timers', cron: '* * * * *', run: (db, at) => runCaseJobs(db, at) },
  // The SLA scan every 5 seconds (seconds field first): an emergency must be answered in 1 minute.
  { name: 'cases.timer_scan', cron: '*/5 * * * * *', run: (db, at) => runTimerScan(db, at) },
  // Notices to external channels (SMS, WeChat …), if any is registered; every 10 seconds.
  { name: 'platform.outbox', cron: '*/10 * * * * *', run: (db, at) => deliverOutbox(db, at) },
  // Motions whose closing time passed are closed and counted.
  { name: 'votes.close', cron: '* * * * *', run: (db, at) => runVoteJobs(db, at) },
  // 志愿活动: one inbox reminder the day before, to each confirmed participant (deduplicated).
  { name: 'volunteers.reminders', cron: '20 * * * *', run: (db, at) => runActivityReminders(db, at) },
  // 共享工具箱: due tomorrow / overdue reminders to borrowers, once a day per loan; staff at 3 days.
  { name: 'toolbox.reminders', cron: '25 * * * *', run: (db, at) => runToolboxJobs(db, at) },
  // 常态化服务: keep every recurring service's sessions generated (and booked) eight weeks ahead.
  { name: 'venues.sessions', cron: '35 * * * *', run: (db, at) => generateAllSessions(db, at) },
];

const USAGE = `用法 / usage: linli <command>
  start          migrate, seed the demo district on first run, serve API + web
  migrate        apply database migrations
  seed           seed the demo district (only into an empty database)
  verify-audit   check every district's audit hash chain; exits 1 at the first broken event
  check-ledger   check every points ledger invariant; exits 1 on any breach`;

async function main(cmd: string | undefined): Promise<number> {
  const config = loadConfig();
  if (!cmd || cmd === 'help' || cmd === '--help') {
    console.log(USAGE);
    return cmd ? 0 : 2;
  }
  const database = await openDatabase(config);
  try {
    if (cmd === 'migrate') {
      await migrate(database, config.migrationsDir);
      console.log('migrations applied');
      return 0;
    }
    if (cmd === 'seed') {
      await migrate(database, config.migrationsDir);
      const seeded = await seedDemoIfEmpty(database.db, { log: console.log });
      console.log(seeded ? 'demo district seeded' : 'database is not empty: demo data not seeded');
      return 0;
    }
    if (cmd === 'verify-audit') {
      const r = await verifyAudit(database.db);
      if (r.ok) {
        console.log(`audit chains intact: ${r.districts} district(s), ${r.events} event(s)`);
        return 0;
      }
      console.error(
        `audit chain BROKEN in district ${r.districtId} at event id ${r.eventId} (seq ${r.seq}): ${r.reason}`,
      );
      return 1;
    }
    if (cmd === 'check-ledger') {
      const breaches = await checkLedger(database.db);
      if (breaches.length === 0) {
        console.log('ledger invariants hold');
        return 0;
      }
      for (const b of breaches)
        console.error(
          `LEDGER BREACH ${b.check}: ${b.detail}${b.accountId ? ` (account ${b.accountId})` : ''}`,
        );
      return 1;
    }
    if (cmd === 'start') {
      await migrate(database, config.migrationsDir);
      const seeded = await seedDemoIfEmpty(database.db, { log: console.log });
      const interrupted = await failInterruptedImports(database.db);
      if (interrupted)
        console.log(`${interrupted} roster import(s) interrupted by the last shutdown marked failed`);
      const { app } = await buildApp({ database, config, logger: process.env.LOG !== '0' });
      await app.listen({ port: config.port, host: config.host });
      const stopJobs = startScheduler(database.db, SCHEDULED_JOBS, (msg, err) => app.log.error({ err }, msg));
      const db = database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL';
      console.log(
        `\n邻里 Linli is running on http://localhost:${config.port} (${db})${seeded ? ', demo district seeded' : ''}`,
      );
      console.log(`Demo logins (password ${DEMO_PASSWORD}):`);
      for (const a of DEMO_ACCOUNTS) console.log(`  ${a.phone}  ${a.label}`);
      const stop = async () => {
        stopJobs();
        await app.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return -1; // keep running
    }
    console.error(USAGE);
    return 2;
  } finally {
    if (cmd !== 'start') await database.close();
  }
}

main(process.argv[2]).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
