/**
 * The platform's notion of "now". Always JS time (never SQL `now()`) for decisions like session
 * expiry, so tests can move it with `vi.setSystemTime`.
 */
export function now(): Date {
  return new Date(Date.now());
}

const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** The calendar date in Asia/Shanghai (YYYY-MM-DD), where the communities live. */
export function shanghaiDate(at: Date = now()): string {
  return SHANGHAI_DATE.format(at);
}

/** "2026-11" for a date in Asia/Shanghai. */
export function shanghaiMonth(at: Date = now()): string {
  return shanghaiDate(at).slice(0, 7);
}

/** The month before "YYYY-MM". */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
