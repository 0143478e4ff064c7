import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ServiceKind, WeeklyHours } from '../../../../common/contracts/venues.ts';
import { isApiError } from '../../api/client.ts';

// Dates and times of the venues pages are Shanghai wall-clock strings, never the browser's zone.
const OFFSET_MS = 8 * 3600_000;

/** The Shanghai date "YYYY-MM-DD" and time "HH:MM" of an instant. */
export function shParts(iso: string | Date): { date: string; time: string } {
  const s = new Date(new Date(iso).getTime() + OFFSET_MS).toISOString();
  return { date: s.slice(0, 10), time: s.slice(11, 16) };
}
/** The ISO instant of a Shanghai date and time. */
export const shInstant = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();
export const addDays = (date: string, n: number) =>
  new Date(new Date(`${date}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);
/** ISO weekday, 1 = Monday. */
export const weekdayOf = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
};
export const mondayOf = (date: string) => addDays(date, 1 - weekdayOf(date));
export const todaySh = () => shParts(new Date()).date;

/** Half-hour steps for picking a booking's start and end. */
export const TIME_OPTIONS = Array.from({ length: 33 }, (_, i) => {
  const m = 6 * 60 + i * 30;
  const v = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return { value: v, label: v };
});

export function useWeekdayLabel() {
  const { t } = useTranslation();
  return (wd: number) => t(`venues.weekday.d${wd as 1 | 2 | 3 | 4 | 5 | 6 | 7}`);
}

/** "周一至周五 09:00–17:30；周六 09:00–12:00" grouped by equal times. */
export function useHoursSummary() {
  const { t } = useTranslation();
  const label = useWeekdayLabel();
  return (hours: WeeklyHours) => {
    if (hours.length === 0) return t('venues.hoursNotSet');
    const sorted = [...hours].sort((a, b) => a.weekday - b.weekday || a.open.localeCompare(b.open));
    const groups: { from: number; to: number; open: string; close: string }[] = [];
    for (const h of sorted) {
      const g = groups.at(-1);
      if (g && g.to === h.weekday - 1 && g.open === h.open && g.close === h.close) g.to = h.weekday;
      else groups.push({ from: h.weekday, to: h.weekday, open: h.open, close: h.close });
    }
    return groups
      .map(
        (g) =>
          `${g.from === g.to ? label(g.from) : t('venues.dayRange', { from: label(g.from), to: label(g.to) })} ${g.open}–${g.close}`,
      )
      .join('；');
  };
}

const KIND_COLORS: Record<ServiceKind, string> = {
  clinic: 'red',
  haircut: 'gold',
  legal: 'blue',
  rehab: 'green',
  other: 'default',
};
export function ServiceKindTag({ kind }: { kind: ServiceKind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLORS[kind]}>{t(`venues.serviceKind.${kind}`)}</Tag>;
}

/** The server's booking_conflict, worded with the booking that holds the slot. */
export function useConflictText() {
  const { t } = useTranslation();
  return (e: unknown): string | null => {
    if (!isApiError(e) || e.code !== 'booking_conflict') return null;
    const d = e.details as { startsAt?: string; endsAt?: string; purpose?: string } | undefined;
    if (!d?.startsAt || !d.endsAt) return e.message;
    const s = shParts(d.startsAt);
    return t('venues.conflictWith', {
      date: s.date,
      from: s.time,
      to: shParts(d.endsAt).time,
      purpose: d.purpose ?? '',
    });
  };
}
