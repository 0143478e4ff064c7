import { Cron } from 'croner';
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { now } from './clock.ts';
import { jobRun } from './schema.ts';

/**
 * Runs `work` for (job, period) at most once across every app node: inserting the `job_run` row is
 * the claim. A second node's insert waits on the unique key until the first commits, then finds the
 * row and skips; if the first rolls back, the second runs. The work shares the claim's transaction,
 * so a period is either fully done and marked, or not at all.
 */
export async function runOnce(
  db: Db,
  job: string,
  period: string,
  work: (tx: Tx) => Promise<void>,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const claimed = await tx.insert(jobRun).values({ job, period }).onConflictDoNothing().returning();
    if (claimed.length === 0) return false;
    await work(tx);
    await tx
      .update(jobRun)
      .set({ finishedAt: now() })
      .where(and(eq(jobRun.job, job), eq(jobRun.period, period)));
    return true;
  });
}

export type ScheduledJob = {
  name: string;
  /** Cron pattern in Asia/Shanghai, where the communities live. */
  cron: string;
  run: (db: Db, at: Date) => Promise<unknown>;
};

/** Starts the in-process scheduler; returns a stop function. Jobs must be idempotent per period. */
export function startScheduler(db: Db, jobs: ScheduledJob[], log: (msg: string, err?: unknown) => void) {
  const crons = jobs.map(
    (j) =>
      new Cron(j.cron, { timezone: 'Asia/Shanghai', protect: true }, async () => {
        try {
          await j.run(db, now());
        } catch (err) {
          log(`job ${j.name} failed`, err);
        }
      }),
  );
  return () => {
    for (const c of crons) c.stop();
  };
}
