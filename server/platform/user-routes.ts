import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { and, count, eq, exists, ilike, inArray, or, sql } from 'drizzle-orm';
import { idParam } from '../../common/contracts/common.ts';
import { userOut, userPage, userQuery } from '../../common/contracts/platform.ts';
import type { Role } from '../../common/roles.ts';
import { authorize, scopeCondition } from './access.ts';
import { recordAudit } from './audit.ts';
import { now } from './clock.ts';
import type { CommandContext } from './context.ts';
import { AppError } from './errors.ts';
import { command, query } from './http.ts';
import { roleGrant, userAccount } from './schema.ts';
import { endUserSessions } from './sessions.ts';

/** Accounts: list those granted inside the actor's scope; disable (ends every session) and enable. */
export async function userRoutes(
  app: FastifyInstance,
  opts: { nameOrgUnits: (ids: string[]) => Promise<Map<string, string>> },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/users',
    { schema: { tags: ['users'], querystring: userQuery, response: { 200: userPage } } },
    async (req) => {
      const { actor, db } = query(req);
      const q = req.query;
      const inScope = exists(
        db
          .select({ x: sql`1` })
          .from(roleGrant)
          .where(
            and(
              eq(roleGrant.userId, userAccount.id),
              scopeCondition(actor, 'user:manage', roleGrant.orgPath),
            ),
          ),
      );
      const search = q.q
        ? or(ilike(userAccount.displayName, `%${q.q}%`), ilike(userAccount.phone, `%${q.q}`))
        : undefined;
      const cond = and(inScope, search);
      const [users, [{ n }]] = await Promise.all([
        db
          .select()
          .from(userAccount)
          .where(cond)
          .orderBy(userAccount.phone)
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize),
        db.select({ n: count() }).from(userAccount).where(cond),
      ]);
      const grants = users.length
        ? await db
            .select()
            .from(roleGrant)
            .where(
              inArray(
                roleGrant.userId,
                users.map((u) => u.id),
              ),
            )
        : [];
      const names = await opts.nameOrgUnits([...new Set(grants.map((g) => g.orgUnitId))]);
      return {
        items: users.map((u) => ({
          id: u.id,
          phone: u.phone,
          displayName: u.displayName,
          disabled: !!u.disabledAt,
          roles: grants
            .filter((g) => g.userId === u.id)
            .map((g) => ({
              role: g.role as Role,
              orgUnitId: g.orgUnitId,
              orgUnitName: names.get(g.orgUnitId) ?? '',
            })),
        })),
        total: n,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  for (const verb of ['disable', 'enable'] as const) {
    r.post(
      `/api/users/:id/${verb}`,
      { schema: { tags: ['users'], params: idParam, response: { 200: userOut } } },
      async (req) => {
        const out = await command(req, (ctx) => setUserDisabled(ctx, req.params.id, verb === 'disable'));
        // Named after commit: the namer reads through the pool, which inside the transaction would
        // wait for the transaction itself (on PGlite, forever).
        const names = await opts.nameOrgUnits(out.roles.map((g) => g.orgUnitId));
        return { ...out, roles: out.roles.map((g) => ({ ...g, orgUnitName: names.get(g.orgUnitId) ?? '' })) };
      },
    );
  }
}

/** Disabling ends every session of the user at once; the next request they make gets 401. */
async function setUserDisabled(ctx: CommandContext, userId: string, disabled: boolean) {
  const [u] = await ctx.tx.select().from(userAccount).where(eq(userAccount.id, userId)).for('update');
  if (!u) throw new AppError('not_found');
  const grants = await ctx.tx.select().from(roleGrant).where(eq(roleGrant.userId, userId));
  // The actor must manage every place the user holds a role; otherwise the user is not theirs.
  const home = grants[0];
  if (!home) throw new AppError('not_found');
  for (const g of grants) authorize(ctx.actor, 'user:manage', { orgPath: g.orgPath });
  if (userId === ctx.actor.userId) throw new AppError('forbidden', { reason: 'cannot disable yourself' });
  await ctx.tx
    .update(userAccount)
    .set({ disabledAt: disabled ? now() : null })
    .where(eq(userAccount.id, userId));
  if (disabled) await endUserSessions(ctx.tx, userId);
  await recordAudit(ctx, {
    action: disabled ? 'user.disabled' : 'user.enabled',
    subjectType: 'user',
    subjectId: userId,
    orgPath: home.orgPath,
    orgUnitId: home.orgUnitId,
    summary: `${disabled ? '停用' : '启用'}账号 ${u.displayName}`,
  });
  return {
    id: u.id,
    phone: u.phone,
    displayName: u.displayName,
    disabled,
    roles: grants.map((g) => ({ role: g.role as Role, orgUnitId: g.orgUnitId })),
  };
}
