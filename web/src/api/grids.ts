import type { z } from 'zod';
import type {
  GridOut,
  gridCreate,
  gridPage,
  gridQuery,
  gridUpdate,
} from '../../../common/contracts/grids.ts';
import { api } from './client.ts';

export type { GridOut };
export type GridPage = z.infer<typeof gridPage>;
export type GridQuery = Partial<z.input<typeof gridQuery>>;
export type GridInput = z.input<typeof gridCreate>;
export type GridPatch = z.input<typeof gridUpdate>;

export const gridKeys = { all: ['grids'] as const };

export const gridApi = {
  list: (q: GridQuery) => api.get<GridPage>('/api/grids', q),
  get: (id: string) => api.get<GridOut>(`/api/grids/${id}`),
  create: (body: GridInput) => api.post<GridOut>('/api/grids', body),
  update: (id: string, body: GridPatch) => api.patch<GridOut>(`/api/grids/${id}`, body),
};
