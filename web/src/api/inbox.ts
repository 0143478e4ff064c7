import type {
  InboxItem,
  InboxPage,
  InboxQuery,
  ReadAllResult,
  UnreadCount,
} from '../../../common/contracts/inbox.ts';
import { api } from './client.ts';

export type { InboxItem, InboxPage, UnreadCount };

export const inboxKeys = {
  all: ['inbox'] as const,
  list: (q: InboxQuery) => ['inbox', 'list', q] as const,
  unread: ['inbox', 'unread-count'] as const,
};

export const inboxApi = {
  list: (q: InboxQuery) => api.get<InboxPage>('/api/inbox', q),
  unreadCount: () => api.get<UnreadCount>('/api/inbox/unread-count'),
  read: (id: string) => api.post<InboxItem>(`/api/inbox/${id}/read`),
  readAll: () => api.post<ReadAllResult>('/api/inbox/read-all'),
};
