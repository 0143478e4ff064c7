import { and, asc, eq, like, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  department,
  grid,
  gridBuilding,
  household,
  householdMember,
  orgUnit,
  partnerUnit,
  partyMembership,
  partyOrg,
  person,
} from './schema.ts';

// A fictional district shaped like the seed: 2 subdistricts, 4 communities, 12 compounds,
// 60 buildings, ~2,000 households, ~5,000 residents, the party tree at all three levels, grids,
// the five departments the seed names, and partner units. Deterministic, so demos and tests agree.

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉鹏飞宇浩然欣怡子轩梓涵雨桐思远嘉怡俊杰晨阳佳琪';

const COMMUNITIES = [
  { sub: 0, name: '春熙社区', code: 'A', compounds: ['幸福家园小区', '阳光花园', '锦绣苑'] },
  { sub: 0, name: '杨梅江社区', code: 'B', compounds: ['翠湖小区', '和平里', '书香苑'] },
  { sub: 1, name: '红旗社区', code: 'C', compounds: ['滨江花园', '梧桐院', '红星小区'] },
  { sub: 1, name: '长清社区', code: 'D', compounds: ['金桂园', '银杏苑', '长清雅居'] },
];
const SUBDISTRICTS = ['平顶山街道', '文昌街道'];

const DEPARTMENTS = [
  {
    code: 'zhujian',
    name: '区住房和城乡建设局',
    phone: '0991-5550101',
    duties: ['物业服务监管', '违规装修', '公共维修资金', '老旧小区改造'],
  },
  {
    code: 'chengguan',
    name: '区城市管理局',
    phone: '0991-5550102',
    duties: ['私搭乱建', '占道经营', '路面破损修复', '垃圾清运'],
  },
  {
    code: 'xiaofang',
    name: '区消防救援大队',
    phone: '0991-5550119',
    duties: ['消防通道占用', '电动车违规充电', '火灾隐患排查'],
  },
  {
    code: 'gongan',
    name: '区公安分局',
    phone: '0991-5550110',
    duties: ['治安巡查', '高空抛物查处', '矛盾纠纷调处'],
  },
  { code: 'jiaojing', name: '区交警大队', phone: '0991-5550122', duties: ['乱停乱放', '小区周边交通秩序'] },
  { code: 'shichang', name: '区市场监督管理局', phone: '0991-5550315', duties: ['商户经营规范', '食品安全'] },
];

/** The housekeeping service 田先生 buys with his 150 points, as in the seed. */
const HOUSEKEEPING = ['安心家政服务社', 'enterprise', '家政服务、保洁'] as const;

const PARTNERS = [
  ['区人民医院', 'hospital', '健康义诊'],
  ['明理律师事务所', 'law_firm', '法律咨询'],
  ['区建设银行支行', 'enterprise', '金融知识宣传'],
  ['区实验小学', 'school', '课后托管'],
];

/** Small seeded PRNG (mulberry32): the same demo district on every machine. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A plausible 18-digit ID number with a correct ISO 7064 check digit. */
export function makeIdNumber(
  region: string,
  birthYear: number,
  month: number,
  day: number,
  seq: number,
): string {
  const body = `${region}${birthYear}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 500) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

type Unit = typeof orgUnit.$inferInsert & { id: string; path: string };

export type DemoOrg = {
  districtId: string;
  districtPath: string;
  subdistricts: Unit[];
  communities: Unit[];
  /** 田先生 (the seed's resident) and his household. */
  tian: { personId: string; householdId: string; buildingId: string; buildingPath: string };
  departments: { id: string; code: string }[];
  grids: { id: string; name: string; communityIndex: number }[];
  /** Community A's partner units that offer services in the points shop. */
  partnersOfA: { hospital: string; lawFirm: string; housekeeping: string };
};

export async function seedDemoOrg(tx: Executor): Promise<DemoOrg> {
  const rand = rng(20261129);
  const pick = <T>(xs: readonly T[] | string): T => xs[Math.floor(rand() * xs.length)] as T;
  const units: Unit[] = [];
  const unit = (parent: Unit | null, kind: string, name: string, extra: Partial<Unit> = {}): Unit => {
    const id = crypto.randomUUID();
    const districtId = parent ? (parent.districtId as string) : id;
    const u: Unit = {
      id,
      districtId,
      parentId: parent?.id ?? null,
      kind,
      name,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth! + 1 : 0,
      ...extra,
    };
    units.push(u);
    return u;
  };

  const district = unit(null, 'district', '邻里示范区', { code: '650103', address: '乌鲁木齐市邻里示范区' });
  const subs = SUBDISTRICTS.map((n) => unit(district, 'subdistrict', n));
  const communities: Unit[] = [];
  const compounds: { u: Unit; c: number }[] = [];
  const buildings: { u: Unit; c: number; compound: Unit }[] = [];
  COMMUNITIES.forEach((c, ci) => {
    const cu = unit(subs[c.sub], 'community', c.name, { code: c.code });
    communities.push(cu);
    c.compounds.forEach((name, k) => {
      const comp = unit(cu, 'compound', name, {
        compoundClass: k === 2 ? 2 : 1,
        address: `${c.name}${name}`,
      });
      compounds.push({ u: comp, c: ci });
      for (let b = 1; b <= 5; b++)
        buildings.push({ u: unit(comp, 'building', `${b}号楼`), c: ci, compound: comp });
    });
  });
  await insertChunked(units, (chunk) => tx.insert(orgUnit).values(chunk));

  // Households: 2 units × 6 floors × 3 rooms a building, a few left vacant.
  const households: (typeof household.$inferInsert & { id: string; c: number })[] = [];
  for (const b of buildings) {
    for (let un = 1; un <= 2; un++)
      for (let floor = 1; floor <= 6; floor++)
        for (let r = 1; r <= 3; r++) {
          if (rand() < 0.08) continue;
          households.push({
            id: crypto.randomUUID(),
            c: b.c,
            districtId: district.id,
            buildingId: b.u.id,
            orgPath: b.u.path,
            unitNo: String(un),
            room: `${floor}0${r}`,
            floorAreaM2: (55 + Math.floor(rand() * 85) + (rand() < 0.5 ? 0.5 : 0)).toFixed(2),
            tags: [],
          });
        }
  }

  // 田先生 lives in community A, compound 1, building 1, 1单元 302 (fixed, the seed's example).
  const tianHousehold =
    households.find((h) => h.buildingId === buildings[0].u.id && h.unitNo === '1' && h.room === '302') ??
    households.find((h) => h.buildingId === buildings[0].u.id)!;

  const persons: (typeof person.$inferInsert & { id: string })[] = [];
  const members: (typeof householdMember.$inferInsert)[] = [];
  let phoneSeq = 0;
  let idSeq = 0;
  const addPerson = (
    h: (typeof households)[number],
    p: Partial<typeof person.$inferInsert>,
    relation: string,
  ) => {
    const birthYear = p.birthYear ?? 1950 + Math.floor(rand() * 70);
    const gender = p.gender ?? (rand() < 0.5 ? 'male' : 'female');
    const id = crypto.randomUUID();
    persons.push({
      id,
      districtId: district.id,
      orgUnitId: h.buildingId,
      orgPath: h.orgPath,
      name:
        p.name ?? pick<string>(SURNAMES) + pick<string>(GIVEN) + (rand() < 0.6 ? pick<string>(GIVEN) : ''),
      phone:
        p.phone !== undefined
          ? p.phone
          : birthYear < 2008
            ? `13${5 + (phoneSeq % 4)}${String(10_000_000 + ++phoneSeq * 7919).slice(-8)}`
            : null,
      idNumber:
        p.idNumber ??
        makeIdNumber(
          '650103',
          birthYear,
          1 + Math.floor(rand() * 12),
          1 + Math.floor(rand() * 28),
          ++idSeq % 1000,
        ),
      gender,
      birthYear,
      tags: p.tags ?? [],
    });
    members.push({ householdId: h.id, personId: id, relation });
    return id;
  };

  let tianPersonId = '';
  for (const h of households) {
    if (h === tianHousehold) {
      tianPersonId = addPerson(
        h,
        { name: '田志明', phone: '13900000007', gender: 'male', birthYear: 1978, tags: ['volunteer'] },
        'head',
      );
      addPerson(h, { name: '李秀英', gender: 'female', birthYear: 1980 }, 'spouse');
      addPerson(h, { name: '田梓涵', gender: 'female', birthYear: 2015, phone: null }, 'child');
      continue;
    }
    const size = rand() < 0.15 ? 1 : rand() < 0.5 ? 2 : rand() < 0.8 ? 3 : 4;
    if (size === 1 && rand() < 0.6) {
      h.tags = ['elderly_alone'];
      addPerson(h, { birthYear: 1935 + Math.floor(rand() * 20), tags: ['elderly_alone'] }, 'head');
      continue;
    }
    if (rand() < 0.04) h.tags = ['hardship'];
    const headYear = 1950 + Math.floor(rand() * 45);
    const tags = (): string[] => {
      const t: string[] = [];
      if (rand() < 0.08) t.push('party_member');
      if (rand() < 0.05) t.push('gig_worker');
      if (rand() < 0.1) t.push('volunteer');
      if (h.tags?.includes('hardship')) t.push('hardship');
      return t;
    };
    addPerson(h, { birthYear: headYear, tags: tags() }, 'head');
    if (size >= 2) addPerson(h, { birthYear: headYear + Math.floor(rand() * 5) - 2, tags: tags() }, 'spouse');
    for (let k = 2; k < size; k++)
      addPerson(h, { birthYear: Math.min(2024, headYear + 22 + Math.floor(rand() * 15)), tags: [] }, 'child');
  }
  await insertChunked(
    households.map(({ c: _, ...h }) => h),
    (chunk) => tx.insert(household).values(chunk),
  );
  await insertChunked(persons, (chunk) => tx.insert(person).values(chunk));
  await insertChunked(members, (chunk) => tx.insert(householdMember).values(chunk), 1000);

  // Party tree: community committee → (property general branch) → compound branches → building groups.
  const party: (typeof partyOrg.$inferInsert & { id: string })[] = [];
  const partyOf = new Map<string, string>();
  const addParty = (parentId: string | null, u: Unit, kind: string, name: string) => {
    const id = crypto.randomUUID();
    party.push({ id, districtId: district.id, parentId, orgUnitId: u.id, orgPath: u.path, kind, name });
    return id;
  };
  communities.forEach((cu, ci) => {
    const committee = addParty(null, cu, 'community_committee', `${cu.name}党委`);
    partyOf.set(cu.id, committee);
    if (ci === 0) {
      const general = addParty(committee, cu, 'general_branch', `${cu.name}物业党总支`);
      addParty(general, cu, 'branch', '安居物业公司党支部');
    }
    for (const comp of compounds.filter((x) => x.c === ci)) {
      const branch = addParty(committee, comp.u, 'branch', `${comp.u.name}党支部`);
      partyOf.set(comp.u.id, branch);
      for (const b of buildings.filter((x) => x.compound === comp.u)) {
        partyOf.set(b.u.id, addParty(branch, b.u, 'group', `${comp.u.name}${b.u.name}党小组`));
      }
    }
  });
  await insertChunked(party, (chunk) => tx.insert(partyOrg).values(chunk));
  const memberships = persons
    .filter((p) => p.tags?.includes('party_member'))
    .map((p) => ({
      partyOrgId: partyOf.get(p.orgUnitId)!,
      personId: p.id,
      kind: 'party_member',
      workplace: null as string | null,
    }));
  // Serving members registered in the community from their workplace (在职党员到社区报到).
  const workplaces = ['区建设局', '区城管局', '区人民医院', '区税务局'];
  persons
    .filter((p) => p.birthYear! < 1995 && p.birthYear! > 1970 && !p.tags?.includes('party_member'))
    .slice(0, 24)
    .forEach((p, i) => {
      const communityId = p.orgPath.split('/')[3];
      memberships.push({
        partyOrgId: partyOf.get(communityId)!,
        personId: p.id,
        kind: 'registered_member',
        workplace: workplaces[i % 4],
      });
    });
  await insertChunked(memberships, (chunk) => tx.insert(partyMembership).values(chunk));

  // Grids: one per compound, covering its five buildings.
  const grids: DemoOrg['grids'] = [];
  for (const comp of compounds) {
    const community = communities[comp.c];
    const [g] = await tx
      .insert(grid)
      .values({
        districtId: district.id,
        orgUnitId: community.id,
        orgPath: community.path,
        name: `${comp.u.name}网格`,
      })
      .returning({ id: grid.id, name: grid.name });
    grids.push({ ...g, communityIndex: comp.c });
    await tx
      .insert(gridBuilding)
      .values(
        buildings.filter((b) => b.compound === comp.u).map((b) => ({ gridId: g.id, buildingId: b.u.id })),
      );
  }

  const departments = await tx
    .insert(department)
    .values(
      DEPARTMENTS.map((d) => ({
        districtId: district.id,
        orgUnitId: district.id,
        orgPath: district.path,
        code: d.code,
        name: d.name,
        dutyPhone: d.phone,
        responsibilities: d.duties,
      })),
    )
    .returning({ id: department.id, code: department.code });

  const partners = await tx
    .insert(partnerUnit)
    .values(
      communities.flatMap((cu, ci) =>
        [...[PARTNERS[ci % 4], PARTNERS[(ci + 1) % 4]], ...(ci === 0 ? [HOUSEKEEPING] : [])].map(
          ([name, kind, services]) => ({
            districtId: district.id,
            orgUnitId: cu.id,
            orgPath: cu.path,
            name,
            kind,
            services,
            contactName: pick<string>(SURNAMES) + pick<string>(GIVEN),
            contactPhone: `0991-55${String(60000 + ci * 10 + (name as string).length).slice(-5)}`,
          }),
        ),
      ),
    )
    .returning({ id: partnerUnit.id, name: partnerUnit.name, orgUnitId: partnerUnit.orgUnitId });
  const partnerOfA = (name: string) =>
    partners.find((p) => p.orgUnitId === communities[0].id && p.name === name)!.id;

  return {
    districtId: district.id,
    districtPath: district.path,
    subdistricts: subs,
    communities,
    partnersOfA: {
      hospital: partnerOfA(PARTNERS[0][0]),
      lawFirm: partnerOfA(PARTNERS[1][0]),
      housekeeping: partnerOfA(HOUSEKEEPING[0]),
    },
    tian: {
      personId: tianPersonId,
      householdId: tianHousehold.id,
      buildingId: tianHousehold.buildingId,
      buildingPath: tianHousehold.orgPath,
    },
    departments,
    grids,
  };
}

export async function assignGridWorker(tx: Executor, gridId: string, userId: string): Promise<void> {
  await tx.update(grid).set({ workerUserId: userId }).where(eq(grid.id, gridId));
}

/** True when the database holds no org unit at all: the only state the demo may be seeded into. */
export async function orgIsEmpty(db: Executor): Promise<boolean> {
  const rows = await db.select({ id: orgUnit.id }).from(orgUnit).limit(1);
  return rows.length === 0;
}

/**
 * A party member living in the community (tagged, with a membership, in a household), other than
 * `exceptPersonId`: the demo's resident party member who takes dispatched orders (党员接单).
 */
export async function demoPartyMember(tx: Executor, communityPath: string, exceptPersonId: string) {
  const [m] = await tx
    .select({
      personId: person.id,
      name: person.name,
      householdId: household.id,
      buildingId: household.buildingId,
      orgPath: household.orgPath,
    })
    .from(person)
    .innerJoin(partyMembership, eq(partyMembership.personId, person.id))
    .innerJoin(householdMember, eq(householdMember.personId, person.id))
    .innerJoin(household, eq(household.id, householdMember.householdId))
    .where(
      and(
        like(person.orgPath, `${communityPath}%`),
        sql`'party_member' = any(${person.tags})`,
        eq(partyMembership.kind, 'party_member'),
        ne(person.id, exceptPersonId),
      ),
    )
    .orderBy(asc(person.name), asc(person.id))
    .limit(1);
  return m;
}
