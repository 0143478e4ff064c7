import type { z } from 'zod';
import type {
  PartnerUnitKind,
  PartnerUnitOut,
  partnerUnitCreate,
  partnerUnitPage,
  partnerUnitQuery,
  partnerUnitUpdate,
} from '../../../common/contracts/partners.ts';
import { api } from './client.ts';

export type { PartnerUnitKind, PartnerUnitOut };
export type PartnerUnitPage = z.infer<typeof partnerUnitPage>;
export type PartnerUnitQuery = Partial<z.input<typeof partnerUnitQuery>>;
export type PartnerUnitInput = z.input<typeof partnerUnitCreate>;
export type PartnerUnitPatch = z.input<typeof partnerUnitUpdate>;

export const partnerKeys = { all: ['partner-units'] as const };

export const partnerApi = {
  list: (q: PartnerUnitQuery) => api.get<PartnerUnitPage>('/api/partner-units', q),
  create: (body: PartnerUnitInput) => api.post<PartnerUnitOut>('/api/partner-units', body),
  update: (id: string, body: PartnerUnitPatch) => api.patch<PartnerUnitOut>(`/api/partner-units/${id}`, body),
};
