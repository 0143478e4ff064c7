import type { z } from 'zod';
import type { dutyRosterCreate, dutyRosterList, dutyRosterOut } from '../../../../common/contracts/cases.ts';
import { api } from '../../api/client.ts';

export type DutyShift = z.infer<typeof dutyRosterOut>;
export type DutyList = z.infer<typeof dutyRosterList>;
export type DutyInput = z.input<typeof dutyRosterCreate>;

export const dutyKeys = {
  all: ['duty-roster'] as const,
  list: (communityId: string, past: boolean) => ['duty-roster', communityId, past] as const,
};

export const dutyApi = {
  list: (communityId: string, past: boolean) =>
    api.get<DutyList>('/api/cases/duty-roster', { communityId, past: past ? 'true' : undefined }),
  add: (body: DutyInput) => api.post<DutyShift>('/api/cases/duty-roster', body),
  remove: (id: string) => api.delete<{ ok: true }>(`/api/cases/duty-roster/${id}`),
};

const DAY = 86_400_000;

/** 00:00 Asia/Shanghai of the Monday of the week holding `at` (the district's week, whatever the browser's zone). */
export function weekStartOf(at: Date): number {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at);
  const midnight = Date.parse(`${day}T00:00:00+08:00`);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return midnight - ((weekday + 6) % 7) * DAY;
}

export function addWeeks(start: number, n: number): number {
  return start + n * 7 * DAY;
}

/** Shifts that overlap [start, start + 7 days), earliest first. */
export function shiftsInWeek(items: DutyShift[], start: number): DutyShift[] {
  const end = addWeeks(start, 1);
  return items
    .filter((s) => Date.parse(s.startsAt) < end && Date.parse(s.endsAt) > start)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}
