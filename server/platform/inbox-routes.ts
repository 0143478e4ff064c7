import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { idParam } from '../../common/contracts/common.ts';
import {
  inboxItem,
  inboxPage,
  inboxQuery,
  readAllResult,
  unreadCount,
} from '../../common/contracts/inbox.ts';
import { now } from './clock.ts';
import { AppError } from './errors.ts';
import { command, query } from './http.ts';
import { notification } from './schema.ts';

type Row = typeof notification.$inferSelect;

function present(n: Row) {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    subjectType: n.subjectType,
    subjectId: n.subjectId,
    urgent: n.urgent,
    createdAt: n.createdAt.toISOString(),
    readAt: n.readAt?.toISOString() ?? null,
  };
}

/**
 * 站内通知: the signed-in user's own notices. Every query is filtered by recipient, so another
 * person's notice is simply not found (404). Marking read changes only the reader's own inbox
 * state, not shared records, so it writes no audit event.
 */
export async function inboxRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const mine = (userId: string | null) => {
    if (!userId) throw new AppError('not_found');
    return eq(notification.recipientUserId, userId);
  };

  r.get(
    '/api/inbox',
    { schema: { tags: ['inbox'], querystring: inboxQuery, response: { 200: inboxPage } } },
    async (req) => {
      const { actor, db } = query(req);
      const q = req.query;
      const cond = and(mine(actor.userId), q.unread ? isNull(notification.readAt) : undefined);
      const [items, [{ n }]] = await Promise.all([
        db
          .select()
          .from(notification)
          .where(cond)
          // Urgent unread first (emergencies must not scroll away), then newest first.
          .orderBy(
            desc(sql`(${notification.urgent} and ${notification.readAt} is null)`),
            desc(notification.createdAt),
            desc(notification.id),
          )
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: count() }).from(notification).where(cond),
      ]);
      return { items: items.map(present), total: n, page: q.page, pageSize: q.pageSize };
    },
  );

  r.get(
    '/api/inbox/unread-count',
    { schema: { tags: ['inbox'], response: { 200: unreadCount } } },
    async (req) => {
      const { actor, db } = query(req);
      const [row] = await db
        .select({
          count: count(),
          urgent: sql<number>`count(*) filter (where ${notification.urgent})`.mapWith(Number),
        })
        .from(notification)
        .where(and(mine(actor.userId), isNull(notification.readAt)));
      return { count: row.count, urgent: row.urgent };
    },
  );

  r.post(
    '/api/inbox/:id/read',
    { schema: { tags: ['inbox'], params: idParam, response: { 200: inboxItem } } },
    (req) =>
      command(req, async ({ actor, tx }) => {
        const cond = and(mine(actor.userId), eq(notification.id, req.params.id));
        // Reading twice keeps the first read time.
        await tx
          .update(notification)
          .set({ readAt: now() })
          .where(and(cond, isNull(notification.readAt)));
        const [row] = await tx.select().from(notification).where(cond);
        if (!row) throw new AppError('not_found');
        return present(row);
      }),
  );

  r.post('/api/inbox/read-all', { schema: { tags: ['inbox'], response: { 200: readAllResult } } }, (req) =>
    command(req, async ({ actor, tx }) => {
      const marked = await tx
        .update(notification)
        .set({ readAt: now() })
        .where(and(mine(actor.userId), isNull(notification.readAt)))
        .returning({ id: notification.id });
      return { marked: marked.length };
    }),
  );
}
