import type { z } from 'zod';
import type {
  agendaIn,
  BodyKind,
  BodyOut,
  bodyIn,
  bodyUpdate,
  checkInOut,
  checkinCodeOut,
  decisionIn,
  figuresQuery,
  MeetingAction,
  MeetingFigures,
  MeetingOut,
  MeetingState,
  MeetingSummary,
  meetingIn,
  meetingPage,
  meetingQuery,
  PublicOutcome,
  TaskOut,
  taskPage,
  taskQuery,
} from '../../../common/contracts/meetings.ts';
import type { VenueOut, venueIn, venueUpdate } from '../../../common/contracts/venues.ts';
import { api } from './client.ts';

export type {
  BodyKind,
  BodyOut,
  MeetingAction,
  MeetingFigures,
  MeetingOut,
  MeetingState,
  MeetingSummary,
  PublicOutcome,
  TaskOut,
  VenueOut,
};
export type BodyInput = z.input<typeof bodyIn>;
export type BodyPatch = z.input<typeof bodyUpdate>;
export type MeetingInput = z.input<typeof meetingIn>;
export type MeetingQuery = Partial<z.input<typeof meetingQuery>>;
export type MeetingPage = z.infer<typeof meetingPage>;
export type AgendaInput = z.input<typeof agendaIn>;
export type DecisionInput = z.input<typeof decisionIn>;
export type TaskQuery = Partial<z.input<typeof taskQuery>>;
export type TaskPage = z.infer<typeof taskPage>;
export type CheckinCode = z.infer<typeof checkinCodeOut>;
export type CheckInResult = z.infer<typeof checkInOut>;
export type FiguresQuery = Partial<z.input<typeof figuresQuery>>;
export type VenueInput = z.input<typeof venueIn>;
export type VenuePatch = z.input<typeof venueUpdate>;

export const meetingsKeys = {
  all: ['meetings'] as const,
  bodies: ['meetings', 'bodies'] as const,
  list: ['meetings', 'list'] as const,
  meeting: (id: string) => ['meetings', 'meeting', id] as const,
  code: (id: string) => ['meetings', 'code', id] as const,
  tasks: ['meetings', 'tasks'] as const,
  figures: ['meetings', 'figures'] as const,
  venues: ['venues'] as const,
  outcome: (id: string) => ['meetings', 'outcome', id] as const,
};

export const meetingsApi = {
  bodies: (q: { orgUnitId?: string; kind?: BodyKind } = {}) =>
    api.get<{ items: BodyOut[] }>('/api/meetings/bodies', q).then((r) => r.items),
  createBody: (b: BodyInput) => api.post<BodyOut>('/api/meetings/bodies', b),
  updateBody: (id: string, b: BodyPatch) => api.patch<BodyOut>(`/api/meetings/bodies/${id}`, b),
  list: (q: MeetingQuery) => api.get<MeetingPage>('/api/meetings', q),
  get: (id: string) => api.get<MeetingOut>(`/api/meetings/${id}`),
  schedule: (b: MeetingInput) => api.post<MeetingOut>('/api/meetings', b),
  move: (id: string, action: MeetingAction, note?: string) =>
    api.post<MeetingOut>(`/api/meetings/${id}/transitions`, { action, note }),
  addAgenda: (id: string, items: AgendaInput[]) =>
    api.post<MeetingOut>(`/api/meetings/${id}/agenda`, { items }),
  removeAgenda: (id: string, itemId: string) =>
    api.delete<MeetingOut>(`/api/meetings/${id}/agenda/${itemId}`),
  register: (id: string) => api.post<MeetingOut>(`/api/meetings/${id}/register`),
  code: (id: string) => api.get<CheckinCode>(`/api/meetings/${id}/checkin-code`),
  checkIn: (id: string, code: string) => api.post<CheckInResult>(`/api/meetings/${id}/check-in`, { code }),
  minutes: (id: string, text: string) => api.put<MeetingOut>(`/api/meetings/${id}/minutes`, { text }),
  decide: (id: string, d: DecisionInput) => api.post<MeetingOut>(`/api/meetings/${id}/decisions`, d),
  tasks: (q: TaskQuery) => api.get<TaskPage>('/api/meetings/tasks', q),
  completeTask: (id: string, result: string) =>
    api.post<TaskOut>(`/api/meetings/tasks/${id}/complete`, { result }),
  figures: (q: FiguresQuery) => api.get<MeetingFigures>('/api/meetings/figures', q),
  outcome: (id: string) => api.get<PublicOutcome>(`/api/public/meetings/${id}`),
  venues: (q: { orgUnitId?: string } = {}) =>
    api.get<{ items: VenueOut[] }>('/api/venues', q).then((r) => r.items),
  createVenue: (v: VenueInput) => api.post<VenueOut>('/api/venues', v),
  updateVenue: (id: string, v: VenuePatch) => api.patch<VenueOut>(`/api/venues/${id}`, v),
};
