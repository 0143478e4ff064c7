import type { z } from 'zod';
import type {
  LoanOut,
  LoanState,
  ReturnCondition,
  ToolCategory,
  ToolFiguresOut,
  ToolOut,
  extendBody,
  lendBody,
  loanPage,
  loanQuery,
  returnBody,
  toolIn,
  toolPage,
  toolQuery,
  toolUpdate,
} from '../../../common/contracts/toolbox.ts';
import { api } from './client.ts';

export type { LoanOut, LoanState, ReturnCondition, ToolCategory, ToolFiguresOut, ToolOut };
export type ToolInput = z.input<typeof toolIn>;
export type ToolPatch = z.input<typeof toolUpdate>;
export type ToolQuery = Partial<z.input<typeof toolQuery>>;
export type ToolPage = z.infer<typeof toolPage>;
export type LendInput = z.input<typeof lendBody>;
export type ReturnInput = z.input<typeof returnBody>;
export type ExtendInput = z.input<typeof extendBody>;
export type LoanQuery = Partial<z.input<typeof loanQuery>>;
export type LoanPage = z.infer<typeof loanPage>;

/** Query keys: one prefix, so a loan or a return refreshes the catalogue, the lists and the figures. */
export const toolboxKeys = {
  all: ['toolbox'] as const,
  tools: ['toolbox', 'tools'] as const,
  tool: (id: string) => ['toolbox', 'tools', id] as const,
  loans: ['toolbox', 'loans'] as const,
  figures: ['toolbox', 'figures'] as const,
};

export const toolboxApi = {
  tools: (q: ToolQuery) => api.get<ToolPage>('/api/toolbox/tools', q),
  tool: (id: string) => api.get<ToolOut>(`/api/toolbox/tools/${id}`),
  createTool: (body: ToolInput) => api.post<ToolOut>('/api/toolbox/tools', body),
  updateTool: (id: string, body: ToolPatch) => api.patch<ToolOut>(`/api/toolbox/tools/${id}`, body),
  loans: (q: LoanQuery) => api.get<LoanPage>('/api/toolbox/loans', q),
  lend: (body: LendInput) => api.post<LoanOut>('/api/toolbox/loans', body),
  returnLoan: (id: string, body: ReturnInput) => api.post<LoanOut>(`/api/toolbox/loans/${id}/return`, body),
  extend: (id: string, body: ExtendInput = {}) => api.post<LoanOut>(`/api/toolbox/loans/${id}/extend`, body),
  lost: (id: string, note: string) => api.post<LoanOut>(`/api/toolbox/loans/${id}/lost`, { note }),
  figures: () => api.get<ToolFiguresOut>('/api/toolbox/figures'),
};
