import type { Tx } from '../../db/client.ts';
import { itemIn } from '../../../common/contracts/shop.ts';
import type { Actor } from '../../platform/access.ts';
import { createItem } from './items.ts';
import { ensureProvider } from './providers.ts';

const yuan = (y: number) => Math.round(y * 100);

/**
 * The demo shop of community A, with what the seed says points buy: 家政服务 (田先生's 150 points),
 * legal aid, haircuts, health checks, holiday childcare, rice and oil, and the bazaar's stall-fee
 * waiver. Returns the housekeeping provider, whose counter the demo provider account staffs.
 */
export async function seedDemoShop(
  tx: Tx,
  ids: { communityId: string; hospital: string; lawFirm: string; housekeeping: string },
  staff: Actor,
) {
  const ctx = { actor: staff, tx };
  const community = await ensureProvider(tx, 'community', ids.communityId);
  const housekeeping = await ensureProvider(tx, 'partner_unit', ids.housekeeping);
  const hospital = await ensureProvider(tx, 'partner_unit', ids.hospital);
  const lawFirm = await ensureProvider(tx, 'partner_unit', ids.lawFirm);
  const serves = [ids.communityId];
  const items = [
    {
      providerId: housekeeping.id,
      kind: 'service',
      title: '家政服务（2小时）',
      description: '上门保洁、整理收纳，2小时。兑换后电话预约上门时间。',
      pricePoints: 150,
      cashValueFen: yuan(120),
      limitPerPerson: 1,
      limitPeriod: 'month',
    },
    {
      providerId: lawFirm.id,
      kind: 'service',
      title: '法律援助咨询（1次）',
      description: '律师面对面法律咨询一次，约1小时。',
      pricePoints: 50,
      cashValueFen: yuan(200),
      limitPerPerson: 2,
      limitPeriod: 'month',
    },
    {
      providerId: community.id,
      kind: 'service',
      title: '低价理发',
      description: '社区党群服务中心每月义剪日使用。',
      pricePoints: 20,
      cashValueFen: yuan(15),
      limitPerPerson: 2,
      limitPeriod: 'month',
    },
    {
      providerId: hospital.id,
      kind: 'service',
      title: '健康体检（基础套餐）',
      description: '血压、血糖、血脂、心电图。',
      pricePoints: 120,
      cashValueFen: yuan(150),
      limitPerPerson: 1,
      limitPeriod: 'year',
    },
    {
      providerId: community.id,
      kind: 'service',
      title: '子女寒暑假托管（1周）',
      description: '社区四点半课堂，假期托管一周。',
      pricePoints: 200,
      cashValueFen: yuan(300),
      stock: 20,
      limitPerPerson: 1,
      limitPeriod: 'month',
    },
    {
      providerId: community.id,
      kind: 'goods',
      title: '大米 5kg',
      description: '东北大米，社区积分超市领取。',
      pricePoints: 100,
      cashValueFen: yuan(35),
      stock: 50,
      limitPerPerson: 2,
      limitPeriod: 'month',
    },
    {
      providerId: community.id,
      kind: 'goods',
      title: '食用油 5L',
      description: '非转基因大豆油。',
      pricePoints: 80,
      cashValueFen: yuan(60),
      stock: 40,
      limitPerPerson: 2,
      limitPeriod: 'month',
    },
    {
      providerId: community.id,
      kind: 'goods',
      title: '困难家庭爱心粮油包',
      description: '仅限困难家庭兑换。',
      pricePoints: 30,
      cashValueFen: yuan(80),
      stock: 30,
      limitPerPerson: 1,
      limitPeriod: 'month',
      hardshipOnly: true,
    },
    {
      providerId: community.id,
      kind: 'privilege',
      title: '创业大巴扎摊位费减免（7天）',
      description: '凭券在创业大巴扎免交7天摊位费。',
      pricePoints: 100,
      cashValueFen: yuan(70),
      stock: 10,
      limitPerPerson: 1,
      limitPeriod: 'month',
      privilegeDays: 7,
      participants: ['resident', 'gig_worker'],
    },
  ];
  // Parsing through the route's own contract fills the defaults a form would.
  for (const item of items) await createItem(ctx, itemIn.parse({ ...item, communityIds: serves }));
  return { housekeepingProviderId: housekeeping.id };
}
