import type { RulebookIn } from '../../../common/contracts/points.ts';
import type { Tx } from '../../db/client.ts';
import { type Actor, SYSTEM_ACTOR } from '../../platform/access.ts';
import type { CommandContext } from '../../platform/context.ts';
import { setConsentFlag } from './accounts.ts';
import { declareClaim, transitionClaim } from './claims.ts';
import { closePosting, publishPosting } from './postings.ts';
import { activateRulebook, createRulebook, publishConvention } from './rulebooks.ts';

type R = RulebookIn['chapters'][number]['articles'][number]['rules'][number];
const rule = (r: Partial<R> & Pick<R, 'code' | 'title' | 'kind' | 'pointsPerUnit'>): R => ({
  unit: 'time',
  evidence: 'none',
  capDay: null,
  capMonth: null,
  capYear: null,
  declarers: ['self', 'grid_worker'],
  participants: ['resident', 'gig_worker', 'volunteer'],
  ...r,
});

/**
 * The demo rulebook has the seed's shape: 5 chapters, 14 articles; base points for keeping the
 * convention, contribution points for clean-up, mediation, hazard reports, volunteering and adopted
 * suggestions; deductions for what the convention forbids. `suggestionPoints` differs between the
 * two versions, so the demo shows a quarterly revision at work.
 */
export function demoRulebook(orgUnitId: string, suggestionPoints: number): RulebookIn {
  return {
    orgUnitId,
    title: '平顶山街道居民公约积分管理实施细则',
    chapters: [
      {
        title: '总则',
        articles: [
          {
            title: '目的和依据',
            body: '为落实居民公约，以积分量化文明行为，推动居民从“被动管理”向“自我管理”转变，制定本细则。',
            rules: [],
          },
          {
            title: '适用对象',
            body: '辖区居民、新就业群体（快递员、外卖骑手）、志愿者及社会组织。',
            rules: [],
          },
          {
            title: '管理机构',
            body: '街道统筹、社区党组织领导、居委会主导，社区积分管理小组负责审定。',
            rules: [],
          },
        ],
      },
      {
        title: '基础积分',
        articles: [
          {
            title: '遵守居民公约',
            body: '当月无违反公约行为的，给予基础积分。',
            rules: [
              rule({
                code: 'B01',
                title: '遵守居民公约（月度基础分）',
                kind: 'base',
                pointsPerUnit: 10,
                capMonth: 10,
                declarers: ['system'],
                participants: ['resident'],
              }),
            ],
          },
          {
            title: '履行基本义务',
            body: '配合人口信息登记、参加垃圾分类等。',
            rules: [
              rule({
                code: 'B02',
                title: '配合信息登记、垃圾分类',
                kind: 'base',
                pointsPerUnit: 5,
                capMonth: 10,
                declarers: ['grid_worker'],
              }),
            ],
          },
        ],
      },
      {
        title: '贡献积分',
        articles: [
          {
            title: '环境整治',
            body: '参加楼道清理、小区环境整治等活动。',
            rules: [
              rule({
                code: 'C01',
                title: '参加环境整治',
                kind: 'contribution',
                pointsPerUnit: 10,
                evidence: 'photo',
                capMonth: 60,
                participants: ['resident', 'gig_worker', 'volunteer', 'social_org'],
              }),
            ],
          },
          {
            title: '矛盾调解',
            body: '协助调解邻里纠纷并达成和解。',
            rules: [
              rule({
                code: 'C02',
                title: '协助调解邻里纠纷',
                kind: 'contribution',
                pointsPerUnit: 20,
                unit: 'item',
                declarers: ['grid_worker', 'committee'],
              }),
            ],
          },
          {
            title: '隐患排查',
            body: '发现小区垃圾桶破损、楼道照明故障等公共设施问题，及时上报。',
            rules: [
              rule({
                code: 'C03',
                title: '上报公共设施隐患（垃圾桶破损、楼道灯不亮等）',
                kind: 'contribution',
                pointsPerUnit: 5,
                unit: 'item',
                evidence: 'photo',
                capDay: 15,
                declarers: ['self', 'grid_worker', 'system'],
              }),
            ],
          },
          {
            title: '志愿服务',
            body: '参加志愿服务，以时长认定积分。',
            rules: [
              rule({
                code: 'C05',
                title: '志愿服务（每小时）',
                kind: 'contribution',
                pointsPerUnit: 5,
                unit: 'hour',
                capMonth: 80,
                declarers: ['system', 'grid_worker'],
                participants: ['resident', 'volunteer', 'social_org'],
              }),
            ],
          },
          {
            title: '建言献策',
            body: '对社区治理提出意见建议并被采纳。',
            rules: [
              rule({
                code: 'C06',
                title: '建言献策被采纳',
                kind: 'contribution',
                pointsPerUnit: suggestionPoints,
                unit: 'item',
                // The cases module raises it when the grid worker finds a resident's suggestion valid.
                declarers: ['self', 'committee', 'system'],
              }),
            ],
          },
        ],
      },
      {
        title: '扣分',
        articles: [
          {
            title: '违反公约行为',
            body: '有下列行为之一的，经核实扣减积分，本人可在公示期内申诉。',
            rules: [
              rule({
                code: 'D01',
                title: '占用消防通道停车',
                kind: 'deduction',
                pointsPerUnit: 10,
                declarers: ['grid_worker', 'committee'],
              }),
              rule({
                code: 'D02',
                title: '高空抛物',
                kind: 'deduction',
                pointsPerUnit: 30,
                declarers: ['grid_worker', 'committee'],
              }),
              rule({
                code: 'D03',
                title: '电动车入户或楼道充电',
                kind: 'deduction',
                pointsPerUnit: 10,
                declarers: ['grid_worker', 'committee'],
              }),
            ],
          },
        ],
      },
      {
        title: '积分运用与监督',
        articles: [
          {
            title: '积分兑换',
            body: '积分可兑换法律援助、理发、体检、寒暑假托管等服务或实物，可减免创业大巴扎摊位费。',
            rules: [],
          },
          {
            title: '公示与异议',
            body: '积分实行一月一公示、一季一汇总、一年一表彰；公示期内居民可提出异议。',
            rules: [],
          },
          { title: '附则', body: '本细则每季度修订一次，自发布之日起施行。', rules: [] },
        ],
      },
    ],
  };
}

export const DEMO_CONVENTION = `一、爱党爱国，遵纪守法，弘扬社会主义核心价值观。
二、邻里和睦，互帮互助，矛盾纠纷协商解决。
三、爱护环境，垃圾分类，不乱扔乱倒，不占用公共空间。
四、文明停车，不占用消防通道；电动车不入户、不在楼道充电。
五、严禁高空抛物，共同守护头顶上的安全。
六、积极参与志愿服务和社区议事，共建共治共享幸福家园。`;

export type DemoPointsActors = {
  subdistrictAdmin: Actor;
  staff: Actor;
  gridWorker: Actor;
  committee: Actor;
  tian: Actor;
};

/**
 * Replays the seed's example through the real commands: 田先生 earns 150 points from environment
 * clean-up and adopted suggestions over two monthly postings (September under version 1 of the
 * rulebook, October under the quarterly revision), and has one claim in progress.
 */
export async function seedDemoPoints(
  tx: Tx,
  ids: { subdistrictId: string; communityId: string; tianPersonId: string },
  who: DemoPointsActors,
) {
  const as = (actor: Actor): CommandContext => ({ actor, tx });
  const subAdmin = who.subdistrictAdmin;
  await publishConvention(as(subAdmin), {
    orgUnitId: ids.subdistrictId,
    title: '平顶山街道居民公约',
    body: DEMO_CONVENTION,
    effectiveFrom: '2026-01-01',
  });
  const v1 = await createRulebook(as(subAdmin), demoRulebook(ids.subdistrictId, 20));
  await activateRulebook(as(subAdmin), v1.id, '2026-01-01');
  const v2 = await createRulebook(as(subAdmin), demoRulebook(ids.subdistrictId, 30));
  await activateRulebook(as(subAdmin), v2.id, '2026-10-01');
  await setConsentFlag(tx, ids.tianPersonId, true);

  const earn = async (code: string, deedDate: string, description: string, bySelf: boolean) => {
    const c = await declareClaim(as(bySelf ? who.tian : who.gridWorker), {
      ruleCode: code,
      personId: ids.tianPersonId,
      quantity: 1,
      deedDate,
      description,
      photoIds: [],
    });
    if (c.state === 'submitted') await transitionClaim(as(who.gridWorker), c.id, { action: 'check_pass' });
    return c.id;
  };
  const approve = (id: string) => transitionClaim(as(who.committee), id, { action: 'approve' });

  const september = [
    await earn('C01', '2026-09-06', '幸福家园小区1号楼楼道清理', false),
    await earn('C01', '2026-09-13', '小区绿化带垃圾清理', false),
    await earn('C01', '2026-09-20', '楼栋周边环境整治', false),
    await earn('C06', '2026-09-25', '建议在小区道路划设停车位，缓解乱停车（已采纳）', true),
  ];
  for (const id of september) await approve(id);
  const sep = await publishPosting(
    as(who.committee),
    ids.communityId,
    '2026-09',
    new Date('2026-10-01T01:00:00Z'),
  );
  await closePosting(as(SYSTEM_ACTOR), sep.id, new Date('2026-10-08T01:00:00Z'));

  const october = [
    await earn('C01', '2026-10-11', '参与老旧小区改造施工现场清理', false),
    await earn('C01', '2026-10-18', '小区环境整治志愿行动', false),
    await earn('C01', '2026-10-25', '楼道小广告清理', false),
    await earn('C01', '2026-10-30', '垃圾分类点周边清理', false),
    await earn('C06', '2026-10-15', '建议增设电动车集中充电棚（已采纳）', true),
    await earn('C06', '2026-10-28', '建议每月开展物业开放日（已采纳）', true),
  ];
  for (const id of october) await approve(id);
  const oct = await publishPosting(
    as(who.committee),
    ids.communityId,
    '2026-10',
    new Date('2026-11-01T01:00:00Z'),
  );
  await closePosting(as(SYSTEM_ACTOR), oct.id, new Date('2026-11-08T01:00:00Z'));

  // Work in progress for the demo accounts: a hazard report the grid worker recorded, awaiting review.
  await declareClaim(as(who.gridWorker), {
    ruleCode: 'C03',
    personId: ids.tianPersonId,
    quantity: 1,
    deedDate: '2026-11-20',
    description: '1号楼2单元楼道灯不亮，已报物业',
    photoIds: [],
  });
}
