import type { inboxZhCN } from '../zh-CN/inbox.ts';

export const inboxEnUS: typeof inboxZhCN = {
  title: 'Notifications',
  bell: 'Notifications',
  bellCount: '{{count}} unread',
  all: 'All',
  unread: 'Unread',
  markAllRead: 'Mark all as read',
  markedAll: '{{count}} marked as read',
  empty: 'No notifications',
  emptyUnread: 'No unread notifications',
  urgent: 'Urgent',
  read: 'Read',
  total: '{{total}} in all',
};
