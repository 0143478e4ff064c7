import type { z } from 'zod';
import type {
  Open311ClientOut,
  open311ClientCreate,
  open311ClientCreated,
  open311ClientList,
} from '../../../../common/contracts/open311.ts';
import { api } from '../../api/client.ts';

export type { Open311ClientOut };
export type Open311ClientInput = z.input<typeof open311ClientCreate>;
export type Open311ClientCreated = z.infer<typeof open311ClientCreated>;

export const open311Keys = { clients: ['open311', 'clients'] as const };

export const open311Api = {
  list: () => api.get<z.infer<typeof open311ClientList>>('/api/open311/clients'),
  create: (body: Open311ClientInput) => api.post<Open311ClientCreated>('/api/open311/clients', body),
  revoke: (id: string) => api.post<Open311ClientOut>(`/api/open311/clients/${id}/revoke`),
};
