import type { z } from 'zod';
import type {
  ActivityAction,
  ActivityKind,
  ActivityOut,
  ActivityState,
  ActivitySummary,
  activityCodeOut,
  activityIn,
  activityPage,
  activityQuery,
  activityScanOut,
  activityUpdate,
  AttendanceIn,
  myHoursOut,
  SignupOut,
} from '../../../common/contracts/activities.ts';
import { api } from './client.ts';

export type { ActivityAction, ActivityKind, ActivityOut, ActivityState, ActivitySummary, SignupOut };
export type ActivityInput = z.input<typeof activityIn>;
export type ActivityPatch = z.input<typeof activityUpdate>;
export type ActivityQuery = Partial<z.input<typeof activityQuery>>;
export type ActivityPage = z.infer<typeof activityPage>;
export type ActivityCode = z.infer<typeof activityCodeOut>;
export type ScanResult = z.infer<typeof activityScanOut>;
export type MyHours = z.infer<typeof myHoursOut>;
export type CodePurpose = 'checkin' | 'checkout';

export const activitiesKeys = {
  all: ['activities'] as const,
  list: ['activities', 'list'] as const,
  activity: (id: string) => ['activities', 'activity', id] as const,
  code: (id: string, purpose: CodePurpose) => ['activities', 'code', id, purpose] as const,
  hours: ['activities', 'hours'] as const,
};

const base = '/api/volunteers/activities';
export const activitiesApi = {
  list: (q: ActivityQuery) => api.get<ActivityPage>(base, q),
  get: (id: string) => api.get<ActivityOut>(`${base}/${id}`),
  create: (b: ActivityInput) => api.post<ActivityOut>(base, b),
  update: (id: string, b: ActivityPatch) => api.patch<ActivityOut>(`${base}/${id}`, b),
  cancel: (id: string, reason: string) => api.post<ActivityOut>(`${base}/${id}/cancel`, { reason }),
  capacity: (id: string, capacity: number) => api.put<ActivityOut>(`${base}/${id}/capacity`, { capacity }),
  signUp: (id: string) => api.post<ActivityOut>(`${base}/${id}/signup`),
  leave: (id: string) => api.delete<ActivityOut>(`${base}/${id}/signup`),
  code: (id: string, purpose: CodePurpose) => api.get<ActivityCode>(`${base}/${id}/code`, { purpose }),
  scan: (id: string, purpose: CodePurpose, code: string) =>
    api.post<ScanResult>(`${base}/${id}/${purpose === 'checkin' ? 'check-in' : 'check-out'}`, { code }),
  confirm: (id: string, body: AttendanceIn) => api.post<ActivityOut>(`${base}/${id}/attendance`, body),
  myHours: (q: { page?: number; pageSize?: number; year?: number } = {}) =>
    api.get<MyHours>(`${base}/my-hours`, q),
};
