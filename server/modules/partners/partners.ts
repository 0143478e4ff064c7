import { and, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type PartnerOut,
  type PartnerState,
  type partnerIn,
  type partnerQuery,
  TALENT_LABELS,
  type Talent,
} from '../../../common/contracts/partner-projects.ts';
import type { Executor } from '../../db/client.ts';
import { type Actor, authorize, can, holdsAnywhere, scopeCondition } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { notify } from '../../platform/notify.ts';
import { homeOf, loadOrgUnit, nameOrgUnits, pathIds, underUnit } from '../org/index.ts';
import { personNames, usersOfPersons } from './people.ts';
import { partner, partnerProjectLead } from './schema.ts';

export type PartnerRow = typeof partner.$inferSelect;

/** Who decides what about a partner: staff with partner_projects:manage over their compound. */
const PARTNER_MOVES: Record<'approve' | 'decline' | 'suspend', readonly PartnerState[]> = {
  approve: ['pending', 'suspended'],
  decline: ['pending'],
  suspend: ['approved'],
};
const MOVE_TO: Record<keyof typeof PARTNER_MOVES, PartnerState> = {
  approve: 'approved',
  decline: 'declined',
  suspend: 'suspended',
};

export async function loadPartner(db: Executor, id: string, lock = false): Promise<PartnerRow> {
  const q = db.select().from(partner).where(eq(partner.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

export async function partnerOfPerson(db: Executor, personId: string | null): Promise<PartnerRow | null> {
  if (!personId) return null;
  const [row] = await db.select().from(partner).where(eq(partner.personId, personId));
  return row ?? null;
}

function partnerVisible(actor: Actor): SQL {
  const parts = [scopeCondition(actor, 'partner_projects:read', partner.orgPath)];
  if (actor.personId) parts.push(eq(partner.personId, actor.personId));
  return sql`(${sql.join(parts, sql` or `)})`;
}

function partnerActions(actor: Actor, p: PartnerRow): PartnerOut['actions'] {
  if (!can(actor, 'partner_projects:manage', { orgPath: p.orgPath })) return [];
  return (Object.keys(PARTNER_MOVES) as (keyof typeof PARTNER_MOVES)[]).filter((m) =>
    PARTNER_MOVES[m].includes(p.state as PartnerState),
  );
}

export async function presentPartners(db: Executor, actor: Actor, rows: PartnerRow[]): Promise<PartnerOut[]> {
  if (rows.length === 0) return [];
  const [names, units, counts] = await Promise.all([
    personNames(
      db,
      rows.map((r) => r.personId),
    ),
    nameOrgUnits(db, [...new Set(rows.map((r) => r.orgUnitId))]),
    db
      .select({ partnerId: partnerProjectLead.partnerId, n: count() })
      .from(partnerProjectLead)
      .where(
        inArray(
          partnerProjectLead.partnerId,
          rows.map((r) => r.id),
        ),
      )
      .groupBy(partnerProjectLead.partnerId),
  ]);
  const projectCount = new Map(counts.map((c) => [c.partnerId, Number(c.n)]));
  return rows.map((r) => ({
    id: r.id,
    personId: r.personId,
    name: names.get(r.personId)?.name ?? '',
    orgUnitId: r.orgUnitId,
    orgUnitName: units.get(r.orgUnitId) ?? '',
    talents: r.talents as Talent[],
    talentNote: r.talentNote,
    intro: r.intro,
    state: r.state as PartnerState,
    reason: r.reason,
    decidedByName: r.decidedByName,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    appliedAt: r.appliedAt.toISOString(),
    projectCount: projectCount.get(r.id) ?? 0,
    actions: partnerActions(actor, r),
  }));
}

export async function listPartners({ actor, db }: QueryContext, q: z.infer<typeof partnerQuery>) {
  const where: (SQL | undefined)[] = [scopeCondition(actor, 'partner_projects:read', partner.orgPath)];
  if (q.state) where.push(eq(partner.state, q.state));
  if (q.talent) where.push(sql`${q.talent} = any(${partner.talents})`);
  if (q.orgUnitId) where.push(await underUnit(db, partner.orgPath, q.orgUnitId));
  if (q.q) {
    const like = `%${q.q}%`;
    // A talent's Chinese or English label searches too: "摄影" finds photography.
    const talents = (Object.keys(TALENT_LABELS) as Talent[]).filter(
      (t) =>
        TALENT_LABELS[t].zh.includes(q.q ?? '') ||
        TALENT_LABELS[t].en.toLowerCase().includes((q.q ?? '').toLowerCase()),
    );
    where.push(
      or(
        ilike(partner.intro, like),
        ilike(partner.talentNote, like),
        sql`exists (select 1 from person p where p.id = ${partner.personId} and p.name ilike ${like})`,
        talents.length
          ? sql`${partner.talents} && array[${sql.join(
              talents.map((t) => sql`${t}`),
              sql`, `,
            )}]::text[]`
          : undefined,
      ),
    );
  }
  const cond = and(...where);
  const [{ n }] = await db.select({ n: count() }).from(partner).where(cond);
  const rows = await db
    .select()
    .from(partner)
    .where(cond)
    // Pending applications first: they are what staff act on.
    .orderBy(sql`case ${partner.state} when 'pending' then 0 else 1 end`, desc(partner.appliedAt), partner.id)
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: await presentPartners(db, actor, rows),
    total: Number(n),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getPartner({ actor, db }: QueryContext, id: string) {
  const [row] = await db
    .select()
    .from(partner)
    .where(and(eq(partner.id, id), partnerVisible(actor)));
  if (!row) throw new AppError('not_found');
  return (await presentPartners(db, actor, [row]))[0];
}

export async function myPartner({ actor, db }: QueryContext) {
  const row = await partnerOfPerson(db, actor.personId);
  const canRegister =
    !!actor.personId && holdsAnywhere(actor, 'partner_projects:join') && (!row || row.state === 'declined');
  const units: { id: string; name: string; kind: 'community' | 'compound' }[] = [];
  if (row?.state === 'approved') {
    const ids = pathIds(row.orgPath).slice(2, 4);
    const names = await nameOrgUnits(db, ids);
    for (const [i, id] of ids.entries())
      units.push({ id, name: names.get(id) ?? '', kind: i === 0 ? 'community' : 'compound' });
  }
  return { partner: row ? (await presentPartners(db, actor, [row]))[0] : null, canRegister, units };
}

/** A resident registers (or, once declined, applies again) as a 幸福家园合伙人. */
export async function registerPartner(ctx: CommandContext, input: z.infer<typeof partnerIn>) {
  const { actor, tx } = ctx;
  if (!holdsAnywhere(actor, 'partner_projects:join')) throw new AppError('forbidden');
  if (!actor.personId) throw new AppError('partner_no_home');
  const home = await homeOf(tx, actor.personId);
  if (!home) throw new AppError('partner_no_home');
  // The compound they live in (district/subdistrict/community/compound).
  const ids = pathIds(home.orgPath);
  const compound = await loadOrgUnit(tx, ids[Math.min(3, ids.length - 1)]);
  const at = now();
  const existing = await partnerOfPerson(tx, actor.personId);
  let row: PartnerRow;
  if (existing) {
    if (existing.state !== 'declined') throw new AppError('partner_exists');
    [row] = await tx
      .update(partner)
      .set({
        ...input,
        state: 'pending',
        reason: null,
        decidedAt: null,
        decidedByName: null,
        appliedAt: at,
        updatedAt: at,
      })
      .where(and(eq(partner.id, existing.id), eq(partner.state, 'declined')))
      .returning();
    if (!row) throw new AppError('partner_exists');
  } else {
    const inserted = await tx
      .insert(partner)
      .values({
        ...input,
        personId: actor.personId,
        districtId: compound.districtId,
        orgUnitId: compound.id,
        orgPath: compound.path,
        appliedAt: at,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted[0]) throw new AppError('partner_exists');
    row = inserted[0];
  }
  await recordAudit(ctx, {
    action: 'partners.registered',
    subjectType: 'partner',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: row.orgUnitId,
    summary: `申请成为幸福家园合伙人（${row.talents.map((t) => TALENT_LABELS[t as Talent]?.zh ?? t).join('、')}）`,
  });
  return (await presentPartners(tx, actor, [row]))[0];
}

/** Staff approve, decline (with a reason) or suspend (with a reason) a partner. */
export async function decidePartner(
  ctx: CommandContext,
  id: string,
  move: 'approve' | 'decline' | 'suspend',
  reason?: string,
) {
  const p = await loadPartner(ctx.tx, id, true);
  authorize(ctx.actor, 'partner_projects:manage', { orgPath: p.orgPath });
  if (!PARTNER_MOVES[move].includes(p.state as PartnerState)) throw new AppError('partner_state');
  if (move !== 'approve' && !reason) throw new AppError('partner_project_reason_required');
  const at = now();
  const [row] = await ctx.tx
    .update(partner)
    .set({
      state: MOVE_TO[move],
      reason: reason ?? null,
      decidedByName: ctx.actor.displayName,
      decidedAt: at,
      updatedAt: at,
    })
    .where(eq(partner.id, id))
    .returning();
  const word = { approve: '通过', decline: '未通过', suspend: '暂停' }[move];
  await recordAudit(ctx, {
    action: `partners.${{ approve: 'approved', decline: 'declined', suspend: 'suspended' }[move]}`,
    subjectType: 'partner',
    subjectId: id,
    orgPath: row.orgPath,
    orgUnitId: row.orgUnitId,
    summary: `幸福家园合伙人申请${word}${reason ? `：${reason}` : ''}`,
  });
  await notify(ctx.tx, {
    recipients: await usersOfPersons(ctx.tx, [row.personId]),
    kind: 'partners.decided',
    title: `您的幸福家园合伙人资格：${word}`,
    body: reason,
    link: '/m/partner-projects/partner',
    subject: { type: 'partner', id },
  });
  return (await presentPartners(ctx.tx, ctx.actor, [row]))[0];
}
