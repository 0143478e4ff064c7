import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { dutyRosterCreate, dutyRosterQuery } from '../../../common/contracts/cases.ts';
import type { Executor } from '../../db/client.ts';
import { can, scopeCondition } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now, shanghaiDate } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { roleGrant, userAccount } from '../../platform/schema.ts';
import { loadOrgUnit } from '../org/index.ts';
import { dutyRoster } from './schema.ts';

// 值班表: the community's on-duty list. Whoever is on it when an emergency is reported is alerted
// with the place's own front line (emergency.ts). Community staff keep it.

type DutyRow = typeof dutyRoster.$inferSelect;

/** A community the actor keeps the duty list of; anything else is out of sight (404). */
async function dutyCommunity(ctx: { actor: CommandContext['actor'] }, db: Executor, communityId: string) {
  const unit = await loadOrgUnit(db, communityId).catch(() => null);
  if (unit?.kind !== 'community' || !can(ctx.actor, 'cases:duty', { orgPath: unit.path }))
    throw new AppError('not_found');
  return unit;
}

/** Who may be put on a community's list: its staff and front-line roles (not residents). */
async function candidates(db: Executor, communityPath: string) {
  const rows = await db
    .select({ userId: roleGrant.userId, name: userAccount.displayName, role: roleGrant.role })
    .from(roleGrant)
    .innerJoin(userAccount, eq(userAccount.id, roleGrant.userId))
    .where(
      and(
        inArray(roleGrant.role, [
          'community_staff',
          'grid_worker',
          'building_leader',
          'compound_secretary',
          'safety_sentinel',
          'subdistrict_admin',
        ]),
        sql`(${roleGrant.orgPath} like ${`${communityPath}%`} or ${communityPath} like ${roleGrant.orgPath} || '%')`,
        isNull(userAccount.disabledAt),
      ),
    )
    .orderBy(asc(roleGrant.role), asc(userAccount.displayName));
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.userId) && seen.add(r.userId));
}

async function present(db: Executor, rows: DutyRow[], at: Date) {
  const ids = [...new Set(rows.map((r) => r.userId))];
  const names = new Map(
    ids.length
      ? (
          await db
            .select({ id: userAccount.id, name: userAccount.displayName })
            .from(userAccount)
            .where(inArray(userAccount.id, ids))
        ).map((u) => [u.id, u.name])
      : [],
  );
  return rows.map((r) => ({
    id: r.id,
    communityId: r.communityId,
    userId: r.userId,
    userName: names.get(r.userId) ?? '',
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    note: r.note,
    onDuty: r.startsAt <= at && at < r.endsAt,
  }));
}

export async function listDuty(q: QueryContext, input: z.infer<typeof dutyRosterQuery>) {
  const at = now();
  const unit = input.communityId ? await dutyCommunity(q, q.db, input.communityId) : null;
  const rows = await q.db
    .select()
    .from(dutyRoster)
    .where(
      and(
        scopeCondition(q.actor, 'cases:duty', dutyRoster.orgPath),
        unit ? eq(dutyRoster.communityId, unit.id) : undefined,
        input.past ? undefined : gt(dutyRoster.endsAt, at),
      ),
    )
    .orderBy(asc(dutyRoster.startsAt))
    .limit(500);
  return {
    items: await present(q.db, rows, at),
    candidates: unit ? await candidates(q.db, unit.path) : [],
  };
}

export async function addDuty(ctx: CommandContext, input: z.infer<typeof dutyRosterCreate>) {
  const unit = await dutyCommunity(ctx, ctx.tx, input.communityId);
  const fit = await candidates(ctx.tx, unit.path);
  const who = fit.find((c) => c.userId === input.userId);
  if (!who) throw new AppError('duty_user_invalid');
  const [row] = await ctx.tx
    .insert(dutyRoster)
    .values({
      communityId: unit.id,
      orgPath: unit.path,
      userId: input.userId,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      note: input.note ?? null,
      createdBy: ctx.actor.userId,
      createdAt: now(),
    })
    .returning();
  await recordAudit(ctx, {
    action: 'cases.duty_added',
    subjectType: 'duty_roster',
    subjectId: row.id,
    orgPath: unit.path,
    orgUnitId: unit.id,
    summary: `值班：${who.name} ${row.startsAt.toISOString()} – ${row.endsAt.toISOString()}`,
  });
  const [out] = await present(ctx.tx, [row], now());
  return out;
}

export async function removeDuty(ctx: CommandContext, id: string) {
  const [row] = await ctx.tx.select().from(dutyRoster).where(eq(dutyRoster.id, id));
  if (!row || !can(ctx.actor, 'cases:duty', { orgPath: row.orgPath })) throw new AppError('not_found');
  await ctx.tx.delete(dutyRoster).where(eq(dutyRoster.id, id));
  await recordAudit(ctx, {
    action: 'cases.duty_removed',
    subjectType: 'duty_roster',
    subjectId: id,
    orgPath: row.orgPath,
    orgUnitId: row.communityId,
    summary: `取消值班：${row.startsAt.toISOString()} – ${row.endsAt.toISOString()}`,
  });
  return { ok: true as const };
}

/**
 * The demo's standing rota for a community: day shifts (08:00–20:00 Asia/Shanghai) and night shifts
 * (20:00–08:00) from a month back to a year ahead, so an emergency always reaches someone.
 */
export async function seedDemoDutyRoster(
  tx: Executor,
  community: { id: string; path: string },
  day: string,
  night: string,
  from: Date,
): Promise<void> {
  // 00:00 Asia/Shanghai, 30 days before `from`.
  const start = Date.parse(`${shanghaiDate(from)}T00:00:00+08:00`) - 30 * 86_400_000;
  const rows: (typeof dutyRoster.$inferInsert)[] = [];
  for (let i = 0; i < 400; i++) {
    const base = start + i * 86_400_000;
    const shift = (userId: string, h0: number, h1: number, note: string) =>
      rows.push({
        communityId: community.id,
        orgPath: community.path,
        userId,
        startsAt: new Date(base + h0 * 3_600_000),
        endsAt: new Date(base + h1 * 3_600_000),
        note,
        createdAt: from,
      });
    shift(day, 8, 20, '白班');
    shift(night, 20, 32, '夜班');
  }
  // The first day's early hours (00:00–08:00) belong to the night before.
  rows.push({
    communityId: community.id,
    orgPath: community.path,
    userId: night,
    startsAt: new Date(start),
    endsAt: new Date(start + 8 * 3_600_000),
    note: '夜班',
    createdAt: from,
  });
  for (let i = 0; i < rows.length; i += 200) await tx.insert(dutyRoster).values(rows.slice(i, i + 200));
}
