import fs from 'node:fs';

/**
 * CPU time used so far by the given PostgreSQL backends (the bench database's connections, from
 * pg_stat_activity), read from /proc: the database runs locally, so a burst's cost in PostgreSQL can be
 * told apart from the app's, and from other databases' work on the same server. Linux clock ticks
 * (10 ms). Null where /proc is not readable.
 */
const TICK_MS = 10;

export function postgresCpuMs(pids: number[]): Map<number, number> | null {
  if (!fs.existsSync('/proc/self/stat')) return null;
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name is in parentheses and may contain spaces; fields after it are space-separated.
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      const fields = stat.slice(close + 2).split(' ');
      // utime and stime are fields 14 and 15 of stat, so 11 and 12 after the name (state is field 3).
      out.set(Number(pid), (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return out;
}

/** CPU the PostgreSQL processes used between two readings (a backend that started in between counts from 0). */
export function postgresCpuBetween(before: Map<number, number> | null, after: Map<number, number> | null) {
  if (!before || !after) return null;
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}
