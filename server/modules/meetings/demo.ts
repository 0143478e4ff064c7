import { sql } from 'drizzle-orm';
import type { BodyKind } from '../../../common/contracts/meetings.ts';
import { execRows, type Tx } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import { seedDemoVenues } from '../venues/index.ts';
import {
  agendaItem,
  bodyMember,
  deliberativeBody,
  meeting,
  meetingAttendance,
  meetingDecision,
  meetingEvent,
  meetingTask,
} from './schema.ts';

// A year of deliberation in 春熙社区 (2025-12 … 2026-11), every level: the monthly 社区联席会 and
// 三方联席会, 小区议事会 monthly, 党员议事会 and 商户恳谈会 quarterly, 楼栋邻里议事会 quarterly in
// every building, and the 议事长廊 / 书记茶摊 every other week in each compound; with attendance,
// approved minutes, decisions and their tasks (mostly done). Plus what is coming next: a corridor
// session and a compound council in early December that 田先生 may join.

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS: Record<BodyKind, string[]> = {
  community_joint: [
    '老旧小区改造进度通报',
    '暖心实项目年度计划',
    '社区公共空间使用安排',
    '防汛与消防安全检查',
    '垃圾分类督导',
    '志愿服务积分兑换情况',
  ],
  tripartite: [
    '物业服务质量季度测评',
    '电梯维保与更新',
    '小区公共收益公开',
    '停车位规划与收费',
    '绿化补植',
    '消防通道整治',
  ],
  compound_council: [
    '非机动车充电棚建设',
    '楼道堆物清理',
    '小区停车秩序',
    '出入口门禁改造',
    '化粪池清掏',
    '健身器材维修',
  ],
  party_council: ['党员认领微心愿', '党员责任区划分', '主题党日活动安排', '在职党员双报到'],
  merchant_talk: ['门前三包落实', '创业大巴扎摊位安排', '油烟扰民整治', '商户积分兑换合作'],
  building_neighbours: ['楼道灯更换', '单元门维修', '高空抛物提醒', '楼栋公约修订', '楼顶防水维修'],
  corridor_session: [
    '噪音扰民协调',
    '宠物文明饲养',
    '快递柜设置',
    '老年助餐需求',
    '加装电梯意愿征集',
    '儿童游乐区改造',
  ],
};
const OWNERS = ['幸福物业服务中心', '社区网格站', '小区党支部', '业委会', '楼栋长', '志愿服务队'];

type Person = { id: string; name: string; org_path: string; user_id: string | null };
type Unit = { id: string; name: string; path: string; kind: string; parent_id: string | null };
type Member = typeof bodyMember.$inferInsert;
type BodyPlan = {
  row: typeof deliberativeBody.$inferInsert & { id: string; orgPath: string };
  members: (Member & { id: string })[];
  dates: Date[];
  venueId: string | null;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A Shanghai wall-clock time as UTC. */
const sh = (y: number, m: number, d: number, h: number, min = 0) =>
  new Date(Date.UTC(y, m - 1, d, h - 8, min));
const MONTHS = Array.from({ length: 12 }, (_, i) => (i === 0 ? [2025, 12] : [2026, i]));

export async function seedDemoMeetings(tx: Tx, communityId: string, staff: Actor) {
  const rand = rng(6_2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const venues = await seedDemoVenues(tx, communityId);
  const venueNamed = (n: string) => venues.find((v) => v.name === n)!.id;
  const units = await execRows<Unit>(
    tx,
    sql`select id, name, path, kind, parent_id from org_unit
        where path like (select path from org_unit where id = ${communityId}) || '%' order by depth, name`,
  );
  const community = units.find((u) => u.kind === 'community')!;
  const districtId = community.path.split('/')[1];
  const compounds = units.filter((u) => u.kind === 'compound');
  const buildingsOf = (c: Unit) =>
    units
      .filter((u) => u.kind === 'building' && u.parent_id === c.id)
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }));
  const people = await execRows<Person>(
    tx,
    sql`select p.id, p.name, p.org_path, u.id as user_id from person p
        left join user_account u on u.person_id = p.id
        where p.org_path like ${`${community.path}%`} and (p.birth_year is null or p.birth_year <= 2006)
        order by p.org_path, p.name, p.id`,
  );
  const partners = await execRows<{ id: string; name: string }>(
    tx,
    sql`select id, name from partner_unit where org_path like ${`${community.path}%`} order by name limit 3`,
  );
  const [tian] = await execRows<Person>(
    tx,
    sql`select p.id, p.name, p.org_path, u.id as user_id from person p
        join user_account u on u.person_id = p.id where p.phone = '13900000007'`,
  );
  const cases = await execRows<{ id: string; org_path: string; category_name: string }>(
    tx,
    sql`select id, org_path, category_name from civic_case where community_id = ${communityId}
        and state not in ('invalid', 'duplicate', 'withdrawn') order by created_at`,
  );
  const under = (path: string) => people.filter((p) => p.org_path.startsWith(path));

  const person = (p: Person, role: string, affiliation = '居民代表'): Member & { id: string } => ({
    id: crypto.randomUUID(),
    bodyId: '',
    role,
    personId: p.id,
    userId: p.user_id,
    name: p.name,
    affiliation,
  });
  const named = (name: string, role: string, affiliation: string, partnerUnitId?: string) => ({
    id: crypto.randomUUID(),
    bodyId: '',
    role,
    personId: null,
    userId: null,
    partnerUnitId: partnerUnitId ?? null,
    name,
    affiliation,
  });
  const staffSeat = (role: string) => ({
    id: crypto.randomUUID(),
    bodyId: '',
    role,
    personId: staff.personId,
    userId: staff.userId,
    name: staff.displayName,
    affiliation: '社区工作人员',
  });

  const plans: BodyPlan[] = [];
  const body = (
    unit: Unit,
    kind: BodyKind,
    name: string,
    members: (Member & { id: string })[],
    dates: Date[],
    venueId: string | null,
  ) => {
    const id = crypto.randomUUID();
    for (const m of members) m.bodyId = id;
    plans.push({
      row: {
        id,
        districtId,
        orgUnitId: unit.id,
        orgPath: unit.path,
        level: unit.kind,
        kind,
        name,
        openToResidents: kind === 'corridor_session',
      },
      members,
      dates,
      venueId,
    });
  };
  const monthly = (day: number, hour: number) => MONTHS.map(([y, m]) => sh(y, m, day, hour));
  const quarterly = (day: number, hour: number) =>
    MONTHS.filter((_, i) => i % 3 === 0).map(([y, m]) => sh(y, m, day, hour));
  const centre = venueNamed('春熙社区党群服务中心');
  const reps = under(community.path)
    .filter((_, i) => i % 37 === 5)
    .slice(0, 4);

  body(
    community,
    'community_joint',
    '春熙社区联席会',
    [
      named('王建国', 'chair', '社区党委书记'),
      staffSeat('secretary'),
      ...reps.map((p) => person(p, 'member')),
      named('幸福物业服务中心', 'member', '物业公司'),
      ...partners.map((u) => named(u.name, 'member', '共建单位', u.id)),
    ],
    monthly(10, 9),
    centre,
  );
  body(
    community,
    'tripartite',
    '春熙社区三方联席会',
    [
      named('王建国', 'chair', '社区党委书记'),
      staffSeat('secretary'),
      named('幸福物业服务中心', 'member', '物业公司'),
      ...(reps[0] ? [person(reps[0], 'member', '业委会主任')] : []),
    ],
    monthly(20, 15),
    centre,
  );
  body(
    community,
    'merchant_talk',
    '春熙社区商户恳谈会',
    [
      named('王建国', 'chair', '社区党委书记'),
      staffSeat('secretary'),
      ...['老街面馆', '便民超市', '兴隆五金', '康宁药房'].map((n) => named(n, 'member', '商户')),
    ],
    quarterly(25, 14),
    centre,
  );

  // Each compound meets where it has a place: its corridor, or else its neighbourhood station.
  const corridorVenue: Record<string, string> = {
    幸福家园小区: '幸福家园议事长廊',
    阳光花园: '阳光花园议事长廊',
    锦绣苑: '锦绣苑邻里驿站',
  };
  const councilVenue: Record<string, string> = {
    幸福家园小区: '幸福家园邻里驿站',
    阳光花园: '阳光花园议事长廊',
    锦绣苑: '锦绣苑邻里驿站',
  };
  compounds.forEach((c, ci) => {
    const folk = under(c.path);
    // 田先生's compound: he sits in its council, and its next sessions are the demo's coming ones.
    const home = !!tian && tian.org_path.startsWith(c.path);
    const seatOfTian = home ? [person(tian, 'member')] : [];
    const council = folk
      .filter((p) => p.id !== tian?.id)
      .filter((_, i) => i % 11 === 3)
      .slice(0, 6);
    const cVenue = venueNamed(councilVenue[c.name]);
    const [chair, secretary, ...rest] = council;
    const councilDates = monthly(15, 19);
    // 幸福家园小区议事会 meets next on 3 December: 田先生 is a member.
    if (home) councilDates.push(sh(2026, 12, 3, 19));
    body(
      c,
      'compound_council',
      `${c.name}议事会`,
      [
        person(chair, 'chair', '小区党支部书记'),
        person(secretary, 'secretary'),
        ...rest.map((p) => person(p, 'member')),
        ...seatOfTian,
      ],
      councilDates,
      cVenue,
    );
    body(
      c,
      'party_council',
      `${c.name}党员议事会`,
      [
        person(chair, 'chair', '小区党支部书记'),
        person(secretary, 'secretary', '党员'),
        ...rest.slice(0, 3).map((p) => person(p, 'member', '党员')),
      ],
      quarterly(5, 19),
      cVenue,
    );
    // 书记茶摊 every other Wednesday evening, open to every resident of the compound.
    const corridorDates: Date[] = [];
    for (let d = sh(2025, 12, 3 + ci, 19); d < sh(2026, 12, 1, 0); d = new Date(d.getTime() + 14 * DAY))
      corridorDates.push(d);
    if (home) corridorDates.push(sh(2026, 12, 2, 19));
    body(
      c,
      'corridor_session',
      c.name.endsWith('小区') ? `${c.name.slice(0, -2)}议事长廊` : `${c.name}议事长廊`,
      [person(chair, 'chair', '小区党支部书记'), person(secretary, 'secretary')],
      corridorDates,
      venueNamed(corridorVenue[c.name]),
    );
    buildingsOf(c).forEach((b, bi) => {
      const inB = under(b.path);
      if (inB.length < 3) return;
      const others = inB.filter((p) => p.id !== tian?.id);
      const seats = [
        person(others[0], 'chair', '楼栋长'),
        person(others[1], 'secretary'),
        ...others.slice(2, 5).map((p) => person(p, 'member')),
      ];
      if (tian && tian.org_path === b.path) seats.push(person(tian, 'member'));
      body(b, 'building_neighbours', `${c.name}${b.name}邻里议事会`, seats, quarterly(8 + bi, 19), cVenue);
    });
  });

  // Meetings with their whole life, in bulk.
  const at = now();
  const meetings: (typeof meeting.$inferInsert)[] = [];
  const events: (typeof meetingEvent.$inferInsert)[] = [];
  const agenda: (typeof agendaItem.$inferInsert)[] = [];
  const attendance: (typeof meetingAttendance.$inferInsert)[] = [];
  const decisions: (typeof meetingDecision.$inferInsert)[] = [];
  const tasks: (typeof meetingTask.$inferInsert)[] = [];
  const usedCases = new Set<string>();
  for (const p of plans) {
    const kind = p.row.kind as BodyKind;
    const chair = p.members.find((m) => m.role === 'chair');
    const secretary = p.members.find((m) => m.role === 'secretary');
    for (const startsAt of p.dates) {
      const id = crypto.randomUUID();
      const endsAt = new Date(startsAt.getTime() + (kind === 'corridor_session' ? 2 : 1.5) * HOUR);
      const age = at.getTime() - endsAt.getTime();
      const state =
        startsAt > at
          ? 'scheduled'
          : age < 3 * DAY
            ? 'minutes_draft'
            : age < 10 * DAY
              ? 'minutes_approved'
              : 'closed';
      const topics = [pick(TOPICS[kind])];
      if (rand() < 0.5) topics.push(pick(TOPICS[kind].filter((t) => t !== topics[0])));
      const items = topics.map((title, i) => ({
        id: crypto.randomUUID(),
        meetingId: id,
        position: i + 1,
        kind: 'topic',
        caseId: null as string | null,
        title,
        note: '',
      }));
      // A past case of the body's area goes on the agenda where there is one.
      const c = cases.find((x) => x.org_path.startsWith(p.row.orgPath) && !usedCases.has(x.id));
      if (c && state !== 'scheduled' && rand() < 0.5) {
        usedCases.add(c.id);
        items.push({
          id: crypto.randomUUID(),
          meetingId: id,
          position: items.length + 1,
          kind: 'case',
          caseId: c.id,
          title: `${c.category_name}（群众点单）`,
          note: '',
        });
      }
      if (kind === 'compound_council' && state === 'scheduled')
        items.splice(0, items.length, {
          id: crypto.randomUUID(),
          meetingId: id,
          position: 1,
          kind: 'topic',
          caseId: null,
          title: '小区停车秩序：夜间乱停占用消防通道',
          note: '居民多次反映，议定整治方案',
        });
      agenda.push(...items);
      const who: (typeof meetingAttendance.$inferInsert)[] = [];
      if (state !== 'scheduled') {
        for (const m of p.members)
          if (m.role !== 'member' || rand() < 0.8)
            who.push({
              meetingId: id,
              attendeeKey: m.personId ? `p:${m.personId}` : m.userId ? `u:${m.userId}` : `m:${m.id}`,
              personId: m.personId ?? null,
              userId: m.userId ?? null,
              name: m.name,
              member: true,
              via: m.personId || m.userId ? 'qr' : 'manual',
              codeStep: null,
              at: new Date(startsAt.getTime() - Math.floor(rand() * 10) * 60_000),
            });
        if (kind === 'corridor_session') {
          const folk = under(p.row.orgPath);
          const n = 6 + Math.floor(rand() * 9);
          const taken = new Set(who.map((w) => w.attendeeKey));
          for (let i = 0; i < n * 3 && who.length < n + 2; i++) {
            const r = pick(folk);
            const key = `p:${r.id}`;
            if (taken.has(key)) continue;
            taken.add(key);
            who.push({
              meetingId: id,
              attendeeKey: key,
              personId: r.id,
              userId: r.user_id,
              name: r.name,
              member: false,
              via: 'qr',
              codeStep: null,
              at: new Date(startsAt.getTime() + Math.floor(rand() * 30) * 60_000),
            });
          }
        }
      }
      attendance.push(...who);
      const minuted = state !== 'scheduled';
      const approved = state === 'minutes_approved' || state === 'closed';
      const decided: string[] = [];
      if (minuted) {
        for (const item of items) {
          const decisionId = crypto.randomUUID();
          const owner = pick(OWNERS);
          const isTask = rand() < 0.75;
          const text = isTask
            ? `${item.title}：由${owner}牵头落实，两周内反馈`
            : `${item.title}：与会人员达成共识，按公约执行`;
          decided.push(text);
          decisions.push({
            id: decisionId,
            meetingId: id,
            agendaItemId: item.id,
            kind: isTask ? 'task' : 'resolution',
            text,
            caseId: null,
            createdBy: secretary?.userId ?? null,
            createdAt: endsAt,
          });
          if (isTask) {
            const due = new Date(endsAt.getTime() + (14 + Math.floor(rand() * 14)) * DAY);
            const dueOn = new Date(due.getTime() + 8 * HOUR).toISOString().slice(0, 10);
            const done =
              due.getTime() < at.getTime() - 20 * DAY
                ? rand() < 0.95
                : due < at
                  ? rand() < 0.6
                  : rand() < 0.3;
            const doneAt = done
              ? new Date(Math.min(at.getTime() - HOUR, endsAt.getTime() + Math.floor(rand() * 20 + 2) * DAY))
              : null;
            tasks.push({
              districtId,
              meetingId: id,
              decisionId,
              orgPath: p.row.orgPath,
              title: text.slice(0, 200),
              ownerName: owner,
              ownerUserId: null,
              dueOn,
              state: done ? 'done' : 'open',
              result: done ? '已按议定事项落实，居民满意' : null,
              doneAt,
              doneBy: null,
              createdAt: endsAt,
            });
          }
        }
      }
      meetings.push({
        id,
        districtId,
        bodyId: p.row.id,
        orgUnitId: p.row.orgUnitId,
        orgPath: p.row.orgPath,
        title: `${p.row.name}（${startsAt.getUTCMonth() + 1}月）`,
        venueId: p.venueId,
        startsAt,
        endsAt,
        state,
        minutesText: minuted
          ? `到会 ${who.length} 人。议题：${items.map((i) => i.title).join('；')}。议定：${decided.join('；')}。`
          : null,
        minutesDraftedBy: minuted ? (secretary?.userId ?? null) : null,
        minutesDraftedByName: minuted ? (secretary?.name ?? null) : null,
        minutesDraftedAt: minuted ? endsAt : null,
        minutesApprovedBy: approved ? (chair?.userId ?? null) : null,
        minutesApprovedByName: approved ? (chair?.name ?? null) : null,
        minutesApprovedAt: approved ? new Date(endsAt.getTime() + DAY) : null,
        attendanceSnapshot: minuted ? { count: who.length, names: who.map((w) => w.name) } : null,
        createdBy: staff.userId,
        createdAt: new Date(startsAt.getTime() - 7 * DAY),
        updatedAt: endsAt,
      });
      const ev = (action: string, from: string | null, to: string, t: Date, by = staff.displayName) =>
        events.push({
          meetingId: id,
          action,
          fromState: from,
          toState: to,
          actorUserId: null,
          actorName: by,
          note: null,
          at: t,
        });
      ev('schedule', null, 'scheduled', new Date(startsAt.getTime() - 7 * DAY));
      if (state !== 'scheduled') {
        ev('start', 'scheduled', 'in_session', startsAt, chair?.name);
        ev('end', 'in_session', 'minutes_draft', endsAt, secretary?.name);
      }
      if (approved)
        ev(
          'approve_minutes',
          'minutes_draft',
          'minutes_approved',
          new Date(endsAt.getTime() + DAY),
          chair?.name,
        );
      if (state === 'closed') ev('close', 'minutes_approved', 'closed', new Date(endsAt.getTime() + 2 * DAY));
    }
  }

  const chunks = async <T>(rows: T[], insert: (part: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
  };
  await tx.insert(deliberativeBody).values(plans.map((p) => p.row));
  await chunks(
    plans.flatMap((p) => p.members),
    (part) => tx.insert(bodyMember).values(part),
  );
  await chunks(meetings, (part) => tx.insert(meeting).values(part));
  await chunks(events, (part) => tx.insert(meetingEvent).values(part));
  await chunks(agenda, (part) => tx.insert(agendaItem).values(part));
  await chunks(attendance, (part) => tx.insert(meetingAttendance).values(part));
  await chunks(decisions, (part) => tx.insert(meetingDecision).values(part));
  await chunks(tasks, (part) => tx.insert(meetingTask).values(part));
  await recordAudit(
    { actor: staff, tx },
    {
      action: 'meetings.demo_seeded',
      subjectType: 'org_unit',
      subjectId: communityId,
      orgPath: community.path,
      orgUnitId: communityId,
      summary: `演示议事数据：议事主体 ${plans.length} 个，会议 ${meetings.length} 场，到会 ${attendance.length} 人次`,
    },
  );
  return { bodies: plans.length, meetings: meetings.length };
}

/**
 * Two more members of a compound's council who can sign in, each of a household other than the one
 * named and of each other: with 田先生 they are three households that vote on a council motion.
 */
export async function demoCouncilVoters(tx: Tx, compoundPath: string, exceptHouseholdId: string) {
  const rows = await execRows<{
    person_id: string;
    name: string;
    household_id: string;
    building_id: string;
    org_path: string;
  }>(
    tx,
    sql`select distinct on (h.id) p.id as person_id, p.name, h.id as household_id,
          h.building_id, h.org_path
        from body_member m
        join deliberative_body b on b.id = m.body_id
        join person p on p.id = m.person_id
        join household_member hm on hm.person_id = p.id
        join household h on h.id = hm.household_id
        where b.kind = 'compound_council' and b.org_path = ${compoundPath}
          and h.id <> ${exceptHouseholdId}
          and (p.birth_year is null or p.birth_year <= 2000)
        order by h.id, p.name`,
  );
  return rows
    .sort((x, y) => x.name.localeCompare(y.name, 'zh'))
    .slice(0, 2)
    .map((r) => ({
      personId: r.person_id,
      name: r.name,
      householdId: r.household_id,
      buildingId: r.building_id,
      orgPath: r.org_path,
    }));
}
