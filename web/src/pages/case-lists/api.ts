import type { z } from 'zod';
import type {
  CaseFigures,
  CaseListName,
  CaseListRow,
  CategoryAdminRow,
  caseListPage,
  caseListQuery,
  categoryAdminList,
  categoryAdminPut,
  DutySheet,
  figuresQuery,
} from '../../../../common/contracts/case-lists.ts';
import { api, withQuery } from '../../api/client.ts';

export type { CaseFigures, CaseListName, CaseListRow, CategoryAdminRow, DutySheet };
export type CaseListPage = z.infer<typeof caseListPage>;
export type CaseListQuery = Partial<z.input<typeof caseListQuery>>;
export type CategoryCatalogue = z.infer<typeof categoryAdminList>;
export type CategoryInput = z.input<typeof categoryAdminPut>;
export type FiguresQuery = z.input<typeof figuresQuery>;

export const caseListKeys = {
  all: ['case-lists'] as const,
  list: (name: CaseListName, q: CaseListQuery) => ['case-lists', name, q] as const,
  categories: (unitId: string) => ['case-lists', 'categories', unitId] as const,
  figures: (q: FiguresQuery) => ['case-lists', 'figures', q] as const,
  dutySheet: (id: string) => ['case-lists', 'duty-sheet', id] as const,
};

export const caseListsApi = {
  list: (name: CaseListName, q: CaseListQuery) => api.get<CaseListPage>(`/api/cases/lists/${name}`, q),
  exportUrl: (name: CaseListName, q: CaseListQuery) => {
    const { page: _p, pageSize: _s, ...filter } = q;
    return withQuery(`/api/cases/lists/${name}/export.xlsx`, filter);
  },
  categories: (orgUnitId: string) => api.get<CategoryCatalogue>('/api/cases/category-admin', { orgUnitId }),
  putCategory: (orgUnitId: string, code: string, body: CategoryInput) =>
    api.put<CategoryCatalogue>(`/api/cases/category-admin/${orgUnitId}/${code}`, body),
  deleteCategory: (orgUnitId: string, code: string) =>
    api.delete<CategoryCatalogue>(`/api/cases/category-admin/${orgUnitId}/${code}`),
  figures: (q: FiguresQuery) => api.get<CaseFigures>('/api/cases/figures', q),
  dutySheet: (compoundId: string) => api.get<DutySheet>(`/api/public/compounds/${compoundId}/duty-sheet`),
};
