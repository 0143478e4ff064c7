import { eq, sql } from 'drizzle-orm';
import { execRows, type Tx } from '../../db/client.ts';
import { type Actor, SYSTEM_ACTOR } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext } from '../../platform/context.ts';
import { loadMotion, move } from './motions.ts';
import { voteBallot, voteCount, voteElector, voteMotion } from './schema.ts';

// A year of 春熙社区's votes: an art. 278 major decision on 幸福家园's maintenance funds, a simple
// majority on parking in 阳光花园, a community-wide participation-quorum vote, and one open vote on
// 幸福家园's parking that 田先生's household (and the demo residents) can still cast.

const DAY = 86_400_000;

/** Deterministic choices: household k of n votes for option pick(k) or not at all. */
type Plan = { turnout: number; shares: number[] };

type Spec = {
  compound: string | null;
  title: string;
  description: string;
  rule: 'simple_majority' | 'participation_quorum' | 'art278_general' | 'art278_major';
  quorum?: [number, number];
  options?: string[];
  secret?: boolean;
  openedDaysAgo: number;
  days: number;
  plan: Plan;
  /** Leave open (not closed, not published). */
  open?: boolean;
};

const SPECS: Spec[] = [
  {
    compound: '幸福家园小区',
    title: '使用专项维修资金更换1-5号楼电梯',
    description:
      '1-5号楼电梯已运行18年，故障频发。拟申请使用专项维修资金约86万元更换10部电梯，按民法典第二百七十八条由业主共同决定（重大事项）。',
    rule: 'art278_major',
    secret: true,
    openedDaysAgo: 300,
    days: 14,
    plan: { turnout: 0.86, shares: [0.84, 0.1, 0.06] },
  },
  {
    compound: '阳光花园',
    title: '小区地面停车位划线及错峰停车方案',
    description: '在小区东侧空地新划停车位24个，夜间向周边居民错峰开放，收入用于小区公共设施维护。',
    rule: 'simple_majority',
    openedDaysAgo: 200,
    days: 10,
    plan: { turnout: 0.62, shares: [0.58, 0.3, 0.12] },
  },
  {
    compound: null,
    title: '2026年度社区“暖心实项目”优先顺序',
    description: '从居民议事会征集的项目中，选出明年优先实施的一项。',
    rule: 'participation_quorum',
    quorum: [1, 3],
    options: ['加装楼道扶手', '增设充电桩', '改造儿童游乐场'],
    openedDaysAgo: 90,
    days: 14,
    plan: { turnout: 0.41, shares: [0.52, 0.33, 0.15] },
  },
  {
    compound: '幸福家园小区',
    title: '幸福家园小区停车收费与车位分配方案',
    description:
      '物业拟按“先业主、后租户”分配地面车位，月租150元，收入的70%进入小区公共收益账户。请各户表决（一户一票，参与户数过半后以多数决定）。',
    rule: 'participation_quorum',
    quorum: [1, 2],
    openedDaysAgo: 2,
    // A month to vote: households away over a posting cycle still get their say.
    days: 30,
    plan: { turnout: 0.3, shares: [0.6, 0.3, 0.1] },
    open: true,
  },
];

function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDemoVotes(
  tx: Tx,
  ids: { communityId: string; tianHouseholdId: string },
  staff: Actor,
): Promise<{ openMotionId: string }> {
  const rand = rng(6278);
  const at = now();
  const [community] = await execRows<{ id: string; path: string; district_id: string }>(
    tx,
    sql`select id, path, district_id from org_unit where id = ${ids.communityId}`,
  );
  const compounds = await execRows<{ id: string; name: string; path: string }>(
    tx,
    sql`select id, name, path from org_unit where parent_id = ${ids.communityId} and kind = 'compound'`,
  );
  let openMotionId = '';
  for (const s of SPECS) {
    const scope = s.compound ? compounds.find((c) => c.name === s.compound)! : community;
    const opened = new Date(at.getTime() - s.openedDaysAgo * DAY);
    const closes = new Date(opened.getTime() + s.days * DAY);
    const options = s.options ?? ['同意', '反对', '弃权'];
    const [m] = await tx
      .insert(voteMotion)
      .values({
        districtId: community.district_id,
        orgUnitId: scope.id,
        orgPath: scope.path,
        title: s.title,
        description: s.description,
        options,
        rule: s.rule,
        quorumNum: s.quorum?.[0] ?? null,
        quorumDen: s.quorum?.[1] ?? null,
        electorate: 'households',
        secret: s.secret ?? false,
        state: 'draft',
        closesAt: closes,
        createdBy: staff.userId,
        createdAt: new Date(opened.getTime() - 3 * DAY),
      })
      .returning();
    const ctx: CommandContext = { actor: staff, tx };
    // Opened through the machine (electorate frozen, counters made) as of its opening day.
    await move(ctx, m, 'open', null, opened);
    const electors = await tx.select().from(voteElector).where(eq(voteElector.motionId, m.id));
    const counts = options.map(() => ({ votes: 0, area: 0n }));
    const ballots: (typeof voteBallot.$inferInsert)[] = [];
    for (const e of electors) {
      if (e.householdId === ids.tianHouseholdId) continue;
      if (rand() >= s.plan.turnout) continue;
      let x = rand();
      let choice = 0;
      while (choice < options.length - 1 && x >= s.plan.shares[choice]) x -= s.plan.shares[choice++];
      counts[choice].votes++;
      counts[choice].area += e.areaCenti;
      ballots.push({
        motionId: m.id,
        electorId: e.id,
        channel: rand() < 0.35 ? 'paper' : 'phone',
        choice: m.secret ? null : choice,
        enteredBy: staff.userId,
        castAt: new Date(opened.getTime() + Math.floor(rand() * (s.days - 1) * DAY)),
      });
    }
    for (let i = 0; i < ballots.length; i += 500)
      await tx.insert(voteBallot).values(ballots.slice(i, i + 500));
    for (const [option, c] of counts.entries())
      await tx
        .update(voteCount)
        .set({ votes: c.votes, areaCenti: c.area })
        .where(sql`${voteCount.motionId} = ${m.id} and ${voteCount.option} = ${option}`);
    await recordAudit(ctx, {
      action: 'votes.demo_ballots_loaded',
      subjectType: 'vote_motion',
      subjectId: m.id,
      orgPath: m.orgPath,
      orgUnitId: m.orgUnitId,
      summary: `演示数据：载入「${m.title}」的 ${ballots.length} 张表决票`,
    });
    if (s.open) {
      openMotionId = m.id;
      continue;
    }
    // Closed by the scheduler at its closing time, as in production; published by staff the next day.
    await move(
      { actor: SYSTEM_ACTOR, tx },
      await loadMotion(tx, m.id),
      'close',
      '截止时间已到，自动计票',
      closes,
    );
    await move(ctx, await loadMotion(tx, m.id), 'publish', null, new Date(closes.getTime() + DAY));
  }
  return { openMotionId };
}
