/** 站内通知: the bell in both shells and the inbox pages. */
export const inboxZhCN = {
  title: '消息通知',
  bell: '消息通知',
  bellCount: '{{count}} 条未读',
  all: '全部',
  unread: '未读',
  markAllRead: '全部标为已读',
  markedAll: '已将 {{count}} 条标为已读',
  empty: '暂无消息',
  emptyUnread: '没有未读消息',
  urgent: '紧急',
  read: '已读',
  total: '共 {{total}} 条',
};
