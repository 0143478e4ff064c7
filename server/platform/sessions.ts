import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import type { Role } from '../../common/roles.ts';
import type { Actor } from './access.ts';
import { now } from './clock.ts';
import { roleGrant, session, userAccount } from './schema.ts';

export const SESSION_COOKIE = 'linli_session';

export type SessionPolicy = { idleMs: number; absoluteMs: number };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** 256 random bits; only its hash is stored, so a database leak does not leak live sessions. */
export async function createSession(
  db: Executor,
  userId: string,
  policy: SessionPolicy,
  meta: { ip?: string; userAgent?: string },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const t = now();
  const expiresAt = new Date(t.getTime() + policy.absoluteMs);
  await db.insert(session).values({
    tokenHash: hashToken(token),
    userId,
    createdAt: t,
    lastSeenAt: t,
    expiresAt,
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

export type SessionLookup = { actor: Actor } | { expired: true } | null;

// Writing last_seen_at on every request would make every read a write; a minute's slack is harmless
// against a two-hour idle timeout.
const TOUCH_EVERY_MS = 60_000;

/** Resolves a cookie token to an actor, ending the session if it is idle or past its absolute limit. */
export async function resolveSession(
  db: Executor,
  token: string,
  policy: SessionPolicy,
): Promise<SessionLookup> {
  const [row] = await db
    .select({ s: session, u: userAccount })
    .from(session)
    .innerJoin(userAccount, eq(userAccount.id, session.userId))
    .where(and(eq(session.tokenHash, hashToken(token)), isNull(session.endedAt)));
  if (!row) return null;
  const t = now();
  const idleExpired = t.getTime() - row.s.lastSeenAt.getTime() > policy.idleMs;
  if (idleExpired || t >= row.s.expiresAt || row.u.disabledAt) {
    await db.update(session).set({ endedAt: t }).where(eq(session.id, row.s.id));
    return { expired: true };
  }
  if (t.getTime() - row.s.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(session).set({ lastSeenAt: t }).where(eq(session.id, row.s.id));
  }
  return { actor: await loadActor(db, row.u, row.s.id) };
}

export async function loadActor(
  db: Executor,
  u: { id: string; displayName: string; personId: string | null },
  sessionId: string | null,
): Promise<Actor> {
  const grants = await db
    .select({
      role: roleGrant.role,
      orgUnitId: roleGrant.orgUnitId,
      orgPath: roleGrant.orgPath,
      householdId: roleGrant.householdId,
      departmentId: roleGrant.departmentId,
      providerId: roleGrant.providerId,
    })
    .from(roleGrant)
    .where(eq(roleGrant.userId, u.id));
  return {
    userId: u.id,
    displayName: u.displayName,
    personId: u.personId,
    sessionId,
    grants: grants.map((g) => ({ ...g, role: g.role as Role })),
  };
}

export async function endSession(db: Executor, token: string): Promise<void> {
  await db
    .update(session)
    .set({ endedAt: now() })
    .where(and(eq(session.tokenHash, hashToken(token)), isNull(session.endedAt)));
}

/** Logout everywhere, and what disabling a user does. */
export async function endUserSessions(db: Executor, userId: string): Promise<void> {
  await db
    .update(session)
    .set({ endedAt: now() })
    .where(and(eq(session.userId, userId), isNull(session.endedAt)));
}
