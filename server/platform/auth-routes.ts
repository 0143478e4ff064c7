import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq } from 'drizzle-orm';
import { loginBody, meResponse, okResponse } from '../../common/contracts/auth.ts';
import { ROLE_PERMISSIONS } from '../../common/roles.ts';
import { AppError } from './errors.ts';
import { actorOf } from './http.ts';
import { verifyPassword } from './password.ts';
import { userAccount } from './schema.ts';
import { createSession, endSession, loadActor, SESSION_COOKIE, type SessionPolicy } from './sessions.ts';

export type AuthOptions = {
  policy: SessionPolicy;
  secureCookies: boolean;
  loginRateLimit: number;
  /** Names of the org units grants point at; supplied by the org module so platform stays below it. */
  nameOrgUnits: (ids: string[]) => Promise<Map<string, string>>;
};

export async function authRoutes(app: FastifyInstance, opts: AuthOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: opts.secureCookies,
  };

  r.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], body: loginBody, response: { 200: meResponse } },
      config: { rateLimit: { max: opts.loginRateLimit, timeWindow: 60_000 } },
    },
    async (req, reply) => {
      const { phone, password } = req.body;
      const [user] = await app.db.select().from(userAccount).where(eq(userAccount.phone, phone.trim()));
      const ok = await verifyPassword(user?.passwordHash, password);
      if (!user || !ok) throw new AppError('invalid_credentials');
      if (user.disabledAt) throw new AppError('user_disabled');
      // Rotation: whatever session the browser held before is ended, and a fresh token is issued.
      const previous = req.cookies[SESSION_COOKIE];
      if (previous) await endSession(app.db, previous);
      const { token } = await createSession(app.db, user.id, opts.policy, {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, token, {
        ...cookieOptions,
        maxAge: Math.floor(opts.policy.absoluteMs / 1000),
      });
      req.actor = await loadActor(app.db, user, null);
      return describeMe(req.actor, user.phone, opts);
    },
  );

  r.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], response: { 200: okResponse } } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await endSession(app.db, token);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true as const };
    },
  );

  r.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: meResponse } } }, async (req) => {
    const actor = actorOf(req);
    const [u] = await app.db
      .select({ phone: userAccount.phone })
      .from(userAccount)
      .where(eq(userAccount.id, actor.userId!));
    return describeMe(actor, u.phone, opts);
  });
}

async function describeMe(actor: ReturnType<typeof actorOf>, phone: string, opts: AuthOptions) {
  const names = await opts.nameOrgUnits([...new Set(actor.grants.map((g) => g.orgUnitId))]);
  const permissions = [...new Set(actor.grants.flatMap((g) => ROLE_PERMISSIONS[g.role]))].sort();
  return {
    user: { id: actor.userId!, displayName: actor.displayName, phone, personId: actor.personId },
    roles: actor.grants.map((g) => ({
      role: g.role,
      orgUnitId: g.orgUnitId,
      orgUnitName: names.get(g.orgUnitId) ?? '',
      householdId: g.householdId,
      departmentId: g.departmentId,
      providerId: g.providerId ?? null,
    })),
    permissions,
  };
}
