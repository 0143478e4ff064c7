import type { z } from 'zod';
import type {
  ballotIn,
  ballotOut,
  electorPage,
  electorQuery,
  MotionAction,
  MotionDetail,
  MotionOut,
  MotionState,
  motionCreate,
  motionPage,
  motionQuery,
  MyBallot,
  paperBallotIn,
  publicVoteOut,
  RuleCheck,
  VoteResultOut,
  VoteRule,
} from '../../../common/contracts/votes.ts';
import { api } from './client.ts';

export type {
  MotionAction,
  MotionDetail,
  MotionOut,
  MotionState,
  MyBallot,
  RuleCheck,
  VoteResultOut,
  VoteRule,
};
export type MotionInput = z.input<typeof motionCreate>;
export type MotionQuery = Partial<z.input<typeof motionQuery>>;
export type MotionPage = z.infer<typeof motionPage>;
export type BallotInput = z.input<typeof ballotIn>;
export type PaperBallotInput = z.input<typeof paperBallotIn>;
export type BallotOut = z.infer<typeof ballotOut>;
export type ElectorPage = z.infer<typeof electorPage>;
export type ElectorQuery = Partial<z.input<typeof electorQuery>>;
export type PublicVote = z.infer<typeof publicVoteOut>;

export const votesKeys = {
  all: ['votes'] as const,
  list: ['votes', 'list'] as const,
  motion: (id: string) => ['votes', 'motion', id] as const,
  electors: (id: string) => ['votes', 'electors', id] as const,
};

export const votesApi = {
  list: (q: MotionQuery) => api.get<MotionPage>('/api/votes', q),
  get: (id: string) => api.get<MotionDetail>(`/api/votes/${id}`),
  create: (body: MotionInput) => api.post<MotionDetail>('/api/votes', body),
  move: (id: string, action: MotionAction, note?: string) =>
    api.post<MotionDetail>(`/api/votes/${id}/transitions`, { action, note }),
  cast: (id: string, body: BallotInput) => api.post<BallotOut>(`/api/votes/${id}/ballots`, body),
  paper: (id: string, body: PaperBallotInput) => api.post<BallotOut>(`/api/votes/${id}/paper-ballots`, body),
  electors: (id: string, q: ElectorQuery) => api.get<ElectorPage>(`/api/votes/${id}/electors`, q),
  result: (id: string) => api.get<VoteResultOut>(`/api/votes/${id}/results`),
  publicResult: (id: string) => api.get<PublicVote>(`/api/public/votes/${id}`),
};

/** "12345" hundredths of m² → "123.45". */
export function centiToM2(c: string): string {
  const s = c.padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}
