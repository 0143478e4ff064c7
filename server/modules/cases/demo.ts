import { sql } from 'drizzle-orm';
import type { CaseKind } from '../../../common/contracts/cases.ts';
import { execRows, type Tx } from '../../db/client.ts';
import { SYSTEM_ACTOR } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { DEFAULT_CATEGORIES } from './categories.ts';
import { caseEvent, caseWhistle, civicCase } from './schema.ts';

// A year of demo cases (2025-12 to 2026-11) in the four demo communities, written with bulk inserts,
// each with the timeline the state machine would have produced: every closed case has a resolution,
// every escalated one its whistles with report-in and result. 春熙社区's hazards are shaped like the
// seed ("2024年以来累计发现问题139个，自行解决17个，上报县级处理122个"): 139 found, 17 resolved locally,
// 122 whistled to departments (some still open), and the seed's 春熙街 case: 150 m of damaged road
// repaired by 区城市管理局 after the community whistled.
//
// Rules kept so the live journeys start clean: no case is reported by 田志明 or his household, and
// 幸福家园小区 (his compound) holds no open case, so his first report meets no "possible duplicate"; no
// points are touched (no claims).

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** mulberry32: the same demo year on every machine. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Who = { userId: string | null; name: string };
type Unit = { id: string; name: string; path: string; kind: string; parent_id: string | null };
type Resident = {
  id: string;
  name: string;
  tags: string[];
  household_id: string;
  building_id: string;
  org_path: string;
};

/** What departments are whistled for, by category (department codes of the demo district). */
const DEPARTMENTS_FOR: Record<string, string[]> = {
  stairwell_light: ['zhujian'],
  broken_bin: ['chengguan'],
  parking: ['jiaojing'],
  ebike_indoor_charging: ['xiaofang'],
  thrown_objects: ['gongan'],
  fire_lane_blocked: ['xiaofang'],
  damaged_road: ['chengguan'],
  illegal_building: ['chengguan', 'zhujian'],
  neighbour_dispute: ['gongan'],
  suggestion: ['zhujian'],
  livelihood: ['zhujian'],
  emergency: ['xiaofang'],
};

const TEXTS: Record<string, string[]> = {
  stairwell_light: ['单元楼道灯不亮，老人夜间上下楼不便', '楼道声控灯损坏多日', '地下室通道照明灯全部不亮'],
  broken_bin: ['小区门口垃圾桶破损，垃圾外溢', '分类垃圾桶盖子坏了，异味很重', '垃圾收集点桶体开裂'],
  parking: ['小区内车辆乱停，堵住单元出入口', '建议在空地增设停车位', '外来车辆占用小区车位'],
  ebike_indoor_charging: ['有住户把电动车推进楼道充电', '楼道内飞线给电动车充电', '电动车电池带回家中充电'],
  thrown_objects: ['楼上有人往下扔垃圾，差点砸到人', '高层窗台花盆摆放不稳，有坠落风险', '阳台向下泼水'],
  fire_lane_blocked: ['消防通道被私家车长期占用', '消防通道堆放杂物', '消防车登高面被占用'],
  damaged_road: ['小区主路路面塌陷，下雨积水', '人行道地砖破损松动', '小区出入口路面坑洼'],
  illegal_building: ['一楼住户私自搭建阳光房', '楼顶违规加盖彩钢房', '绿化带被圈占搭棚'],
  neighbour_dispute: ['楼上装修噪音扰民，协商未果', '邻居在公共区域堆放杂物引发矛盾', '宠物扰民引发邻里纠纷'],
  suggestion: ['建议增设老年人休息座椅', '建议在小区设置快递驿站', '建议开设四点半课堂'],
  livelihood: ['希望帮助申请高龄津贴', '反映自来水水压不足', '希望社区协调加装电梯'],
  emergency: ['楼道内电动车冒烟起火', '燃气管道疑似泄漏，有异味', '地下车库进水'],
};

const RESULTS: Record<string, string> = {
  zhujian: '督促物业维修到位，已复查',
  chengguan: '执法队到场处置，已恢复原状',
  xiaofang: '消防救援大队现场检查，隐患已清除',
  gongan: '民警上门调查处理，已教育警示',
  jiaojing: '交警到场疏导，违停车辆已移走并设置提示',
  shichang: '市场监管部门已责令整改',
};

type Plan =
  | 'local' // closed, resolved locally (rated)
  | 'local_unrated'
  | 'local_reopened' // rated low once, redone, closed
  | 'escalated' // whistled, closed
  | 'escalated_unrated'
  | 'open_reported'
  | 'open_checked'
  | 'open_queued'
  | 'open_dispatched'
  | 'open_in_progress'
  | 'open_whistled'
  | 'open_completed'
  | 'open_reopened'
  | 'invalid'
  | 'duplicate'
  | 'withdrawn';

type Spec = {
  community: number;
  kind: CaseKind;
  category: string;
  plan: Plan;
  at: Date;
  /** Fixed text and place (the 春熙街 case). */
  description?: string;
  address?: string;
  atCommunity?: boolean;
};

export async function seedDemoCases(
  tx: Tx,
  org: {
    districtId: string;
    communities: { id: string; path: string; name: string }[];
    departments: { id: string; code: string }[];
    tian: { personId: string; householdId: string; buildingId: string };
  },
): Promise<{ cases: number }> {
  const rand = rng(20251201);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

  const units = await execRows<Unit>(
    tx,
    sql`select id, name, path, kind, parent_id from org_unit
        where district_id = ${org.districtId} and kind in ('compound', 'building') order by name, path`,
  );
  const compoundsOf = (c: number) =>
    units.filter((u) => u.kind === 'compound' && u.path.startsWith(org.communities[c].path));
  const buildingsOf = (compoundId: string) => units.filter((u) => u.parent_id === compoundId);
  const tianCompound = units.find((u) => u.id === org.tian.buildingId)?.parent_id;
  const residents = await execRows<Resident>(
    tx,
    sql`select p.id, p.name, p.tags, hm.household_id, h.building_id, h.org_path
        from person p
        join household_member hm on hm.person_id = p.id
        join household h on h.id = hm.household_id
        where p.district_id = ${org.districtId} and p.phone is not null
          and p.id <> ${org.tian.personId} and h.id <> ${org.tian.householdId}
        order by p.id`,
  );
  const members = await execRows<{ id: string; name: string; org_path: string }>(
    tx,
    sql`select p.id, p.name, o.org_path from party_membership m
        join party_org o on o.id = m.party_org_id join person p on p.id = m.person_id
        where o.district_id = ${org.districtId} order by p.id`,
  );
  const workers = await execRows<{ building_id: string; user_id: string | null; name: string | null }>(
    tx,
    sql`select gb.building_id, g.worker_user_id as user_id, u.display_name as name
        from grid_building gb join grid g on g.id = gb.grid_id
        left join user_account u on u.id = g.worker_user_id
        where g.district_id = ${org.districtId}`,
  );
  const workerOf = new Map(workers.map((w) => [w.building_id, w]));
  const staffRows = await execRows<{ id: string; phone: string; display_name: string }>(
    tx,
    sql`select id, phone, display_name from user_account where phone in ('13900000003', '13900000004', '13900000008')`,
  );
  const userBy = (phone: string): Who | null => {
    const u = staffRows.find((r) => r.phone === phone);
    return u ? { userId: u.id, name: u.display_name } : null;
  };
  const staffOf = (c: number): Who =>
    (c === 0 ? userBy('13900000003') : c === 1 ? userBy('13900000004') : null) ?? {
      userId: null,
      name: `${org.communities[c].name}工作人员`,
    };
  const departments = await execRows<{ id: string; code: string; name: string }>(
    tx,
    sql`select id, code, name from department where district_id = ${org.districtId}`,
  );
  const deptStaff = (code: string): Who =>
    (code === 'chengguan' ? userBy('13900000008') : null) ?? {
      userId: null,
      name: `${departments.find((d) => d.code === code)?.name ?? ''}值班员`,
    };

  // ---- the plan of the year ----
  const specs: Spec[] = [];
  const START = Date.UTC(2025, 11, 1) - 8 * HOUR; // 2025-12-01 00:00 Shanghai
  const END = Date.UTC(2026, 10, 28) - 8 * HOUR; // reports until 2026-11-27 (Shanghai)
  const OPEN_FROM = Date.UTC(2026, 10, 1) - 8 * HOUR;
  // Cases awaiting their rating were completed lately: the 7-day window has not closed them yet.
  const RECENT = Date.UTC(2026, 10, 25) - 8 * HOUR;
  const when = (from = START, to = END) => {
    const t = from + rand() * (to - from);
    // Office-ish hours: 08:00–21:00 Shanghai.
    const d = new Date(t);
    const h = 8 + Math.floor(rand() * 13);
    return new Date(
      Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), h - 8, Math.floor(rand() * 60)),
    );
  };
  const hazardCats = DEFAULT_CATEGORIES.filter((c) => c.kinds.includes('hazard')).map((c) => c.code);
  const hazardWeights = [
    'ebike_indoor_charging',
    'ebike_indoor_charging',
    'fire_lane_blocked',
    'fire_lane_blocked',
    'thrown_objects',
    'illegal_building',
    'illegal_building',
    'damaged_road',
    'stairwell_light',
    'broken_bin',
    ...hazardCats,
  ];

  // 春熙社区 hazards: 139 found = 17 resolved locally + 122 whistled (10 of them still open).
  specs.push({
    community: 0,
    kind: 'hazard',
    category: 'damaged_road',
    plan: 'escalated',
    at: new Date(Date.UTC(2026, 4, 12, 1, 30)),
    description: '春熙街约150米路面破损、坑洼积水，行人和车辆通行不便，居民多次反映',
    address: '春熙街（春熙社区段）',
    atCommunity: true,
  });
  for (let i = 0; i < 17; i++)
    specs.push({
      community: 0,
      kind: 'hazard',
      category: pick(hazardWeights),
      plan: i % 8 === 3 ? 'local_reopened' : 'local',
      at: when(),
    });
  for (let i = 0; i < 111; i++)
    specs.push({
      community: 0,
      kind: 'hazard',
      category: pick(hazardWeights),
      plan: i % 15 === 7 ? 'escalated_unrated' : 'escalated',
      at: when(),
    });
  for (let i = 0; i < 10; i++)
    specs.push({
      community: 0,
      kind: 'hazard',
      category: pick(hazardWeights),
      plan: i < 7 ? 'open_whistled' : 'open_completed',
      at: when(i < 7 ? OPEN_FROM : RECENT),
    });
  // Reports set aside do not count as found.
  for (const plan of ['invalid', 'invalid', 'duplicate', 'withdrawn'] as const)
    specs.push({ community: 0, kind: 'hazard', category: pick(hazardWeights), plan, at: when() });

  // Everything else: demands, suggestions, disputes, emergencies everywhere; hazards in B, C, D.
  const mix: { kind: CaseKind; cats: string[]; n: number[]; escalate: number }[] = [
    {
      kind: 'demand',
      cats: ['livelihood', 'livelihood', 'parking', 'stairwell_light', 'broken_bin', 'damaged_road'],
      n: [64, 46, 38, 34],
      escalate: 0.15,
    },
    { kind: 'suggestion', cats: ['suggestion', 'suggestion', 'parking'], n: [22, 15, 12, 10], escalate: 0.1 },
    {
      kind: 'dispute',
      cats: ['neighbour_dispute', 'neighbour_dispute', 'parking', 'thrown_objects'],
      n: [18, 14, 10, 9],
      escalate: 0.25,
    },
    { kind: 'emergency', cats: ['emergency', 'fire_lane_blocked'], n: [4, 3, 2, 2], escalate: 0.5 },
    { kind: 'hazard', cats: hazardWeights, n: [0, 40, 32, 28], escalate: 0.6 },
  ];
  const OPEN_PLANS: Plan[] = [
    'open_reported',
    'open_checked',
    'open_queued',
    'open_dispatched',
    'open_in_progress',
    'open_whistled',
    'open_completed',
    'open_reopened',
  ];
  for (const m of mix)
    m.n.forEach((n, community) => {
      for (let i = 0; i < n; i++) {
        const r = rand();
        const open = r < 0.09;
        // 春熙社区 keeps no report waiting for its grid check: the live journey's check queue starts empty.
        const plan: Plan = open
          ? pick(community === 0 ? OPEN_PLANS.slice(1) : OPEN_PLANS)
          : r < 0.12
            ? pick(['invalid', 'duplicate', 'withdrawn'] as const)
            : rand() < m.escalate
              ? rand() < 0.9
                ? 'escalated'
                : 'escalated_unrated'
              : pick([
                  'local',
                  'local',
                  'local',
                  'local',
                  'local',
                  'local',
                  'local_unrated',
                  'local_reopened',
                ] as const);
        specs.push({
          community,
          kind: m.kind,
          category: pick(m.cats),
          plan,
          at: open ? when(plan === 'open_completed' ? RECENT : OPEN_FROM) : when(),
        });
      }
    });
  specs.sort((a, b) => a.at.getTime() - b.at.getTime());

  // ---- write them ----
  const caseRows: (typeof civicCase.$inferInsert)[] = [];
  const events: (typeof caseEvent.$inferInsert)[] = [];
  const whistleRows: (typeof caseWhistle.$inferInsert)[] = [];
  const openIn = new Map<number, string[]>(); // community → open case ids, for duplicates
  const NOW = Date.UTC(2026, 10, 29, 12) - 8 * HOUR;

  for (const s of specs) {
    const community = org.communities[s.community];
    const compounds = compoundsOf(s.community);
    const isOpen = s.plan.startsWith('open_');
    // 田志明's compound (the first of 春熙社区) holds no open case: his live report meets no duplicate.
    const compound = isOpen ? pick(compounds.filter((c) => c.id !== tianCompound)) : pick(compounds);
    const building = pick(buildingsOf(compound.id));
    const place: Unit | { id: string; path: string } = s.atCommunity
      ? community
      : ['damaged_road', 'fire_lane_blocked', 'illegal_building', 'parking'].includes(s.category) &&
          rand() < 0.6
        ? compound
        : building;
    const locals = residents.filter((r) => r.org_path === building.path);
    const reporterP = pick(
      locals.length ? locals : residents.filter((r) => r.org_path.startsWith(community.path)),
    );
    const worker = workerOf.get(building.id);
    const grid: Who = { userId: worker?.user_id ?? null, name: worker?.name ?? '网格员' };
    const byWorker = rand() < 0.25;
    const reporter: Who = byWorker ? grid : { userId: null, name: reporterP.name };
    const cat = DEFAULT_CATEGORIES.find((c) => c.code === s.category)!;
    const staff = staffOf(s.community);
    const id = crypto.randomUUID();
    let t = s.at.getTime();
    // Each step moves on in time, never past the demo's "now" (late cases get a brisk timeline).
    const step = (minH: number, maxH: number) => {
      const prev = t;
      t += (minH + rand() * (maxH - minH)) * HOUR;
      if (t > NOW) t = prev + Math.max(0, NOW - prev) * (0.2 + 0.3 * rand());
      return new Date(t);
    };
    let state = 'reported';
    const ev = (action: string, to: string, who: Who, note: string | null, at: Date) => {
      events.push({
        caseId: id,
        action,
        fromState: action === 'report' ? null : state,
        toState: to,
        actorUserId: who.userId,
        actorName: who.name,
        note,
        photoIds: [],
        at,
      });
      state = to;
    };
    const row: typeof civicCase.$inferInsert = {
      id,
      districtId: org.districtId,
      communityId: community.id,
      orgUnitId: place.id,
      orgPath: place.path,
      householdId: byWorker ? null : reporterP.household_id,
      kind: s.kind,
      categoryCode: cat.code,
      categoryName: cat.name,
      description: s.description ?? `${pick(TEXTS[cat.code] ?? ['请尽快处理'])}`,
      photoIds: [],
      address: s.address ?? null,
      anonymous: !byWorker && rand() < 0.05,
      reporterUserId: reporter.userId,
      reporterPersonId: byWorker ? null : reporterP.id,
      reporterName: reporter.name,
      reportedVia: byWorker
        ? 'grid_worker'
        : reporterP.tags.includes('party_member')
          ? 'party_member'
          : 'resident',
      state: 'reported',
      checkDueAt: new Date(t + cat.checkHours * HOUR),
      rateDays: cat.rateDays,
      createdAt: new Date(t),
    };
    ev('report', 'reported', reporter, null, new Date(t));
    const finish = () => {
      row.state = state;
      row.updatedAt = new Date(t);
      caseRows.push(row);
      if (isOpen) openIn.set(s.community, [...(openIn.get(s.community) ?? []), id]);
    };
    if (s.plan === 'open_reported') {
      finish();
      continue;
    }
    if (s.plan === 'withdrawn') {
      ev('withdraw', 'withdrawn', reporter, '问题已自行解决', step(1, 6));
      finish();
      continue;
    }
    row.checkedBy = grid.userId;
    if (s.plan === 'invalid') {
      ev('check_invalid', 'invalid', grid, '经现场核实，情况不属实', step(2, 20));
      finish();
      continue;
    }
    if (s.plan === 'duplicate') {
      const target = caseRows
        .filter((c) => c.communityId === community.id && c.categoryCode === cat.code)
        .at(-1);
      if (target) {
        row.duplicateOfId = target.id!;
        ev(
          'check_duplicate',
          'duplicate',
          grid,
          `与已有事项重复：${target.description.slice(0, 30)}`,
          step(2, 20),
        );
      } else ev('check_invalid', 'invalid', grid, '经现场核实，情况不属实', step(2, 20));
      finish();
      continue;
    }
    ev('check_valid', 'checked', grid, null, step(1, cat.checkHours * 0.8));
    if (s.plan === 'open_checked') {
      finish();
      continue;
    }
    const escalates =
      ['escalated', 'escalated_unrated', 'open_whistled'].includes(s.plan) ||
      (s.plan === 'open_completed' && s.kind === 'hazard' && s.community === 0);
    const level =
      escalates || s.kind === 'emergency'
        ? 'community'
        : pick(['building', 'compound', 'compound', 'community'] as const);
    row.matterLevel = level;
    ev('classify', 'queued', staff, null, step(1, 8));
    if (s.plan === 'open_queued') {
      finish();
      continue;
    }
    const rate = (rating: number, who: Who) => {
      row.rating = rating;
      row.ratingComment =
        rating >= 4
          ? pick(['处理及时，很满意', '感谢社区', '问题解决了', null])
          : rating === 3
            ? '基本解决'
            : '还没有彻底解决';
      ev('rate', rating <= 2 ? 'reopened' : 'closed', who, `评分 ${rating}`, step(2, 72));
    };
    const goodRating = () => (rand() < 0.7 ? 5 : rand() < 0.85 ? 4 : 3);
    const closeNow = (resolution: 'resolved_locally' | 'escalated', unrated: boolean) => {
      const rateBy = (row.completedAt as Date).getTime() + cat.rateDays * DAY;
      if (unrated && rateBy < NOW) {
        t = Math.max(t, rateBy);
        ev('close_unrated', 'closed', SYSTEM_ACTOR_WHO, '评价期满未评价，自动结案', new Date(t));
        row.closeReason = 'unrated';
      } else {
        rate(goodRating(), reporter);
        row.closeReason = 'rated';
      }
      row.closedAt = new Date(t);
      row.resolution = resolution;
    };

    if (escalates) {
      const codes =
        s.category === 'damaged_road' && s.atCommunity
          ? ['chengguan']
          : (DEPARTMENTS_FOR[cat.code] ?? ['zhujian']);
      const ds = codes.map((c) => departments.find((d) => d.code === c)!).filter(Boolean);
      const whistledAt = step(2, 48);
      const summary = s.atCommunity
        ? '春熙街150米路面破损，请区城管局牵头修复'
        : `${cat.name}：${row.description}`.slice(0, 80);
      const deadline = new Date(whistledAt.getTime() + Math.max(cat.resolveHours, 168) * HOUR);
      ev('whistle', 'whistled', staff, `吹哨：${ds.map((d) => d.name).join('、')}；${summary}`, whistledAt);
      const stillOpen = s.plan === 'open_whistled';
      for (const [k, d] of ds.entries()) {
        const w: typeof caseWhistle.$inferInsert = {
          caseId: id,
          districtId: org.districtId,
          orgPath: row.orgPath,
          departmentId: d.id,
          departmentName: d.name,
          summary,
          deadline,
          respondDueAt: new Date(whistledAt.getTime() + cat.respondHours * HOUR),
          state: 'whistled',
          whistledBy: staff.userId,
          createdAt: whistledAt,
        };
        const who = deptStaff(d.code);
        // Open whistles: the first reported in, a later one may still wait; none is overdue unescalated.
        if (!stillOpen || k === 0) {
          const inAt = step(0.5, cat.respondHours * 0.9);
          Object.assign(w, { state: 'reported_in', reportedInBy: who.userId, reportedInAt: inAt });
          ev('report_in', 'whistled', who, `${d.name} 报到`, inAt);
        }
        if (!stillOpen) {
          const doneAt = step(12, 120);
          const action = s.atCommunity ? '组织施工队铣刨重铺春熙街150米破损路面' : '现场核查并督促整改';
          const result = s.atCommunity ? '联动区城管局修复春熙街150米破损路面，已通车' : RESULTS[d.code];
          Object.assign(w, {
            state: 'resolved',
            actionTaken: action,
            result,
            resolvedBy: who.userId,
            resolvedAt: doneAt,
          });
          ev('department_result', 'whistled', who, `${d.name}：${action}；结果：${result}`, doneAt);
        } else if (w.state === 'whistled') {
          // Not reported in by its response time: the scheduler escalated it to the subdistrict.
          const late = w.respondDueAt as Date;
          Object.assign(w, { escalatedAt: late, escalatedToId: community.path.split('/')[2] });
          row.escalatedAt = late;
          events.push({
            caseId: id,
            action: 'escalate',
            fromState: 'whistled',
            toState: 'whistled',
            actorUserId: null,
            actorName: SYSTEM_ACTOR.displayName,
            note: `${d.name}超时未报到，已上报街道`,
            photoIds: [],
            at: late,
          });
        } else if (deadline.getTime() < NOW) {
          // Past its deadline: the scheduler escalated it to the subdistrict already.
          Object.assign(w, { escalatedAt: deadline, escalatedToId: community.path.split('/')[2] });
          row.escalatedAt = deadline;
          events.push({
            caseId: id,
            action: 'escalate',
            fromState: 'whistled',
            toState: 'whistled',
            actorUserId: null,
            actorName: SYSTEM_ACTOR.displayName,
            note: `${d.name}超过办结期限，已上报街道`,
            photoIds: [],
            at: deadline,
          });
        }
        whistleRows.push(w);
      }
      if (stillOpen) {
        finish();
        continue;
      }
      row.completedAt = new Date(t);
      ev('departments_done', 'completed', SYSTEM_ACTOR_WHO, '各部门均已办结，请报事人评价', new Date(t));
      if (s.plan === 'open_completed') {
        finish();
        continue;
      }
      closeNow('escalated', s.plan === 'escalated_unrated');
      finish();
      continue;
    }

    // Handled locally: dispatched to a party member, the property company, a volunteer team.
    const dispatch = () => {
      const local = members.filter((m) => m.org_path.startsWith(community.path));
      const kind =
        rand() < 0.55 && local.length ? 'party_member' : rand() < 0.6 ? 'property_company' : 'volunteer_team';
      const member = kind === 'party_member' ? pick(local) : null;
      const name =
        member?.name ??
        (kind === 'property_company' ? `${compound.name}物业服务中心` : `${community.name}志愿服务队`);
      Object.assign(row, {
        dispatcherUserId: staff.userId,
        assigneeType: kind,
        assigneePersonId: member?.id ?? null,
        assigneeRef: member?.id ?? null,
        assigneeName: name,
      });
      const at = step(1, 24);
      row.acceptDueAt = new Date(at.getTime() + cat.acceptHours * HOUR);
      ev('dispatch', 'dispatched', staff, `派单给 ${name}`, at);
      return { userId: null, name } as Who;
    };
    let assignee = dispatch();
    if (s.plan === 'open_dispatched') {
      finish();
      continue;
    }
    const work = (final: boolean) => {
      const at = step(0.5, cat.acceptHours * 0.8);
      row.resolveDueAt = new Date(at.getTime() + cat.resolveHours * HOUR);
      ev('accept', 'in_progress', assignee, null, at);
      if (!final) return;
      if (rand() < 0.4) ev('progress', 'in_progress', assignee, '已到现场查看，正在协调处理', step(2, 24));
      row.completedAt = step(4, Math.min(cat.resolveHours, 96));
      ev('complete', 'completed', assignee, '已处理完毕，请评价', row.completedAt as Date);
    };
    if (s.plan === 'open_in_progress') {
      work(false);
      finish();
      continue;
    }
    work(true);
    if (s.plan === 'open_completed') {
      finish();
      continue;
    }
    if (s.plan === 'local_reopened' || s.plan === 'open_reopened') {
      rate(rand() < 0.5 ? 1 : 2, reporter);
      Object.assign(row, {
        assigneeType: null,
        assigneePersonId: null,
        assigneeRef: null,
        assigneeName: null,
        acceptDueAt: null,
        resolveDueAt: null,
        completedAt: null,
      });
      events[events.length - 1].note = `${events[events.length - 1].note}，退回派单人重新办理`;
      if (s.plan === 'open_reopened') {
        finish();
        continue;
      }
      assignee = dispatch();
      work(true);
    }
    closeNow('resolved_locally', s.plan === 'local_unrated');
    finish();
  }

  for (let i = 0; i < caseRows.length; i += 400)
    await tx.insert(civicCase).values(caseRows.slice(i, i + 400));
  for (let i = 0; i < events.length; i += 1000) await tx.insert(caseEvent).values(events.slice(i, i + 1000));
  for (let i = 0; i < whistleRows.length; i += 500)
    await tx.insert(caseWhistle).values(whistleRows.slice(i, i + 500));
  await recordAudit(
    { actor: SYSTEM_ACTOR, tx },
    {
      action: 'cases.demo_seeded',
      subjectType: 'org_unit',
      subjectId: org.districtId,
      orgPath: `/${org.districtId}/`,
      orgUnitId: org.districtId,
      summary: `演示数据：一年的群众诉求事项 ${caseRows.length} 件`,
    },
  );
  return { cases: caseRows.length };
}

const SYSTEM_ACTOR_WHO: Who = { userId: null, name: SYSTEM_ACTOR.displayName };
