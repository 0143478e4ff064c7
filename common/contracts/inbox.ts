import { z } from 'zod';
import { pageQuery, paged, queryBool } from './common.ts';

/** One notice in the signed-in user's inbox (站内通知). */
export const inboxItem = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  /** A path inside this web app to open. */
  link: z.string().nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  urgent: z.boolean(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type InboxItem = z.infer<typeof inboxItem>;

export const inboxQuery = pageQuery.extend({
  /** Only unread notices. */
  unread: queryBool.optional(),
});
export type InboxQuery = z.input<typeof inboxQuery>;

export const inboxPage = paged(inboxItem);
export type InboxPage = z.infer<typeof inboxPage>;

export const unreadCount = z.object({
  count: z.number().int(),
  /** Of which urgent (emergencies). */
  urgent: z.number().int(),
});
export type UnreadCount = z.infer<typeof unreadCount>;

export const readAllResult = z.object({ marked: z.number().int() });
export type ReadAllResult = z.infer<typeof readAllResult>;
