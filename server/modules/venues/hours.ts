import type { WeeklyHours } from '../../../common/contracts/venues.ts';

// Local time in Asia/Shanghai (UTC+8, no daylight saving): the communities' wall clock.
const OFFSET_MS = 8 * 3600_000;

/** The Shanghai wall clock of an instant: date "YYYY-MM-DD", ISO weekday (1 = Monday), "HH:MM". */
export function localParts(at: Date): { date: string; weekday: number; time: string } {
  const local = new Date(at.getTime() + OFFSET_MS);
  const iso = local.toISOString();
  const day = local.getUTCDay();
  return { date: iso.slice(0, 10), weekday: day === 0 ? 7 : day, time: iso.slice(11, 16) };
}

/** The instant of a Shanghai wall-clock date and time. */
export function shanghaiInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

/** ISO weekday (1 = Monday) of a calendar date. */
export function weekdayOf(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round(
    (new Date(`${b}T00:00:00Z`).getTime() - new Date(`${a}T00:00:00Z`).getTime()) / 86_400_000,
  );
}

/**
 * Does [start, end) fall inside one opening interval of its weekday? A venue without structured
 * hours is not limited. A range that crosses midnight is never inside.
 */
export function withinOpeningHours(hours: WeeklyHours, start: Date, end: Date): boolean {
  if (hours.length === 0) return true;
  const s = localParts(start);
  const e = localParts(new Date(end.getTime() - 1));
  if (s.date !== e.date) return false;
  const endTime = localParts(end).date === s.date ? localParts(end).time : '24:00';
  return hours.some((h) => h.weekday === s.weekday && h.open <= s.time && endTime <= h.close);
}
