import type { z } from 'zod';
import type {
  HouseholdOut,
  householdCreate,
  householdPage,
  householdQuery,
  householdUpdate,
  OrgUnitKind,
  OrgUnitOut,
  orgUnitCreate,
  orgUnitUpdate,
  PersonOut,
  personCreate,
  personPage,
  personQuery,
  personUpdate,
  RELATIONS,
  revealOut,
} from '../../../common/contracts/org.ts';
import { api } from './client.ts';

export type { HouseholdOut, OrgUnitKind, OrgUnitOut, PersonOut };
export type HouseholdPage = z.infer<typeof householdPage>;
export type HouseholdQuery = Partial<z.input<typeof householdQuery>>;
export type HouseholdInput = z.input<typeof householdCreate>;
export type HouseholdPatch = z.input<typeof householdUpdate>;
export type PersonPage = z.infer<typeof personPage>;
export type PersonQuery = Partial<z.input<typeof personQuery>>;
export type PersonInput = z.input<typeof personCreate>;
export type PersonPatch = z.input<typeof personUpdate>;
export type OrgUnitInput = z.input<typeof orgUnitCreate>;
export type OrgUnitPatch = z.input<typeof orgUnitUpdate>;
export type Relation = (typeof RELATIONS)[number];

type Items<T> = { items: T[] };

/** Query keys: one prefix per resource, so a write can invalidate everything that shows it. */
export const orgKeys = {
  units: ['org-units'] as const,
  unit: (id: string) => ['org-units', id] as const,
  children: (id: string) => ['org-units', id, 'children'] as const,
  households: ['households'] as const,
  household: (id: string) => ['households', id] as const,
  persons: ['persons'] as const,
  person: (id: string) => ['persons', id] as const,
};

export const orgApi = {
  roots: () => api.get<Items<OrgUnitOut>>('/api/org-units').then((r) => r.items),
  searchUnits: (q: { q?: string; kind?: OrgUnitKind }) =>
    api.get<Items<OrgUnitOut>>('/api/org-units', q).then((r) => r.items),
  unit: (id: string) => api.get<OrgUnitOut>(`/api/org-units/${id}`),
  children: (id: string) => api.get<Items<OrgUnitOut>>(`/api/org-units/${id}/children`).then((r) => r.items),
  createUnit: (body: OrgUnitInput) => api.post<OrgUnitOut>('/api/org-units', body),
  updateUnit: (id: string, body: OrgUnitPatch) => api.patch<OrgUnitOut>(`/api/org-units/${id}`, body),

  households: (q: HouseholdQuery) => api.get<HouseholdPage>('/api/households', q),
  household: (id: string) => api.get<HouseholdOut>(`/api/households/${id}`),
  createHousehold: (body: HouseholdInput) => api.post<HouseholdOut>('/api/households', body),
  updateHousehold: (id: string, body: HouseholdPatch) =>
    api.patch<HouseholdOut>(`/api/households/${id}`, body),
  putMember: (id: string, personId: string, relation: Relation) =>
    api.put<HouseholdOut>(`/api/households/${id}/members/${personId}`, { relation }),
  removeMember: (id: string, personId: string) =>
    api.delete<HouseholdOut>(`/api/households/${id}/members/${personId}`),

  persons: (q: PersonQuery) => api.get<PersonPage>('/api/persons', q),
  person: (id: string) => api.get<PersonOut>(`/api/persons/${id}`),
  createPerson: (body: PersonInput) => api.post<PersonOut>('/api/persons', body),
  updatePerson: (id: string, body: PersonPatch) => api.patch<PersonOut>(`/api/persons/${id}`, body),
  revealId: (id: string, reason: string) =>
    api.post<z.infer<typeof revealOut>>(`/api/persons/${id}/reveal-id`, { reason }),
};
