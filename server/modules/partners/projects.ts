import { and, asc, count, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  PROJECT_ACTIONS,
  type ProjectAction,
  type ProjectDetail,
  type ProjectKind,
  type ProjectOut,
  type ProjectState,
  type projectIn,
  type projectQuery,
} from '../../../common/contracts/partner-projects.ts';
import type { Executor } from '../../db/client.ts';
import { type Actor, allowedActions, can, hasPermission, holdsAnywhere } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { notify } from '../../platform/notify.ts';
import { loadOrgUnit, nameOrgUnits, underUnit } from '../org/index.ts';
import { partnerOfPerson } from './partners.ts';
import { personNames, usersOfPersons } from './people.ts';
import { canMove, mayMove, OPEN_FOR_JOINING, PROJECT_TRANSITIONS } from './project-machine.ts';
import {
  partner,
  partnerProject,
  partnerProjectHistory,
  partnerProjectLead,
  partnerProjectParticipant,
} from './schema.ts';

export type ProjectRow = typeof partnerProject.$inferSelect;

/**
 * Who sees a project: staff with partner_projects:read over it, and anyone (residents, partners,
 * compound secretaries) whose grant lies inside the community or compound it serves.
 */
export function projectVisible(actor: Actor): SQL {
  const parts: SQL[] = [];
  for (const g of actor.grants) {
    if (!hasPermission(g, 'partner_projects:read')) continue;
    if (g.role !== 'resident') parts.push(sql`${partnerProject.orgPath} like ${`${g.orgPath}%`}`);
    parts.push(sql`${g.orgPath} like ${partnerProject.orgPath} || '%'`);
  }
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}

function seesProject(actor: Actor, orgPath: string): boolean {
  return actor.grants.some(
    (g) =>
      hasPermission(g, 'partner_projects:read') &&
      ((g.role !== 'resident' && orgPath.startsWith(g.orgPath)) || g.orgPath.startsWith(orgPath)),
  );
}

type Lead = { projectId: string; partnerId: string; personId: string; state: string };

async function leadsOf(db: Executor, projectIds: string[]): Promise<Lead[]> {
  if (projectIds.length === 0) return [];
  return db
    .select({
      projectId: partnerProjectLead.projectId,
      partnerId: partnerProjectLead.partnerId,
      personId: partnerProjectLead.personId,
      state: partner.state,
    })
    .from(partnerProjectLead)
    .innerJoin(partner, eq(partner.id, partnerProjectLead.partnerId))
    .where(inArray(partnerProjectLead.projectId, projectIds));
}

function roles(actor: Actor, p: ProjectRow, leads: Lead[]) {
  return {
    staff: can(actor, 'partner_projects:manage', { orgPath: p.orgPath }),
    lead: !!actor.personId && leads.some((l) => l.personId === actor.personId && l.state === 'approved'),
  };
}

async function present(db: Executor, actor: Actor, rows: ProjectRow[]): Promise<ProjectOut[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [leads, units, mine] = await Promise.all([
    leadsOf(db, ids),
    nameOrgUnits(db, [...new Set(rows.map((r) => r.orgUnitId))]),
    actor.personId
      ? db
          .select({ projectId: partnerProjectParticipant.projectId })
          .from(partnerProjectParticipant)
          .where(
            and(
              inArray(partnerProjectParticipant.projectId, ids),
              eq(partnerProjectParticipant.personId, actor.personId),
              isNull(partnerProjectParticipant.leftAt),
            ),
          )
      : Promise.resolve([]),
  ]);
  const names = await personNames(
    db,
    leads.map((l) => l.personId),
  );
  const joinedSet = new Set(mine.map((m) => m.projectId));
  const mayJoin = !!actor.personId && holdsAnywhere(actor, 'partner_projects:join');
  return rows.map((r) => {
    const own = leads.filter((l) => l.projectId === r.id);
    const who = roles(actor, r, own);
    const state = r.state as ProjectState;
    const joined = joinedSet.has(r.id);
    const isLead = !!actor.personId && own.some((l) => l.personId === actor.personId);
    const placesLeft = r.capacity === null ? null : Math.max(0, r.capacity - r.participantCount);
    const open = OPEN_FOR_JOINING.includes(state);
    const actions: ProjectOut['actions'] = PROJECT_ACTIONS.filter(
      (a) => canMove(state, a) && mayMove(a, who),
    );
    if (open && mayJoin && !joined && !isLead && placesLeft !== 0) actions.push('join');
    if (open && joined) actions.push('leave');
    return {
      id: r.id,
      title: r.title,
      description: r.description,
      kind: r.kind as ProjectKind,
      state,
      orgUnitId: r.orgUnitId,
      orgUnitName: units.get(r.orgUnitId) ?? '',
      targetParticipants: r.targetParticipants,
      capacity: r.capacity,
      participantCount: r.participantCount,
      placesLeft,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      leads: own.map((l) => ({
        partnerId: l.partnerId,
        personId: l.personId,
        name: names.get(l.personId)?.name ?? '',
      })),
      joined,
      isLead,
      actions,
      allowed: allowedActions(actor, { orgPath: r.orgPath }, ['partner_projects:manage']),
    };
  });
}

/** Loads a project the actor sees (404 otherwise), optionally locked for a command. */
async function visibleProject(db: Executor, actor: Actor, id: string, lock = false): Promise<ProjectRow> {
  const q = db.select().from(partnerProject).where(eq(partnerProject.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || !seesProject(actor, row.orgPath)) throw new AppError('not_found');
  return row;
}

export async function listProjects({ actor, db }: QueryContext, q: z.infer<typeof projectQuery>) {
  const where: (SQL | undefined)[] = [projectVisible(actor)];
  if (q.state) where.push(eq(partnerProject.state, q.state));
  if (q.kind) where.push(eq(partnerProject.kind, q.kind));
  if (q.orgUnitId) where.push(await underUnit(db, partnerProject.orgPath, q.orgUnitId));
  if (q.q) {
    const like = `%${q.q}%`;
    where.push(
      or(
        ilike(partnerProject.title, like),
        ilike(partnerProject.description, like),
        ilike(partnerProject.targetParticipants, like),
      ),
    );
  }
  if (q.mine) {
    const me = actor.personId;
    if (!me) where.push(sql`false`);
    else
      where.push(
        sql`(exists (select 1 from partner_project_lead l where l.project_id = ${partnerProject.id} and l.person_id = ${me})
          or exists (select 1 from partner_project_participant x where x.project_id = ${partnerProject.id}
                     and x.person_id = ${me} and x.left_at is null))`,
      );
  }
  const cond = and(...where);
  const [{ n }] = await db.select({ n: count() }).from(partnerProject).where(cond);
  const rows = await db
    .select()
    .from(partnerProject)
    .where(cond)
    .orderBy(
      sql`case ${partnerProject.state} when 'active' then 0 when 'approved' then 1 when 'proposed' then 2 else 3 end`,
      desc(partnerProject.startsOn),
      desc(partnerProject.createdAt),
      asc(partnerProject.id),
    )
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: await present(db, actor, rows), total: Number(n), page: q.page, pageSize: q.pageSize };
}

export async function getProject({ actor, db }: QueryContext, id: string): Promise<ProjectDetail> {
  const row = await visibleProject(db, actor, id);
  const history = await db
    .select()
    .from(partnerProjectHistory)
    .where(eq(partnerProjectHistory.projectId, id))
    .orderBy(asc(partnerProjectHistory.at), asc(partnerProjectHistory.id));
  return {
    ...(await present(db, actor, [row]))[0],
    history: history.map((h) => ({
      action: h.action,
      fromState: h.fromState,
      toState: h.toState,
      actorName: h.actorName,
      note: h.note,
      at: h.at.toISOString(),
    })),
  };
}

/**
 * An approved partner proposes a project (state proposed, they lead it); community staff may also
 * create one for approved partners (state approved at once). Every lead must be an approved partner
 * living in the community or compound the project serves.
 */
export async function createProject(ctx: CommandContext, input: z.infer<typeof projectIn>) {
  const { actor, tx } = ctx;
  const unit = await loadOrgUnit(tx, input.orgUnitId);
  if (!seesProject(actor, unit.path)) throw new AppError('not_found');
  if (unit.kind !== 'community' && unit.kind !== 'compound')
    throw new AppError('partner_project_unit_invalid');
  const staff = can(actor, 'partner_projects:manage', { orgPath: unit.path });
  const leadIds = new Set(input.leadPartnerIds);
  if (!staff) {
    if (!holdsAnywhere(actor, 'partner_projects:join')) throw new AppError('forbidden');
    const self = await partnerOfPerson(tx, actor.personId);
    if (self?.state !== 'approved') throw new AppError('partner_not_approved');
    leadIds.add(self.id);
  }
  if (leadIds.size === 0) throw new AppError('partner_not_approved');
  const leads = await tx
    .select()
    .from(partner)
    .where(inArray(partner.id, [...leadIds]))
    .for('share');
  if (leads.length !== leadIds.size || leads.some((l) => l.state !== 'approved'))
    throw new AppError('partner_not_approved');
  if (leads.some((l) => !l.orgPath.startsWith(unit.path))) throw new AppError('partner_project_unit_invalid');
  const at = now();
  const state: ProjectState = staff ? 'approved' : 'proposed';
  const { leadPartnerIds: _, ...fields } = input;
  const [row] = await tx
    .insert(partnerProject)
    .values({
      ...fields,
      state,
      districtId: unit.districtId,
      orgPath: unit.path,
      proposedByPersonId: actor.personId,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  await tx
    .insert(partnerProjectLead)
    .values(leads.map((l) => ({ projectId: row.id, partnerId: l.id, personId: l.personId })));
  await tx.insert(partnerProjectHistory).values({
    projectId: row.id,
    action: staff ? 'create' : 'propose',
    fromState: null,
    toState: state,
    actorUserId: actor.userId,
    actorName: actor.displayName,
    note: null,
    at,
  });
  await recordAudit(ctx, {
    action: staff ? 'partners.project_created' : 'partners.project_proposed',
    subjectType: 'partner_project',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: row.orgUnitId,
    summary: `${staff ? '创建' : '发起'}合作项目「${row.title}」`,
  });
  return (await present(tx, actor, [row]))[0];
}

const MOVE_WORDS: Record<ProjectAction, string> = {
  approve: '审核通过',
  decline: '未通过审核',
  start: '开始',
  finish: '结束',
  cancel: '取消',
  withdraw: '撤回',
};
const PAST: Record<ProjectAction, string> = {
  approve: 'approved',
  decline: 'declined',
  start: 'started',
  finish: 'finished',
  cancel: 'cancelled',
  withdraw: 'withdrawn',
};

export async function transitionProject(
  ctx: CommandContext,
  id: string,
  action: ProjectAction,
  note?: string,
) {
  const { actor, tx } = ctx;
  const p = await visibleProject(tx, actor, id, true);
  const leads = await leadsOf(tx, [id]);
  const move = PROJECT_TRANSITIONS[action];
  if (!mayMove(action, roles(actor, p, leads))) throw new AppError('forbidden');
  if (!canMove(p.state as ProjectState, action)) throw new AppError('partner_project_transition');
  if (move.reason && !note) throw new AppError('partner_project_reason_required');
  // A suspended partner cannot carry a project forward.
  if ((action === 'approve' || action === 'start') && leads.some((l) => l.state !== 'approved'))
    throw new AppError('partner_not_approved');
  const at = now();
  const [row] = await tx
    .update(partnerProject)
    .set({ state: move.to, updatedAt: at })
    .where(eq(partnerProject.id, id))
    .returning();
  await tx.insert(partnerProjectHistory).values({
    projectId: id,
    action,
    fromState: p.state,
    toState: move.to,
    actorUserId: actor.userId,
    actorName: actor.displayName,
    note: note ?? null,
    at,
  });
  await recordAudit(ctx, {
    action: `partners.project_${PAST[action]}`,
    subjectType: 'partner_project',
    subjectId: id,
    orgPath: p.orgPath,
    orgUnitId: p.orgUnitId,
    summary: `合作项目「${p.title}」${MOVE_WORDS[action]}${note ? `：${note}` : ''}`,
  });
  if (action === 'approve' || action === 'decline' || action === 'cancel')
    await notify(tx, {
      recipients: await usersOfPersons(
        tx,
        leads.map((l) => l.personId),
      ),
      kind: 'partners.project_decided',
      title: `合作项目「${p.title}」${MOVE_WORDS[action]}`,
      body: note,
      link: `/m/partner-projects/${id}`,
      subject: { type: 'partner_project', id },
    });
  return getProject({ actor, db: tx }, row.id);
}

/** A resident joins: the place is taken by a conditional update, so capacity holds under races. */
export async function joinProject(ctx: CommandContext, id: string) {
  const { actor, tx } = ctx;
  const p = await visibleProject(tx, actor, id);
  if (!actor.personId || !holdsAnywhere(actor, 'partner_projects:join')) throw new AppError('forbidden');
  const me = actor.personId;
  if (!OPEN_FOR_JOINING.includes(p.state as ProjectState)) throw new AppError('partner_project_closed');
  const leads = await leadsOf(tx, [id]);
  if (leads.some((l) => l.personId === me)) throw new AppError('partner_project_lead_joins');
  const [already] = await tx
    .select({ leftAt: partnerProjectParticipant.leftAt })
    .from(partnerProjectParticipant)
    .where(and(eq(partnerProjectParticipant.projectId, id), eq(partnerProjectParticipant.personId, me)));
  if (already && already.leftAt === null) throw new AppError('partner_project_joined');
  const [taken] = await tx
    .update(partnerProject)
    .set({ participantCount: sql`${partnerProject.participantCount} + 1` })
    .where(
      and(
        eq(partnerProject.id, id),
        inArray(partnerProject.state, [...OPEN_FOR_JOINING]),
        sql`(${partnerProject.capacity} is null or ${partnerProject.participantCount} < ${partnerProject.capacity})`,
      ),
    )
    .returning({ state: partnerProject.state });
  if (!taken) {
    const [cur] = await tx
      .select({ state: partnerProject.state })
      .from(partnerProject)
      .where(eq(partnerProject.id, id));
    throw new AppError(
      OPEN_FOR_JOINING.includes(cur.state as ProjectState)
        ? 'partner_project_full'
        : 'partner_project_closed',
    );
  }
  const at = now();
  // A concurrent join by the same person meets the key and finds nothing to revive: refused, and
  // the place taken above rolls back with the transaction.
  const [joined] = await tx
    .insert(partnerProjectParticipant)
    .values({ projectId: id, personId: me, joinedAt: at })
    .onConflictDoUpdate({
      target: [partnerProjectParticipant.projectId, partnerProjectParticipant.personId],
      set: { joinedAt: at, leftAt: null },
      setWhere: sql`${partnerProjectParticipant.leftAt} is not null`,
    })
    .returning({ personId: partnerProjectParticipant.personId });
  if (!joined) throw new AppError('partner_project_joined');
  await recordAudit(ctx, {
    action: 'partners.project_joined',
    subjectType: 'partner_project',
    subjectId: id,
    orgPath: p.orgPath,
    orgUnitId: p.orgUnitId,
    summary: `报名合作项目「${p.title}」`,
  });
  return getProject({ actor, db: tx }, id);
}

export async function leaveProject(ctx: CommandContext, id: string) {
  const { actor, tx } = ctx;
  const p = await visibleProject(tx, actor, id);
  if (!actor.personId) throw new AppError('forbidden');
  if (!OPEN_FOR_JOINING.includes(p.state as ProjectState)) throw new AppError('partner_project_closed');
  const [left] = await tx
    .update(partnerProjectParticipant)
    .set({ leftAt: now() })
    .where(
      and(
        eq(partnerProjectParticipant.projectId, id),
        eq(partnerProjectParticipant.personId, actor.personId),
        isNull(partnerProjectParticipant.leftAt),
      ),
    )
    .returning({ personId: partnerProjectParticipant.personId });
  if (!left) throw new AppError('partner_project_not_joined');
  await tx
    .update(partnerProject)
    .set({ participantCount: sql`${partnerProject.participantCount} - 1` })
    .where(eq(partnerProject.id, id));
  await recordAudit(ctx, {
    action: 'partners.project_left',
    subjectType: 'partner_project',
    subjectId: id,
    orgPath: p.orgPath,
    orgUnitId: p.orgUnitId,
    summary: `退出合作项目「${p.title}」`,
  });
  return getProject({ actor, db: tx }, id);
}

/** The participants, for the project's leads and staff. */
export async function listParticipants({ actor, db }: QueryContext, id: string) {
  const p = await visibleProject(db, actor, id);
  const leads = await leadsOf(db, [id]);
  const who = roles(actor, p, leads);
  if (!who.staff && !leads.some((l) => l.personId === actor.personId)) throw new AppError('forbidden');
  const rows = await db
    .select()
    .from(partnerProjectParticipant)
    .where(and(eq(partnerProjectParticipant.projectId, id), isNull(partnerProjectParticipant.leftAt)))
    .orderBy(asc(partnerProjectParticipant.joinedAt));
  const names = await personNames(
    db,
    rows.map((r) => r.personId),
  );
  return {
    items: rows.map((r) => ({
      personId: r.personId,
      name: names.get(r.personId)?.name ?? '',
      phone: names.get(r.personId)?.phone ?? null,
      joinedAt: r.joinedAt.toISOString(),
    })),
  };
}
