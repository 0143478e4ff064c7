import type { z } from 'zod';
import type {
  AwardCreate,
  AwardOut,
  AwardWinnersIn,
  awardCandidates,
  awardList,
  SummaryOut,
} from '../../../common/contracts/summaries.ts';
import { api, downloadFile } from './client.ts';

export type { AwardCreate, AwardOut, AwardWinnersIn, SummaryOut };
export type AwardCandidates = z.infer<typeof awardCandidates>;
export type SummaryParams = { orgUnitId: string; quarter: string; masked?: boolean };

export const summaryKeys = {
  summaries: ['points', 'summaries'] as const,
  awards: ['points', 'awards'] as const,
  award: (id: string) => ['points', 'awards', id] as const,
  candidates: (id: string) => ['points', 'awards', id, 'candidates'] as const,
};

export const summaryApi = {
  summary: (q: SummaryParams) => api.get<SummaryOut>('/api/points/summaries', q),
  exportSummary: (q: SummaryParams) =>
    downloadFile('/api/points/summaries/export', q, `积分汇总-${q.quarter}.xlsx`),
  awards: (q: { communityId: string; year?: number }) =>
    api.get<z.infer<typeof awardList>>('/api/points/awards', q).then((r) => r.items),
  award: (id: string) => api.get<AwardOut>(`/api/points/awards/${id}`),
  createAward: (body: AwardCreate) => api.post<AwardOut>('/api/points/awards', body),
  candidates: (id: string) => api.get<AwardCandidates>(`/api/points/awards/${id}/candidates`),
  setWinners: (id: string, body: AwardWinnersIn) =>
    api.put<AwardOut>(`/api/points/awards/${id}/winners`, body),
  publishAward: (id: string) => api.post<AwardOut>(`/api/points/awards/${id}/publish`),
};
