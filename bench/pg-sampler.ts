import pg from 'pg';

/**
 * What the database's connections are doing during a burst, sampled from pg_stat_activity every
 * INTERVAL_MS on a connection of its own: waiting on a lock, running a statement, or idle inside a
 * transaction (waiting for the app to send the next statement). Shows where a pool's connections go.
 */
export type ActivitySample = { lockWait: number; running: number; idleInTransaction: number };
export type ActivitySummary = ActivitySample & { samples: number; maxLockWait: number };

const INTERVAL_MS = 20;

export async function sampleActivity(url: string): Promise<{ stop(): Promise<ActivitySummary> }> {
  const client = new pg.Client({ connectionString: url, application_name: 'bench sampler' });
  await client.connect();
  const samples: ActivitySample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await client.query<{ lock_wait: number; running: number; idle_tx: number }>(
        `select count(*) filter (where state = 'active' and wait_event_type = 'Lock')::int as lock_wait,
                count(*) filter (where state = 'active' and wait_event_type is distinct from 'Lock')::int as running,
                count(*) filter (where state like 'idle in transaction%')::int as idle_tx
         from pg_stat_activity
         where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()`,
      );
      samples.push({
        lockWait: rows[0].lock_wait,
        running: rows[0].running,
        idleInTransaction: rows[0].idle_tx,
      });
      await new Promise((r) => setTimeout(r, INTERVAL_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await client.end();
      const avg = (pick: (s: ActivitySample) => number) =>
        samples.length ? samples.reduce((sum, s) => sum + pick(s), 0) / samples.length : 0;
      return {
        samples: samples.length,
        lockWait: avg((s) => s.lockWait),
        running: avg((s) => s.running),
        idleInTransaction: avg((s) => s.idleInTransaction),
        maxLockWait: Math.max(0, ...samples.map((s) => s.lockWait)),
      };
    },
  };
}
