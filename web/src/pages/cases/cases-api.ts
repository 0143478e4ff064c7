import type { z } from 'zod';
import type {
  CaseAction,
  CaseCategoryOut,
  CaseKind,
  CaseOut,
  CaseState,
  CaseTimerOut,
  caseCreate,
  casePage,
  caseQuery,
  caseTransition,
  checkInBody,
  duplicateList,
  EmergencyAction,
  MatterLevel,
  WhistleOut,
  WhistleState,
  whistleCreate,
  whistleList,
  whistleResultBody,
} from '../../../../common/contracts/cases.ts';
import { api } from '../../api/client.ts';

export type {
  CaseAction,
  CaseCategoryOut,
  CaseKind,
  CaseOut,
  CaseState,
  CaseTimerOut,
  EmergencyAction,
  MatterLevel,
  WhistleOut,
  WhistleState,
};
export type CasePage = z.infer<typeof casePage>;
export type CaseQuery = Partial<z.input<typeof caseQuery>>;
export type CaseQueue = NonNullable<CaseQuery['queue']>;
export type CaseInput = z.input<typeof caseCreate>;
export type CaseTransition = z.input<typeof caseTransition>;
export type Duplicate = z.infer<typeof duplicateList>['items'][number];
export type WhistleInput = z.input<typeof whistleCreate>;
export type WhistleItem = z.infer<typeof whistleList>['items'][number];
export type WhistleResult = z.input<typeof whistleResultBody>;
export type CheckIn = z.input<typeof checkInBody>;

type Items<T> = { items: T[] };

/** Query keys: one prefix for every case read, so any move refreshes lists, details and queues. */
export const caseKeys = {
  all: ['cases'] as const,
  list: (q: CaseQuery) => ['cases', 'list', q] as const,
  one: (id: string) => ['cases', 'one', id] as const,
  categories: (orgUnitId?: string) => ['cases', 'categories', orgUnitId ?? ''] as const,
  duplicates: (categoryCode: string, orgUnitId: string) =>
    ['cases', 'duplicates', categoryCode, orgUnitId] as const,
  whistles: (state?: WhistleState) => ['cases', 'whistles', state ?? ''] as const,
};

export const casesApi = {
  categories: (orgUnitId?: string) =>
    api.get<Items<CaseCategoryOut>>('/api/cases/categories', { orgUnitId }).then((r) => r.items),
  duplicates: (categoryCode: string, orgUnitId: string) =>
    api.get<Items<Duplicate>>('/api/cases/duplicates', { categoryCode, orgUnitId }).then((r) => r.items),
  report: (body: CaseInput) => api.post<CaseOut>('/api/cases', body),
  list: (q: CaseQuery) => api.get<CasePage>('/api/cases', q),
  one: (id: string) => api.get<CaseOut>(`/api/cases/${id}`),
  transition: (id: string, body: CaseTransition) => api.post<CaseOut>(`/api/cases/${id}/transitions`, body),
  whistle: (id: string, body: WhistleInput) => api.post<CaseOut>(`/api/cases/${id}/whistles`, body),
  whistles: (state?: WhistleState) =>
    api.get<Items<WhistleItem>>('/api/cases/whistles', { state }).then((r) => r.items),
  reportIn: (whistleId: string, note?: string) =>
    api.post<CaseOut>(`/api/cases/whistles/${whistleId}/report-in`, { note }),
  result: (whistleId: string, body: WhistleResult) =>
    api.post<CaseOut>(`/api/cases/whistles/${whistleId}/result`, body),
  acknowledge: (id: string, note?: string) => api.post<CaseOut>(`/api/cases/${id}/acknowledge`, { note }),
  checkIn: (id: string, body: CheckIn) => api.post<CaseOut>(`/api/cases/${id}/check-in`, body),
};

export type UploadedFile = { id: string; mime: string; size: number };

/** Uploads one photo to the files endpoint (the server sniffs the bytes and checks the size). */
export function uploadPhoto(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<UploadedFile>('/api/files', form);
}
