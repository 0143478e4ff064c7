import { sql } from 'drizzle-orm';
import type { ActivityKind } from '../../../common/contracts/activities.ts';
import { type Executor, execRows } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now, shanghaiDate } from '../../platform/clock.ts';
import { activity, activitySignup, volunteerHours } from './activity-schema.ts';

type Unit = { id: string; name: string; path: string; kind: string; district_id: string };
type Person = { id: string; name: string; user_id: string | null };

/** A deterministic pseudo-random sequence (the demo is the same on every fresh start). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const DAY = 86_400_000;
const at = (ymd: string, hm: string) => new Date(`${ymd}T${hm}:00+08:00`);

type Plan = {
  kind: ActivityKind;
  title: string;
  weekday: number; // 0 = Sunday, Shanghai
  every: 'week' | 'fortnight' | 'month' | 'quarter';
  start: string;
  minutes: number;
  capacity: number;
  place: string;
  team?: string; // part of the organising team's name (the volunteers' demo teams), else the venue
  venue: string; // a word of the venue's name, the fallback organiser
  description: string;
};

const PLANS: Plan[] = [
  {
    kind: 'health_clinic',
    title: '健康义诊（测血压、血糖）',
    weekday: 2,
    every: 'week',
    start: '09:00',
    minutes: 120,
    capacity: 8,
    place: '党群服务中心一楼大厅',
    team: '红色志愿服务队',
    venue: '党群服务中心',
    description: '社区卫生服务站医生坐诊，志愿者协助登记、测量与引导。',
  },
  {
    kind: 'haircut',
    title: '低价理发（老年人义剪）',
    weekday: 4,
    every: 'week',
    start: '14:00',
    minutes: 120,
    capacity: 4,
    place: '幸福家园邻里驿站',
    venue: '邻里驿站',
    description: '为70岁以上老人义剪，志愿者负责排队登记和场地整理。',
  },
  {
    kind: 'legal_advice',
    title: '法律咨询服务日',
    weekday: 3,
    every: 'fortnight',
    start: '14:30',
    minutes: 90,
    capacity: 3,
    place: '党群服务中心调解室',
    team: '红色志愿服务队',
    venue: '党群服务中心',
    description: '律师驻点解答婚姻家庭、物业纠纷等法律问题。',
  },
  {
    kind: 'policy_outreach',
    title: '政策宣讲进小区',
    weekday: 6,
    every: 'month',
    start: '09:30',
    minutes: 90,
    capacity: 10,
    place: '幸福家园议事长廊',
    team: '红色志愿服务队',
    venue: '议事长廊',
    description: '宣讲医保、养老、垃圾分类等惠民政策，发放宣传资料。',
  },
  {
    kind: 'mediation',
    title: '矛盾调解值班',
    weekday: 1,
    every: 'fortnight',
    start: '19:00',
    minutes: 120,
    capacity: 3,
    place: '党群服务中心调解室',
    team: '红色志愿服务队',
    venue: '党群服务中心',
    description: '调解志愿者值班，受理邻里纠纷。',
  },
  {
    kind: 'emergency_drill',
    title: '消防应急演练',
    weekday: 6,
    every: 'quarter',
    start: '15:00',
    minutes: 120,
    capacity: 20,
    place: '幸福家园小区中心广场',
    team: '红色志愿服务队',
    venue: '党群服务中心',
    description: '与物业、消防站联合演练疏散与初期火灾扑救。',
  },
  {
    kind: 'environment',
    title: '清洁家园（楼道清理）',
    weekday: 0,
    every: 'month',
    start: '08:30',
    minutes: 120,
    capacity: 15,
    place: '幸福家园小区各楼栋',
    team: '幸福家园小区志愿服务队',
    venue: '邻里驿站',
    description: '清理楼道杂物和小广告，整治环境卫生。',
  },
  {
    kind: 'elderly_care',
    title: '探访空巢老人',
    weekday: 5,
    every: 'month',
    start: '15:00',
    minutes: 90,
    capacity: 6,
    place: '入户探访',
    team: '红色志愿服务队',
    venue: '党群服务中心',
    description: '结对探访独居、空巢老人，送去关怀并登记需求。',
  },
];

/** The days of a plan from `from` to `to` (Shanghai dates). */
function daysOf(p: Plan, from: Date, to: Date): string[] {
  const out: string[] = [];
  for (let t = from.getTime(); t <= to.getTime(); t += DAY) {
    const ymd = shanghaiDate(new Date(t));
    const d = new Date(`${ymd}T12:00:00+08:00`);
    if (d.getUTCDay() !== p.weekday) continue;
    const dom = Number(ymd.slice(8, 10));
    const week = Math.floor((t - from.getTime()) / (7 * DAY));
    const month = Number(ymd.slice(5, 7));
    if (p.every === 'fortnight' && week % 2 !== 0) continue;
    if ((p.every === 'month' || p.every === 'quarter') && dom > 7) continue;
    if (p.every === 'quarter' && month % 3 !== 0) continue;
    out.push(ymd);
  }
  return out;
}

/**
 * A year of 春熙社区's volunteer activities (weekly clinics and haircuts, fortnightly legal advice and
 * mediation duty, monthly outreach, clean-ups and visits, quarterly drills) with sign-ups, check-ins
 * and certified hours of its residents; the next few weeks open for sign-up, and one 义诊 starting an
 * hour after the seed with places left. Past hours are history: they raise no points claims.
 */
export async function seedDemoActivities(tx: Executor, communityId: string, staff: Actor) {
  const units = await execRows<Unit>(
    tx,
    sql`select id, name, path, kind, district_id from org_unit
        where path like (select path from org_unit where id = ${communityId}) || '%'
          and kind in ('community', 'compound') order by depth, name`,
  );
  const community = units.find((u) => u.id === communityId);
  if (!community) throw new Error('demo community missing');
  const venues = await execRows<{ id: string; name: string; org_unit_id: string; org_path: string }>(
    tx,
    sql`select id, name, org_unit_id, org_path from venue where org_path like ${`${community.path}%`} order by name`,
  );
  const teams = await execRows<{ id: string; name: string; org_unit_id: string; org_path: string }>(
    tx,
    sql`select id, name, org_unit_id, org_path from volunteer_team
        where org_path like ${`${community.path}%`} and active order by name`,
  );
  const people = await execRows<Person>(
    tx,
    sql`select distinct on (p.id) p.id, p.name, u.id as user_id
        from person p join household_member hm on hm.person_id = p.id
        left join user_account u on u.person_id = p.id
        where p.org_path like ${`${community.path}%`} and (p.birth_year is null or p.birth_year <= 2008)
        order by p.id limit 80`,
  );
  if (venues.length === 0 || people.length === 0) return { activities: 0 };
  // People the journeys sign in as join the upcoming clinic themselves.
  const journeyPeople = new Set(people.filter((p) => p.user_id).map((p) => p.id));
  const pick = (words: string[]) => {
    for (const w of words) {
      const t = teams.find((x) => x.name.includes(w));
      if (t) return { organiserKind: 'team' as const, teamId: t.id, venueId: null, unit: t };
    }
    return null;
  };
  const byVenue = (word: string) => {
    const v = venues.find((x) => x.name.includes(word)) ?? venues[0];
    return { organiserKind: 'venue' as const, teamId: null, venueId: v.id, unit: v };
  };
  const seedAt = now();
  const from = new Date(seedAt.getTime() - 365 * DAY);
  const to = new Date(seedAt.getTime() + 28 * DAY);
  const rand = rng(20261130);
  type NewActivity = typeof activity.$inferInsert;
  const acts: NewActivity[] = [];
  for (const p of PLANS) {
    const org = (p.team && pick([p.team])) || byVenue(p.venue);
    for (const ymd of daysOf(p, from, to)) {
      const startsAt = at(ymd, p.start);
      const endsAt = new Date(startsAt.getTime() + p.minutes * 60_000);
      const past = endsAt < seedAt;
      acts.push({
        districtId: community.district_id,
        orgUnitId: org.unit.org_unit_id,
        orgPath: org.unit.org_path,
        title: p.title,
        description: p.description,
        kind: p.kind,
        organiserKind: org.organiserKind,
        teamId: org.teamId,
        venueId: org.venueId,
        place: p.place,
        startsAt,
        endsAt,
        capacity: p.capacity,
        signupDeadline: new Date(startsAt.getTime() - 2 * 3600_000),
        earnsPoints: true,
        state: past ? 'finished' : 'open',
        confirmedAt: past ? new Date(endsAt.getTime() + 3600_000) : null,
        confirmedBy: past ? staff.userId : null,
        confirmedByName: past ? staff.displayName : null,
        createdBy: staff.userId,
        createdAt: new Date(startsAt.getTime() - 10 * DAY),
      });
    }
  }
  // The journey's session: 义诊 starting an hour from now, places left.
  const clinicOrg = pick(['红色志愿服务队']) ?? byVenue('党群服务中心');
  const soon = new Date(Math.ceil((seedAt.getTime() + 3600_000) / 600_000) * 600_000);
  acts.push({
    districtId: community.district_id,
    orgUnitId: clinicOrg.unit.org_unit_id,
    orgPath: clinicOrg.unit.org_path,
    title: '健康义诊（社区卫生服务站专场）',
    description: '社区卫生服务站医生坐诊测血压、血糖，招募志愿者协助登记和引导。',
    kind: 'health_clinic',
    organiserKind: clinicOrg.organiserKind,
    teamId: clinicOrg.teamId,
    venueId: clinicOrg.venueId,
    place: '党群服务中心一楼大厅',
    startsAt: soon,
    endsAt: new Date(soon.getTime() + 2 * 3600_000),
    capacity: 12,
    signupDeadline: null,
    earnsPoints: true,
    state: 'open',
    createdBy: staff.userId,
    createdAt: new Date(seedAt.getTime() - 3 * DAY),
  });
  const inserted: (typeof activity.$inferSelect)[] = [];
  for (let i = 0; i < acts.length; i += 200)
    inserted.push(
      ...(await tx
        .insert(activity)
        .values(acts.slice(i, i + 200))
        .returning()),
    );

  const signups: (typeof activitySignup.$inferInsert)[] = [];
  const hours: (typeof volunteerHours.$inferInsert)[] = [];
  const soonId = inserted[inserted.length - 1].id;
  for (const a of inserted) {
    const past = a.state === 'finished';
    const upcomingClinic = a.id === soonId;
    const pool = upcomingClinic ? people.filter((p) => !journeyPeople.has(p.id)) : people;
    const want = upcomingClinic
      ? 3
      : past
        ? Math.ceil(a.capacity * (0.6 + rand() * 0.5))
        : Math.floor(rand() * a.capacity);
    const chosen = new Set<Person>();
    while (chosen.size < Math.min(want, pool.length)) chosen.add(pool[Math.floor(rand() * pool.length)]);
    let n = 0;
    for (const p of chosen) {
      n++;
      const status = n <= a.capacity ? 'confirmed' : 'waiting';
      const queuedAt = new Date(a.startsAt.getTime() - (3 * DAY - n * 3600_000));
      const length = (a.endsAt.getTime() - a.startsAt.getTime()) / 60_000;
      const present = past && status === 'confirmed' && rand() < 0.9;
      const lateBy = Math.floor(rand() * 15);
      const minutes = Math.max(0, Math.min(length, length - lateBy - Math.floor(rand() * 10)));
      const checkedInAt = present ? new Date(a.startsAt.getTime() + lateBy * 60_000) : null;
      signups.push({
        activityId: a.id,
        personId: p.id,
        userId: p.user_id,
        name: p.name,
        status,
        queuedAt,
        checkedInAt,
        checkedOutAt: present ? new Date(checkedInAt!.getTime() + minutes * 60_000) : null,
        attendance: past && status === 'confirmed' ? (present ? 'present' : 'absent') : null,
      });
      if (present)
        hours.push({
          activityId: a.id,
          personId: p.id,
          name: p.name,
          districtId: a.districtId,
          orgPath: a.orgPath,
          teamId: a.teamId,
          venueId: a.venueId,
          minutes,
          deedDate: shanghaiDate(a.startsAt),
          claimId: null,
          claimSkipped: 'history',
          confirmedBy: staff.userId,
          confirmedAt: a.confirmedAt!,
        });
    }
  }
  for (let i = 0; i < signups.length; i += 500)
    await tx.insert(activitySignup).values(signups.slice(i, i + 500));
  for (let i = 0; i < hours.length; i += 500) await tx.insert(volunteerHours).values(hours.slice(i, i + 500));
  await recordAudit(
    { actor: staff, tx: tx as never },
    {
      action: 'volunteers.demo_seeded',
      subjectType: 'org_unit',
      subjectId: community.id,
      orgPath: community.path,
      orgUnitId: community.id,
      summary: `导入演示志愿活动 ${inserted.length} 场、报名 ${signups.length} 人次、时长记录 ${hours.length} 条`,
    },
  );
  return { activities: inserted.length, signups: signups.length, hours: hours.length, clinicId: soonId };
}
