import type { z } from 'zod';
import type {
  FiguresOut,
  figuresQuery,
  joinIn,
  MatchOut,
  MemberOut,
  MyProfile,
  matchQuery,
  memberIn,
  PostOut,
  postIn,
  postUpdate,
  profileIn,
  TeamDetail,
  TeamOut,
  teamIn,
  teamQuery,
  teamUpdate,
  VolunteerOut,
  volunteerQuery,
} from '../../../common/contracts/volunteers.ts';
import { api } from './client.ts';

export type { FiguresOut, MatchOut, MemberOut, MyProfile, PostOut, TeamDetail, TeamOut, VolunteerOut };
type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** One prefix: joining, a member or a post refreshes every volunteers view. */
export const volunteersKeys = {
  all: ['volunteers'] as const,
  teams: (q: object) => ['volunteers', 'teams', q] as const,
  team: (id: string) => ['volunteers', 'team', id] as const,
  profiles: (q: object) => ['volunteers', 'profiles', q] as const,
  me: ['volunteers', 'me'] as const,
  match: (q: object) => ['volunteers', 'match', q] as const,
  figures: (q: object) => ['volunteers', 'figures', q] as const,
};

export const volunteersApi = {
  teams: (q: z.input<typeof teamQuery>) => api.get<Page<TeamOut>>('/api/volunteers/teams', q),
  team: (id: string) => api.get<TeamDetail>(`/api/volunteers/teams/${id}`),
  createTeam: (v: z.input<typeof teamIn>) => api.post<TeamDetail>('/api/volunteers/teams', v),
  updateTeam: (id: string, v: z.input<typeof teamUpdate>) =>
    api.patch<TeamDetail>(`/api/volunteers/teams/${id}`, v),
  createPost: (teamId: string, v: z.input<typeof postIn>) =>
    api.post<TeamDetail>(`/api/volunteers/teams/${teamId}/posts`, v),
  updatePost: (id: string, v: z.input<typeof postUpdate>) =>
    api.patch<TeamDetail>(`/api/volunteers/posts/${id}`, v),
  addMember: (teamId: string, v: z.input<typeof memberIn>) =>
    api.post<TeamDetail>(`/api/volunteers/teams/${teamId}/members`, v),
  removeMember: (teamId: string, memberId: string) =>
    api.delete<TeamDetail>(`/api/volunteers/teams/${teamId}/members/${memberId}`),
  join: (teamId: string, v: z.input<typeof joinIn>) =>
    api.post<TeamDetail>(`/api/volunteers/teams/${teamId}/join`, v),
  me: () => api.get<MyProfile>('/api/volunteers/me'),
  saveMe: (v: z.input<typeof profileIn>) => api.put<MyProfile>('/api/volunteers/me', v),
  profiles: (q: z.input<typeof volunteerQuery>) => api.get<Page<VolunteerOut>>('/api/volunteers/profiles', q),
  match: (q: z.input<typeof matchQuery>) => api.get<MatchOut>('/api/volunteers/match', q),
  figures: (q: z.input<typeof figuresQuery>) => api.get<FiguresOut>('/api/volunteers/figures', q),
};
