import { createHash, randomBytes } from 'node:crypto';
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Open311ClientOut, open311ClientCreate } from '../../../common/contracts/open311.ts';
import type { Executor } from '../../db/client.ts';
import { type Actor, authorize, can, scopeCondition } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit, nameOrgUnits, pathIds } from '../org/index.ts';
import { open311Client, open311Request } from './schema.ts';

export type ClientRow = typeof open311Client.$inferSelect;

/** A client files into a community's subtree or wider: never a single compound or building. */
const CLIENT_UNIT_KINDS = ['district', 'subdistrict', 'community'];
const KEY_PREFIX = 'o311_';

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** 256 random bits, URL-safe, with a recognisable prefix (secret scanners and people spot it). */
function newKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** The live client holding this key, or null (unknown, empty or revoked). */
export async function clientByKey(db: Executor, key: string | undefined): Promise<ClientRow | null> {
  if (!key || key.length > 200) return null;
  const [row] = await db
    .select()
    .from(open311Client)
    .where(and(eq(open311Client.keyHash, hashKey(key)), isNull(open311Client.revokedAt)));
  return row ?? null;
}

/** The actor a client's requests act as: its name, no user, no grants (it reaches only via fileCase). */
export function clientActor(c: ClientRow): Actor {
  return { userId: null, displayName: `Open311·${c.name}`, personId: null, grants: [], sessionId: null };
}

async function present(db: Executor, actor: Actor, rows: ClientRow[]): Promise<Open311ClientOut[]> {
  const names = await nameOrgUnits(db, [...new Set(rows.flatMap((r) => pathIds(r.orgPath).slice(1)))]);
  const ids = rows.map((r) => r.id);
  const counts = ids.length
    ? await db
        .select({ clientId: open311Request.clientId, n: count() })
        .from(open311Request)
        .where(inArray(open311Request.clientId, ids))
        .groupBy(open311Request.clientId)
    : [];
  const n = new Map(counts.map((c) => [c.clientId, c.n]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    orgUnitId: r.orgUnitId,
    place: pathIds(r.orgPath)
      .slice(1)
      .map((id) => names.get(id) ?? '')
      .join(' · '),
    keyPrefix: r.keyPrefix,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    requests: n.get(r.id) ?? 0,
    actions: !r.revokedAt && can(actor, 'cases:api_clients', { orgPath: r.orgPath }) ? ['revoke'] : [],
  }));
}

export async function listClients({ actor, db }: QueryContext) {
  const rows = await db
    .select()
    .from(open311Client)
    .where(scopeCondition(actor, 'cases:api_clients', open311Client.orgPath))
    .orderBy(desc(open311Client.createdAt));
  return { items: await present(db, actor, rows) };
}

/** Registers a client; its key is in this answer only. */
export async function createClient(ctx: CommandContext, input: z.infer<typeof open311ClientCreate>) {
  const unit = await loadOrgUnit(ctx.tx, input.orgUnitId);
  authorize(ctx.actor, 'cases:api_clients', { orgPath: unit.path });
  if (!CLIENT_UNIT_KINDS.includes(unit.kind)) throw new AppError('open311_client_unit_invalid');
  const key = newKey();
  const [row] = await ctx.tx
    .insert(open311Client)
    .values({
      districtId: pathIds(unit.path)[0],
      orgUnitId: unit.id,
      orgPath: unit.path,
      name: input.name,
      keyHash: hashKey(key),
      keyPrefix: key.slice(0, KEY_PREFIX.length + 6),
      createdBy: ctx.actor.userId,
      createdByName: ctx.actor.displayName,
      createdAt: now(),
    })
    .returning();
  await recordAudit(ctx, {
    action: 'open311.client_created',
    subjectType: 'open311_client',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: row.orgUnitId,
    summary: `登记 Open311 接入系统「${row.name}」（密钥 ${row.keyPrefix}…）`,
  });
  const [client] = await present(ctx.tx, ctx.actor, [row]);
  return { client, apiKey: key };
}

export async function revokeClient(ctx: CommandContext, id: string) {
  const [c] = await ctx.tx.select().from(open311Client).where(eq(open311Client.id, id)).for('update');
  if (!c) throw new AppError('not_found');
  authorize(ctx.actor, 'cases:api_clients', { orgPath: c.orgPath });
  if (c.revokedAt) throw new AppError('open311_client_revoked');
  const [row] = await ctx.tx
    .update(open311Client)
    .set({ revokedAt: now(), revokedBy: ctx.actor.userId })
    .where(eq(open311Client.id, id))
    .returning();
  await recordAudit(ctx, {
    action: 'open311.client_revoked',
    subjectType: 'open311_client',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: row.orgUnitId,
    summary: `吊销 Open311 接入系统「${row.name}」的密钥（${row.keyPrefix}…）`,
  });
  const [client] = await present(ctx.tx, ctx.actor, [row]);
  return client;
}
