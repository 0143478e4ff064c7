import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  type figuresQuery,
  type PROJECT_KINDS,
  PROJECT_STATES,
  type PartnerFigures,
  TALENT_LABELS,
  type Talent,
} from '../../../common/contracts/partner-projects.ts';
import { execRows } from '../../db/client.ts';
import { scopeCondition } from '../../platform/access.ts';
import type { QueryContext } from '../../platform/context.ts';
import { loadOrgUnit, nameOrgUnits } from '../org/index.ts';
import { partner, partnerProject } from './schema.ts';

const KIND_ZH: Record<(typeof PROJECT_KINDS)[number], string> = {
  art_class: '美术',
  photography: '摄影',
  reading: '阅读',
  handicraft: '手工',
  haircut: '义剪',
  fitness: '健身',
  tutoring: '课业辅导',
  health: '健康',
  culture: '文化',
  other: '其他',
};
const STATE_ZH: Record<(typeof PROJECT_STATES)[number], string> = {
  proposed: '待审核',
  approved: '已通过',
  active: '进行中',
  finished: '已结束',
  declined: '未通过',
  cancelled: '已取消',
};

/** Partners by talent and compound, projects by state and kind, participants: in the actor's scope. */
export async function partnerFigures(
  { actor, db }: QueryContext,
  q: z.infer<typeof figuresQuery>,
): Promise<PartnerFigures> {
  let partnerWhere: SQL = scopeCondition(actor, 'partner_projects:manage', partner.orgPath);
  let projectWhere: SQL = scopeCondition(actor, 'partner_projects:manage', partnerProject.orgPath);
  if (q.orgUnitId) {
    const unit = await loadOrgUnit(db, q.orgUnitId);
    partnerWhere = sql`${partnerWhere} and ${partner.orgPath} like ${`${unit.path}%`}`;
    projectWhere = sql`${projectWhere} and ${partnerProject.orgPath} like ${`${unit.path}%`}`;
  }
  const [talents, compounds, states, kinds, totals] = await Promise.all([
    execRows<{ key: string; n: number }>(
      db,
      sql`select t as key, count(*)::int as n from ${partner}, unnest(${partner.talents}) t
          where ${partnerWhere} and ${partner.state} = 'approved' group by t order by n desc, t`,
    ),
    execRows<{ key: string; n: number }>(
      db,
      sql`select ${partner.orgUnitId} as key, count(*)::int as n from ${partner}
          where ${partnerWhere} and ${partner.state} = 'approved' group by 1 order by n desc`,
    ),
    execRows<{ key: string; n: number }>(
      db,
      sql`select ${partnerProject.state} as key, count(*)::int as n from ${partnerProject} where ${projectWhere} group by 1`,
    ),
    execRows<{ key: string; n: number }>(
      db,
      sql`select ${partnerProject.kind} as key, count(*)::int as n from ${partnerProject} where ${projectWhere} group by 1 order by n desc`,
    ),
    execRows<{ partners: number; pending: number; projects: number; participants: number }>(
      db,
      sql`select
            (select count(*)::int from ${partner} where ${partnerWhere} and ${partner.state} = 'approved') as partners,
            (select count(*)::int from ${partner} where ${partnerWhere} and ${partner.state} = 'pending') as pending,
            (select count(*)::int from ${partnerProject} where ${projectWhere}) as projects,
            (select coalesce(sum(${partnerProject.participantCount}), 0)::int from ${partnerProject} where ${projectWhere}) as participants`,
    ),
  ]);
  const names = await nameOrgUnits(
    db,
    compounds.map((c) => c.key),
  );
  const byState = new Map(states.map((s) => [s.key, Number(s.n)]));
  return {
    partners: Number(totals[0].partners),
    pendingPartners: Number(totals[0].pending),
    projects: Number(totals[0].projects),
    participants: Number(totals[0].participants),
    byTalent: talents.map((t) => ({
      key: t.key,
      label: TALENT_LABELS[t.key as Talent]?.zh ?? t.key,
      count: Number(t.n),
    })),
    byCompound: compounds.map((c) => ({ key: c.key, label: names.get(c.key) ?? '', count: Number(c.n) })),
    byState: PROJECT_STATES.map((s) => ({ key: s, label: STATE_ZH[s], count: byState.get(s) ?? 0 })),
    byKind: kinds.map((k) => ({
      key: k.key,
      label: KIND_ZH[k.key as keyof typeof KIND_ZH] ?? k.key,
      count: Number(k.n),
    })),
  };
}
