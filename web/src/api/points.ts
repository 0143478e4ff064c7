import type { z } from 'zod';
import type {
  accountOut,
  baseBatchCreate,
  baseBatchOut,
  batchResult,
  ClaimAction,
  ClaimOut,
  ClaimState,
  claimCreate,
  claimPage,
  claimQuery,
  claimTransition,
  conventionIn,
  conventionOut,
  entryOut,
  householdPointsOut,
  objectionList,
  objectionOut,
  objectionQuery,
  PostingOut,
  postingList,
  RuleOut,
  RulebookIn,
  RulebookOut,
  rulebookList,
} from '../../../common/contracts/points.ts';
import { api } from './client.ts';

export type { ClaimAction, ClaimOut, ClaimState, PostingOut, RuleOut, RulebookIn, RulebookOut };
export type ClaimPage = z.infer<typeof claimPage>;
export type ClaimQuery = Partial<z.input<typeof claimQuery>>;
export type ClaimInput = z.input<typeof claimCreate>;
export type ClaimTransition = z.input<typeof claimTransition>;
export type BatchResult = z.infer<typeof batchResult>;
export type AccountOut = z.infer<typeof accountOut>;
export type EntryOut = z.infer<typeof entryOut>;
export type HouseholdPoints = z.infer<typeof householdPointsOut>;
export type PostingSummary = z.infer<typeof postingList>['items'][number];
export type ObjectionOut = z.infer<typeof objectionOut>;
export type ObjectionQuery = z.input<typeof objectionQuery>;
export type RulebookSummary = z.infer<typeof rulebookList>['items'][number];
export type ConventionInput = z.input<typeof conventionIn>;
export type ConventionOut = z.infer<typeof conventionOut>;
export type BaseBatchInput = z.input<typeof baseBatchCreate>;
export type BaseBatchOut = z.infer<typeof baseBatchOut>;
export type UploadedFile = { id: string; mime: string; size: number };

type Items<T> = { items: T[] };

/** Query keys: one prefix per resource, so a write can invalidate everything that shows it. */
export const pointsKeys = {
  all: ['points'] as const,
  claims: ['points', 'claims'] as const,
  claim: (id: string) => ['points', 'claims', id] as const,
  me: ['points', 'me'] as const,
  postings: ['points', 'postings'] as const,
  posting: (id: string) => ['points', 'postings', id] as const,
  objections: ['points', 'objections'] as const,
  rulebooks: ['points', 'rulebooks'] as const,
  rulebook: (id: string) => ['points', 'rulebooks', id] as const,
};

/** The image an evidence photo id stands for (the session cookie authorises the request). */
export const fileUrl = (id: string) => `/api/files/${id}`;

export const pointsApi = {
  claims: (q: ClaimQuery) => api.get<ClaimPage>('/api/points/claims', q),
  claim: (id: string) => api.get<ClaimOut>(`/api/points/claims/${id}`),
  declare: (body: ClaimInput) => api.post<ClaimOut>('/api/points/claims', body),
  transition: (id: string, body: ClaimTransition) =>
    api.post<ClaimOut>(`/api/points/claims/${id}/transitions`, body),
  batchApprove: (claimIds: string[], note?: string) =>
    api.post<BatchResult>('/api/points/claims/batch-approve', { claimIds, note }),

  me: () => api.get<AccountOut>('/api/points/me'),
  personAccount: (personId: string) => api.get<AccountOut>(`/api/points/persons/${personId}/account`),
  setConsent: (personId: string, publicConsent: boolean) =>
    api.put<AccountOut>(`/api/points/persons/${personId}/consent`, { publicConsent }),
  household: (id: string) => api.get<HouseholdPoints>(`/api/points/households/${id}`),

  postings: (communityId?: string) =>
    api.get<Items<PostingSummary>>('/api/points/postings', { communityId }).then((r) => r.items),
  posting: (id: string) => api.get<PostingOut>(`/api/points/postings/${id}`),
  publish: (communityId: string) => api.post<PostingOut>('/api/points/postings', { communityId }),

  objections: (q: ObjectionQuery) =>
    api.get<z.infer<typeof objectionList>>('/api/points/objections', q).then((r) => r.items),
  object: (claimId: string, reason: string) =>
    api.post<ObjectionOut>('/api/points/objections', { claimId, reason }),
  decide: (id: string, decision: 'uphold' | 'dismiss', note: string) =>
    api.post<ObjectionOut>(`/api/points/objections/${id}/decision`, { decision, note }),

  rulebooks: (orgUnitId?: string) =>
    api.get<Items<RulebookSummary>>('/api/points/rulebooks', { orgUnitId }).then((r) => r.items),
  rulebook: (id: string) => api.get<RulebookOut>(`/api/points/rulebooks/${id}`),
  createRulebook: (body: RulebookIn) => api.post<RulebookOut>('/api/points/rulebooks', body),
  replaceDraft: (id: string, body: RulebookIn) => api.put<RulebookOut>(`/api/points/rulebooks/${id}`, body),
  revise: (id: string) => api.post<RulebookOut>(`/api/points/rulebooks/${id}/revise`),
  activate: (id: string, effectiveFrom: string) =>
    api.post<RulebookOut>(`/api/points/rulebooks/${id}/activate`, { effectiveFrom }),
  publishConvention: (body: ConventionInput) => api.post<ConventionOut>('/api/points/conventions', body),

  baseBatch: (body: BaseBatchInput) => api.post<BaseBatchOut>('/api/points/base-batches', body),

  /** Uploads one evidence photo (JPEG, PNG or WebP, at most 8 MB); claims then name it by id. */
  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<UploadedFile>('/api/files', form);
  },
};
