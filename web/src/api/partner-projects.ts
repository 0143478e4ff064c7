import type { z } from 'zod';
import type {
  PartnerFigures,
  PartnerOut,
  PartnerState,
  ProjectAction,
  ProjectDetail,
  ProjectKind,
  ProjectOut,
  ProjectState,
  myPartner,
  participantList,
  partnerIn,
  partnerList,
  partnerQuery,
  projectIn,
  projectList,
  projectQuery,
} from '../../../common/contracts/partner-projects.ts';
import type { ActivitySummary } from '../../../common/contracts/activities.ts';
import { api } from './client.ts';

export type {
  PartnerFigures,
  PartnerOut,
  PartnerState,
  ProjectAction,
  ProjectDetail,
  ProjectKind,
  ProjectOut,
  ProjectState,
};
export type MyPartner = z.infer<typeof myPartner>;
export type PartnerInput = z.input<typeof partnerIn>;
export type PartnerQuery = Partial<z.input<typeof partnerQuery>>;
export type PartnerPage = z.infer<typeof partnerList>;
export type ProjectInput = z.input<typeof projectIn>;
export type ProjectQuery = Partial<z.input<typeof projectQuery>>;
export type ProjectPage = z.infer<typeof projectList>;
export type Participants = z.infer<typeof participantList>;

/** One prefix: any change refreshes lists, details and figures. */
export const partnerProjectKeys = {
  all: ['partner-projects'] as const,
  me: ['partner-projects', 'me'] as const,
  partners: ['partner-projects', 'partners'] as const,
  projects: ['partner-projects', 'projects'] as const,
  project: (id: string) => ['partner-projects', 'projects', id] as const,
  participants: (id: string) => ['partner-projects', 'projects', id, 'participants'] as const,
  activities: (id: string) => ['partner-projects', 'projects', id, 'activities'] as const,
  figures: ['partner-projects', 'figures'] as const,
};

export const partnerProjectsApi = {
  me: () => api.get<MyPartner>('/api/partners/me'),
  register: (body: PartnerInput) => api.post<PartnerOut>('/api/partners', body),
  partners: (q: PartnerQuery) => api.get<PartnerPage>('/api/partners', q),
  approvePartner: (id: string) => api.post<PartnerOut>(`/api/partners/${id}/approve`),
  declinePartner: (id: string, reason: string) =>
    api.post<PartnerOut>(`/api/partners/${id}/decline`, { reason }),
  suspendPartner: (id: string, reason: string) =>
    api.post<PartnerOut>(`/api/partners/${id}/suspend`, { reason }),
  projects: (q: ProjectQuery) => api.get<ProjectPage>('/api/partner-projects', q),
  project: (id: string) => api.get<ProjectDetail>(`/api/partner-projects/${id}`),
  create: (body: ProjectInput) => api.post<ProjectOut>('/api/partner-projects', body),
  move: (id: string, action: ProjectAction, note?: string) =>
    api.post<ProjectDetail>(`/api/partner-projects/${id}/transitions`, { action, note }),
  join: (id: string) => api.post<ProjectDetail>(`/api/partner-projects/${id}/join`),
  leave: (id: string) => api.post<ProjectDetail>(`/api/partner-projects/${id}/leave`),
  participants: (id: string) => api.get<Participants>(`/api/partner-projects/${id}/participants`),
  figures: () => api.get<PartnerFigures>('/api/partner-projects/figures'),
  /**
   * The volunteer activities a project organised (the volunteers module's list). Kept to those whose
   * organiser is this project, whether or not that list filters by it.
   */
  activities: async (id: string) => {
    const page = await api.get<{ items: ActivitySummary[] }>('/api/volunteers/activities', {
      partnerProjectId: id,
      pageSize: 50,
    });
    return page.items.filter((a) => a.organiserKind === 'partner_project' && a.organiserId === id);
  },
};
