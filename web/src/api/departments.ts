import type { z } from 'zod';
import type {
  DepartmentOut,
  departmentCreate,
  departmentList,
  departmentUpdate,
} from '../../../common/contracts/departments.ts';
import { api } from './client.ts';

export type { DepartmentOut };
export type DepartmentInput = z.input<typeof departmentCreate>;
export type DepartmentPatch = z.input<typeof departmentUpdate>;

export const departmentKeys = { all: ['departments'] as const };

export const departmentApi = {
  list: (q: { q?: string }) =>
    api.get<z.infer<typeof departmentList>>('/api/departments', q).then((r) => r.items),
  create: (body: DepartmentInput) => api.post<DepartmentOut>('/api/departments', body),
  update: (id: string, body: DepartmentPatch) => api.patch<DepartmentOut>(`/api/departments/${id}`, body),
};
