import type { z } from 'zod';
import type {
  milestoneOut,
  MonthlyOut,
  PlanOut,
  planIn,
  planPage,
  planQuery,
  planUpdate,
  ProjectOut,
  ProjectSummary,
  projectIn,
  projectPage,
  projectQuery,
  projectUpdate,
  publicPlanOut,
  publicProjectList,
  QuarterlyOut,
  residentProjectPage,
  WeeklyOut,
} from '../../../common/contracts/projects.ts';
import { api, downloadFile } from './client.ts';

export type { MonthlyOut, PlanOut, ProjectOut, ProjectSummary, QuarterlyOut, WeeklyOut };
export type ProjectInput = z.input<typeof projectIn>;
export type ProjectPatch = z.input<typeof projectUpdate>;
export type ProjectQuery = Partial<z.input<typeof projectQuery>>;
export type ProjectPage = z.infer<typeof projectPage>;
export type PlanInput = z.input<typeof planIn>;
export type PlanPatch = z.input<typeof planUpdate>;
export type PlanQuery = Partial<z.input<typeof planQuery>>;
export type PlanPage = z.infer<typeof planPage>;
export type MilestoneOut = z.infer<typeof milestoneOut>;
export type ResidentProjectPage = z.infer<typeof residentProjectPage>;
export type ResidentProject = ResidentProjectPage['items'][number];
export type PublicProjectList = z.infer<typeof publicProjectList>;
export type PublicPlan = z.infer<typeof publicPlanOut>;

export const projectKeys = {
  all: ['projects'] as const,
  list: ['projects', 'list'] as const,
  project: (id: string) => ['projects', 'project', id] as const,
  plans: ['projects', 'plans'] as const,
  plan: (id: string) => ['projects', 'plan', id] as const,
  weekly: ['projects', 'weekly'] as const,
  monthly: ['projects', 'monthly'] as const,
  quarterly: ['projects', 'quarterly'] as const,
  units: ['projects', 'units'] as const,
  resident: ['projects', 'resident'] as const,
  public: ['projects', 'public'] as const,
};

/** "¥1,234.50" from integer fen. */
export function yuan(fen: number): string {
  return `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export const projectsApi = {
  list: (q: ProjectQuery) => api.get<ProjectPage>('/api/projects', q),
  units: (orgUnitId?: string) =>
    api.get<{ items: string[] }>('/api/projects/units', { orgUnitId }).then((r) => r.items),
  get: (id: string) => api.get<ProjectOut>(`/api/projects/${id}`),
  create: (body: ProjectInput) => api.post<ProjectOut>('/api/projects', body),
  update: (id: string, body: ProjectPatch) => api.patch<ProjectOut>(`/api/projects/${id}`, body),
  transition: (id: string, action: ProjectOut['actions'][number], note?: string) =>
    api.post<ProjectOut>(`/api/projects/${id}/transitions`, { action, note }),
  progress: (id: string, body: { note: string; photoIds: string[]; spentFen?: number }) =>
    api.post<ProjectOut>(`/api/projects/${id}/updates`, body),
  markMilestone: (id: string, done: boolean) =>
    api.post<MilestoneOut>(`/api/projects/milestones/${id}`, { done }),

  weekly: (orgUnitId: string, date?: string) =>
    api.get<WeeklyOut>('/api/projects/weekly', { orgUnitId, date }),
  monthly: (orgUnitId: string, year: number) =>
    api.get<MonthlyOut>('/api/projects/monthly', { orgUnitId, year }),
  quarterly: (orgUnitId: string, quarter: string) =>
    api.get<QuarterlyOut>('/api/projects/quarterly', { orgUnitId, quarter }),
  exportQuarterly: (orgUnitId: string, quarter: string) =>
    downloadFile('/api/projects/quarterly/export', { orgUnitId, quarter }, `projects-${quarter}.xlsx`),

  plans: (q: PlanQuery) => api.get<PlanPage>('/api/projects/plans', q),
  plan: (id: string) => api.get<PlanOut>(`/api/projects/plans/${id}`),
  createPlan: (body: PlanInput) => api.post<PlanOut>('/api/projects/plans', body),
  updatePlan: (id: string, body: PlanPatch) => api.patch<PlanOut>(`/api/projects/plans/${id}`, body),
  transitionPlan: (id: string, action: PlanOut['actions'][number], note?: string) =>
    api.post<PlanOut>(`/api/projects/plans/${id}/transitions`, { action, note }),
  planProgress: (id: string, body: { note: string; photoIds: string[] }) =>
    api.post<PlanOut>(`/api/projects/plans/${id}/updates`, body),

  resident: (q: { year?: number; state?: string; page?: number; pageSize?: number }) =>
    api.get<ResidentProjectPage>('/api/projects/resident', q),
  rate: (id: string, score: number, comment: string) =>
    api.post<{ score: number; comment: string }>(`/api/projects/${id}/ratings`, { score, comment }),

  publicList: (communityId: string, year?: number) =>
    api.get<PublicProjectList>(`/api/public/communities/${communityId}/projects`, { year }),
  publicPlan: (id: string) => api.get<PublicPlan>(`/api/public/plans/${id}`),
};
