import { sql } from 'drizzle-orm';
import { execRows, type Tx } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/access.ts';
import { loadOrgUnit } from '../org/index.ts';
import type { ProjectCategory } from '../../../common/contracts/projects.ts';
import {
  livelihoodProject,
  projectMilestone,
  projectPlan,
  projectRating,
  projectUpdate,
  type TaskForceMember,
} from './schema.ts';

// The demo's 2026 list for 春熙社区: 100 暖心实项目 across the categories, deadlines spread over the
// year, about three in four done by the end of November, some overdue, many rated; and three
// 一事一策 task forces. Deterministic, bulk inserts only, so the seed stays fast.

const YEAR = 2026;
/** The demo's "today": projects due before it are done or overdue. */
const DEMO_CUTOFF = '2026-11-20';

const TEMPLATES: Record<ProjectCategory, string[]> = {
  service: [
    '{c}高龄老人助餐送餐服务',
    '{c}“15分钟便民服务圈”家电义修点',
    '{c}便民理发进小区',
    '社区政务服务“帮办代办”窗口',
    '{c}独居老人智能呼叫设备安装',
    '新就业群体“暖心驿站”建设',
    '{c}残疾人家庭上门代办服务',
    '{c}“邻里帮帮团”志愿服务',
  ],
  environment: [
    '{c}楼道杂物清理整治',
    '{c}垃圾分类投放点改造',
    '{c}绿化补植与口袋公园',
    '{c}背街小巷环境卫生整治',
    '{c}雨污管网疏通',
    '{c}飞线充电清理',
    '{c}外墙小广告清理',
    '{c}化粪池清掏',
  ],
  facility: [
    '{c}楼道声控灯更换',
    '{c}电动自行车集中充电桩建设',
    '{c}老旧单元门禁更新',
    '{c}无障碍坡道改造',
    '{c}停车位划线与道闸改造',
    '{c}健身器材维修更新',
    '{c}屋面防水维修',
    '{c}二次供水设施改造',
  ],
  culture: [
    '“邻里节”社区文化活动',
    '{c}广场舞队伍培育',
    '社区书屋周末开放',
    '“我们的节日”传统文化进小区',
    '{c}家风家训宣讲',
  ],
  safety: [
    '{c}消防通道清障与标识',
    '{c}高空抛物监控安装',
    '{c}微型消防站物资补充',
    '防诈骗宣传进楼栋',
    '{c}夜间巡逻志愿队组建',
  ],
  elderly_child: ['“四点半课堂”课后托管', '{c}老年人智能手机培训', '暑期儿童托管班', '{c}适老化改造入户评估'],
  employment: ['社区就业技能培训班', '“家门口”招聘会', '灵活就业人员社保政策宣讲'],
};
const CATEGORY_ORDER: ProjectCategory[] = [
  'service',
  'environment',
  'facility',
  'service',
  'environment',
  'culture',
  'safety',
  'facility',
  'elderly_child',
  'employment',
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖';
const GIVEN = [
  '建国',
  '秀兰',
  '志强',
  '丽华',
  '海燕',
  '国庆',
  '红梅',
  '晓东',
  '春燕',
  '文斌',
  '玉兰',
  '德明',
];
const MILESTONES = ['制定实施方案', '组织实施', '验收并公示'];

const pad = (n: number) => String(n).padStart(2, '0');
function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
/** 10:00 Asia/Shanghai on a calendar date. */
const at = (date: string) => new Date(`${date}T02:00:00Z`);

export async function seedDemoProjects(tx: Tx, communityId: string, staff: Actor) {
  const community = await loadOrgUnit(tx, communityId);
  const compounds = await execRows<{ name: string }>(
    tx,
    sql`select name from org_unit where kind = 'compound' and path like ${`${community.path}%`} order by name`,
  );
  const partners = await execRows<{ id: string; name: string }>(
    tx,
    sql`select id, name from partner_unit where org_path like ${`${community.path}%`} order by name`,
  );
  const departments = await execRows<{ id: string; name: string }>(
    tx,
    sql`select id, name from department where district_id = ${community.districtId} order by code`,
  );
  const residents = await execRows<{ id: string }>(
    tx,
    sql`select distinct p.id from person p
        join household_member m on m.person_id = p.id
        join household h on h.id = m.household_id
        where h.org_path like ${`${community.path}%`} and coalesce(p.phone, '') <> '13900000007'
        order by p.id limit 60`,
  );
  const own = [
    { name: `${community.name}居委会`, partnerUnitId: null, departmentId: null },
    { name: `${community.name}党委`, partnerUnitId: null, departmentId: null },
    { name: '物业服务中心', partnerUnitId: null, departmentId: null },
  ];
  const units = [
    ...own,
    ...partners.map((p) => ({ name: p.name, partnerUnitId: p.id, departmentId: null })),
    ...departments.map((d) => ({ name: d.name, partnerUnitId: null, departmentId: d.id })),
  ];

  const rows: (typeof livelihoodProject.$inferInsert)[] = [];
  const used = new Set<string>();
  for (let i = 0; i < 100; i++) {
    const category = CATEGORY_ORDER[i % CATEGORY_ORDER.length];
    const templates = TEMPLATES[category];
    let title = '';
    const n = Math.max(1, compounds.length);
    for (let k = 0; k < templates.length * n; k++) {
      const tpl = templates[(i + k) % templates.length];
      const c = compounds.length
        ? compounds[(Math.floor(i / templates.length) + Math.floor(k / templates.length)) % n].name
        : '';
      // Templates naming no compound say which one in brackets.
      title = tpl.includes('{c}') ? tpl.replace('{c}', c) : c ? `${tpl}（${c}）` : tpl;
      if (!used.has(title)) break;
    }
    if (used.has(title)) title = `${title}（${i + 1}）`;
    used.add(title);
    const month = 1 + Math.floor((i * 12) / 100);
    const day = 3 + ((i * 7) % 25);
    // A few fall due in the first days of December: the weekly board of 30 November has them.
    const deadline = i >= 96 ? `${YEAR}-12-0${i - 94}` : `${YEAR}-${pad(month)}-${pad(day)}`;
    const unit = units[(i * 5) % units.length];
    const budgetFen = (2 + ((i * 37) % 48)) * 100_000;
    const overdue = deadline < DEMO_CUTOFF && i % 6 === 3;
    const done = deadline < DEMO_CUTOFF && !overdue;
    const late = done && i % 11 === 0;
    const doneDate = late ? shiftDate(deadline, 3) : shiftDate(deadline, -(i % 9));
    const future = deadline >= DEMO_CUTOFF;
    const state = done ? 'done' : future && i % 2 === 0 ? 'planned' : 'in_progress';
    rows.push({
      districtId: community.districtId,
      orgUnitId: community.id,
      orgPath: community.path,
      year: YEAR,
      number: i + 1,
      title,
      category,
      description: `${title}，由${unit.name}牵头，${YEAR}年${Number(deadline.slice(5, 7))}月底前完成。`,
      responsibleUnit: unit.name,
      partnerUnitId: unit.partnerUnitId,
      departmentId: unit.departmentId,
      leadName: `${SURNAMES[(i * 7) % SURNAMES.length]}${GIVEN[(i * 5) % GIVEN.length]}`,
      deadline,
      budgetFen,
      spentFen: done
        ? Math.round((budgetFen * (85 + (i % 15))) / 100)
        : state === 'in_progress'
          ? Math.round(budgetFen * 0.4)
          : 0,
      state,
      startedAt: state === 'planned' ? null : at(shiftDate(deadline, -60)),
      doneAt: done ? at(doneDate) : null,
    });
  }
  const projects = await tx.insert(livelihoodProject).values(rows).returning();

  const milestones: (typeof projectMilestone.$inferInsert)[] = [];
  const updates: (typeof projectUpdate.$inferInsert)[] = [];
  const ratings: (typeof projectRating.$inferInsert)[] = [];
  for (const [i, p] of projects.entries()) {
    MILESTONES.forEach((title, k) => {
      const due = shiftDate(p.deadline, -40 + k * 20);
      const isDone = p.state === 'done' || (p.state === 'in_progress' && k === 0);
      milestones.push({
        projectId: p.id,
        seq: k + 1,
        title,
        ownerName: p.leadName,
        dueDate: due,
        doneAt: isDone ? at(k === 2 && p.doneAt ? p.doneAt.toISOString().slice(0, 10) : due) : null,
      });
    });
    if (p.startedAt)
      updates.push({
        projectId: p.id,
        action: 'start',
        note: '项目开工，实施方案已在小区公示栏张贴',
        actorUserId: staff.userId,
        actorName: staff.displayName,
        at: p.startedAt,
      });
    if (p.state === 'in_progress')
      updates.push({
        projectId: p.id,
        action: 'progress',
        note: '完成约四成工程量，下周继续推进',
        spentFen: p.spentFen,
        actorUserId: staff.userId,
        actorName: staff.displayName,
        at: new Date(p.startedAt!.getTime() + 20 * 86_400_000),
      });
    if (p.state === 'done') {
      updates.push({
        projectId: p.id,
        action: 'complete',
        note: '项目完成验收，居民代表参与现场评议',
        spentFen: p.spentFen,
        actorUserId: staff.userId,
        actorName: staff.displayName,
        at: p.doneAt!,
      });
      // Most finished projects have a few residents' ratings.
      if (i % 3 !== 2 && residents.length) {
        const n = 2 + (i % 5);
        for (let k = 0; k < n; k++) {
          const who = residents[(i * 7 + k * 3) % residents.length];
          if (ratings.some((r) => r.projectId === p.id && r.personId === who.id)) continue;
          ratings.push({
            projectId: p.id,
            personId: who.id,
            score: [5, 4, 5, 3, 5, 4][(i + k) % 6],
            comment: ['办得实在，点赞！', '效果不错', '希望长期坚持', '还可以更细致一些', ''][(i + k) % 5],
            createdAt: new Date(p.doneAt!.getTime() + (k + 1) * 86_400_000),
          });
        }
      }
    }
  }

  const plans = await tx
    .insert(projectPlan)
    .values(
      PLANS.map((p) => ({
        districtId: community.districtId,
        orgUnitId: community.id,
        orgPath: community.path,
        title: p.title,
        problem: p.problem,
        goal: p.goal,
        taskForce: p.taskForce,
        state: p.state,
        publishedAt: at(p.milestones[0][1]),
        doneAt: p.state === 'done' ? at(p.milestones[p.milestones.length - 1][1]) : null,
        createdBy: staff.userId,
        createdAt: at(shiftDate(p.milestones[0][1], -14)),
      })),
    )
    .returning();
  for (const [i, plan] of plans.entries()) {
    PLANS[i].milestones.forEach(([title, due, owner, isDone], k) => {
      milestones.push({
        planId: plan.id,
        seq: k + 1,
        title,
        ownerName: owner,
        dueDate: due,
        doneAt: isDone ? at(due) : null,
      });
      if (isDone)
        updates.push({
          planId: plan.id,
          action: 'progress',
          note: `已完成：${title}`,
          actorUserId: staff.userId,
          actorName: staff.displayName,
          at: at(due),
        });
    });
  }
  await tx.insert(projectMilestone).values(milestones);
  await tx.insert(projectUpdate).values(updates);
  if (ratings.length) await tx.insert(projectRating).values(ratings);
  await recordAudit(
    { actor: staff, tx },
    {
      action: 'projects.demo_seeded',
      subjectType: 'org_unit',
      subjectId: community.id,
      orgPath: community.path,
      orgUnitId: community.id,
      summary: `演示数据：${community.name}${YEAR}年暖心实项目 ${projects.length} 个，一事一策 ${plans.length} 个`,
    },
  );
  return { projectIds: projects.map((p) => p.id), planIds: plans.map((p) => p.id) };
}

const official = (name: string, unit: string, role: string): TaskForceMember => ({
  name,
  unit,
  role,
  kind: 'official',
  userId: null,
  personId: null,
});
const resident = (name: string, role: string): TaskForceMember => ({
  name,
  unit: '居民代表',
  role,
  kind: 'resident',
  userId: null,
  personId: null,
});

const PLANS: {
  title: string;
  problem: string;
  goal: string;
  state: 'published' | 'done';
  taskForce: TaskForceMember[];
  milestones: [string, string, string, boolean][];
}[] = [
  {
    title: '老旧小区停车难专班',
    problem:
      '幸福家园小区建成于1998年，仅有地面车位86个，登记车辆超过240辆，夜间消防通道被占用，邻里纠纷多发，多年来反复投诉。',
    goal: '挖潜新增车位120个，错时共享周边单位车位60个，消防通道全天畅通，停车纠纷投诉下降八成。',
    state: 'published',
    taskForce: [
      official('孙社工', '春熙社区党委', '专班组长'),
      official('郑城管', '区城市管理局', '执法保障'),
      official('刘建华', '幸福家园物业服务中心', '车位施划'),
      resident('田志明', '居民代表'),
      resident('王秀兰', '业委会代表'),
    ],
    milestones: [
      ['摸排车辆与车位底数', '2026-03-15', '孙社工', true],
      ['召开居民议事会确定方案', '2026-04-30', '孙社工', true],
      ['施划新增车位与道闸改造', '2026-08-31', '刘建华', true],
      ['签订周边单位错时共享协议', '2026-11-15', '孙社工', false],
      ['消防通道常态化巡查', '2026-12-31', '郑城管', false],
    ],
  },
  {
    title: '高空抛物治理专班',
    problem: '阳光花园3栋、5栋多次发生高空抛物，2025年有车辆被砸，居民安全感下降。',
    goal: '重点楼栋仰拍监控全覆盖，建立楼栋长巡查和宣传机制，全年零高空抛物伤人事件。',
    state: 'done',
    taskForce: [
      official('孙社工', '春熙社区党委', '专班组长'),
      official('陈警官', '平顶山派出所', '案件查处'),
      resident('李海燕', '楼栋长'),
    ],
    milestones: [
      ['安装仰拍监控', '2026-04-30', '陈警官', true],
      ['入户宣传与签订承诺书', '2026-06-30', '李海燕', true],
      ['半年回头看', '2026-10-31', '孙社工', true],
    ],
  },
  {
    title: '历史遗留产权问题专班',
    problem: '锦绣苑因开发商破产，132户居民入住十余年仍未办理不动产权证，影响子女入学和房屋交易。',
    goal: '梳理历史档案，协调住建、自然资源部门分类处置，年内为首批不少于60户办理不动产权证。',
    state: 'published',
    taskForce: [
      official('钱街道', '平顶山街道', '统筹协调'),
      official('孙社工', '春熙社区党委', '专班组长'),
      official('周律师', '明理律师事务所', '法律顾问'),
      resident('赵国庆', '业主代表'),
    ],
    milestones: [
      ['调取历史档案并逐户建档', '2026-05-31', '孙社工', true],
      ['住建、自然资源部门联席会', '2026-07-31', '钱街道', true],
      ['首批60户资料会审', '2026-10-31', '周律师', false],
      ['首批办证', '2026-12-31', '钱街道', false],
    ],
  },
];
