import type { z } from 'zod';
import type {
  PartyMemberKind,
  PartyOrgKind,
  PartyOrgOut,
  PartyOrgSummary,
  partyMemberBody,
  partyOrgCreate,
  partyOrgPage,
  partyOrgQuery,
  partyOrgUpdate,
} from '../../../common/contracts/party.ts';
import { api } from './client.ts';

export type { PartyMemberKind, PartyOrgKind, PartyOrgOut, PartyOrgSummary };
export type PartyOrgPage = z.infer<typeof partyOrgPage>;
export type PartyOrgQuery = Partial<z.input<typeof partyOrgQuery>>;
export type PartyOrgInput = z.input<typeof partyOrgCreate>;
export type PartyOrgPatch = z.input<typeof partyOrgUpdate>;
export type PartyMemberInput = z.input<typeof partyMemberBody>;

export const partyKeys = {
  all: ['party-orgs'] as const,
  one: (id: string) => ['party-orgs', id] as const,
};

export const partyApi = {
  list: (q: PartyOrgQuery) => api.get<PartyOrgPage>('/api/party-orgs', q),
  get: (id: string) => api.get<PartyOrgOut>(`/api/party-orgs/${id}`),
  create: (body: PartyOrgInput) => api.post<PartyOrgOut>('/api/party-orgs', body),
  update: (id: string, body: PartyOrgPatch) => api.patch<PartyOrgOut>(`/api/party-orgs/${id}`, body),
  putMember: (id: string, personId: string, body: PartyMemberInput) =>
    api.put<PartyOrgOut>(`/api/party-orgs/${id}/members/${personId}`, body),
  removeMember: (id: string, personId: string) =>
    api.delete<PartyOrgOut>(`/api/party-orgs/${id}/members/${personId}`),
};
