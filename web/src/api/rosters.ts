import type { ImportMode, RosterImportOut, RosterIssue } from '../../../common/contracts/rosters.ts';
import { api, downloadFile } from './client.ts';

export type { ImportMode, RosterImportOut, RosterIssue };

export const rosterKeys = { import: (id: string) => ['roster-imports', id] as const };

export const rosterApi = {
  downloadTemplate: () => downloadFile('/api/rosters/template', undefined, '住户花名册模板.xlsx'),
  exportRoster: (orgUnitId: string) => downloadFile('/api/rosters/export', { orgUnitId }, '住户花名册.xlsx'),
  /** Starts an import; the server answers at once with its id and works in the background. */
  startImport: (orgUnitId: string, mode: ImportMode, file: File) => {
    const form = new FormData();
    // Text fields before the file: the server reads the multipart stream in order.
    form.append('orgUnitId', orgUnitId);
    form.append('mode', mode);
    form.append('file', file, file.name);
    return api.upload<{ id: string }>('/api/rosters/imports', form);
  },
  getImport: (id: string) => api.get<RosterImportOut>(`/api/rosters/imports/${id}`),
};
