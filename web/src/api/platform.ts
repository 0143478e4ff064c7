import type { z } from 'zod';
import type {
  auditPage,
  auditQuery,
  userOut,
  userPage,
  userQuery,
} from '../../../common/contracts/platform.ts';
import { api } from './client.ts';

export type AuditPage = z.infer<typeof auditPage>;
export type AuditEvent = AuditPage['items'][number];
export type AuditQuery = Partial<z.input<typeof auditQuery>>;
export type UserOut = z.infer<typeof userOut>;
export type UserPage = z.infer<typeof userPage>;
export type UserQuery = Partial<z.input<typeof userQuery>>;

export const platformKeys = {
  audit: ['audit-events'] as const,
  users: ['users'] as const,
};

export const platformApi = {
  auditEvents: (q: AuditQuery) => api.get<AuditPage>('/api/audit-events', q),
  users: (q: UserQuery) => api.get<UserPage>('/api/users', q),
  disableUser: (id: string) => api.post<UserOut>(`/api/users/${id}/disable`),
  enableUser: (id: string) => api.post<UserOut>(`/api/users/${id}/enable`),
};
