import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, count, desc, eq, like, type SQL } from 'drizzle-orm';
import { auditPage, auditQuery } from '../../common/contracts/platform.ts';
import { scopeCondition } from './access.ts';
import { query } from './http.ts';
import { auditEvent } from './schema.ts';

/** The audit viewer: events under the actor's scope, newest first. */
export async function auditRoutes(app: FastifyInstance) {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/api/audit-events',
      { schema: { tags: ['audit'], querystring: auditQuery, response: { 200: auditPage } } },
      async (req) => {
        const { actor, db } = query(req);
        const q = req.query;
        const where: SQL[] = [scopeCondition(actor, 'audit:read', auditEvent.orgPath)];
        if (q.action) where.push(like(auditEvent.action, `${q.action}%`));
        if (q.subjectType) where.push(eq(auditEvent.subjectType, q.subjectType));
        if (q.subjectId) where.push(eq(auditEvent.subjectId, q.subjectId));
        if (q.orgUnitId) where.push(like(auditEvent.orgPath, `%/${q.orgUnitId}/%`));
        const cond = and(...where);
        const [rows, [{ n }]] = await Promise.all([
          db
            .select()
            .from(auditEvent)
            .where(cond)
            .orderBy(desc(auditEvent.createdAt), desc(auditEvent.id))
            .limit(q.pageSize)
            .offset((q.page - 1) * q.pageSize),
          db.select({ n: count() }).from(auditEvent).where(cond),
        ]);
        return {
          items: rows.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
          total: n,
          page: q.page,
          pageSize: q.pageSize,
        };
      },
    );
}
