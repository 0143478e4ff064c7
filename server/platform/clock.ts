/**
 * The platform's notion of "now". Always JS time (never SQL `now()`) for decisions like session
 * expiry, so tests can move it with `vi.setSystemTime`.
 */
export function now(): Date {
  return new Date(Date.now());
}
