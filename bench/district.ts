import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../server/db/client.ts';

/**
 * Set-based SQL that builds a synthetic district shaped like the seed's: every phase is a handful of
 * `INSERT … SELECT … FROM generate_series(…)` statements, so 300,000 households cost a few statements,
 * not 300,000 round trips. Run it inside one transaction: `gen_unit` is dropped at commit.
 */

/** Roughly what the seed's counties describe: a building of ~40 households, a compound of ~12 buildings. */
export const HOUSEHOLDS_PER_BUILDING = 40;
const BUILDINGS_PER_COMPOUND = 12;
const COMPOUNDS_PER_COMMUNITY = 8;
const COMMUNITIES_PER_SUBDISTRICT = 8;

export type DistrictShape = {
  households: number;
  buildings: number;
  compounds: number;
  communities: number;
  subdistricts: number;
};

export function districtShape(households: number): DistrictShape {
  const buildings = Math.ceil(households / HOUSEHOLDS_PER_BUILDING);
  const compounds = Math.ceil(buildings / BUILDINGS_PER_COMPOUND);
  const communities = Math.ceil(compounds / COMPOUNDS_PER_COMMUNITY);
  const subdistricts = Math.ceil(communities / COMMUNITIES_PER_SUBDISTRICT);
  return { households, buildings, compounds, communities, subdistricts };
}

const SUBDISTRICT_STEMS = [
  '平顶山',
  '春熙',
  '府河',
  '锦官',
  '玉林',
  '望江',
  '青龙',
  '浣花',
  '东湖',
  '金沙',
  '合江',
  '磨子桥',
];
const COMMUNITY_STEMS = [
  '和平',
  '幸福',
  '光明',
  '新华',
  '建设',
  '阳光',
  '友谊',
  '红星',
  '长青',
  '桂园',
  '梧桐',
  '翠竹',
];
const COMPOUND_STEMS = [
  '锦绣',
  '华府',
  '丽景',
  '金桂',
  '银杏',
  '海棠',
  '紫荆',
  '香樟',
  '芙蓉',
  '碧水',
  '枫林',
  '凤凰',
];
const COMPOUND_SUFFIXES = ['小区', '花园', '家园', '苑', '新村', '公寓'];
const ROADS = ['人民', '建设', '解放', '中山', '滨江', '文化', '光华', '红旗'];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红玲芬燕鹏辉建国志文斌浩宇欣怡轩涵晨阳琳雪梅峰';

/** `list[index mod len]` in SQL; the list travels as one parameter. */
function pick(list: readonly string[], index: SQL): SQL {
  return sql`(string_to_array(${list.join(',')}, ','))[1 + ((${index}) % ${list.length})]`;
}

/** One random character of `chars` per row (random() in a select list is evaluated per row). */
function randomChar(chars: string): SQL {
  return sql`substr(${chars}, 1 + floor(random() * ${[...chars].length})::int, 1)`;
}

/** A 2–3 character Chinese name: a surname and one or two given characters. */
const personName = sql`${randomChar(SURNAMES)} || ${randomChar(GIVEN)} || case when random() < 0.7 then ${randomChar(GIVEN)} else '' end`;

/** GB 11643 check character of an 18-digit resident ID, over the 17-digit text `id17`. */
function idCheckDigit(id17: SQL): SQL {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const terms = weights.map(
    (w, i) => sql`substr(${id17}, ${sql.raw(String(i + 1))}, 1)::int * ${sql.raw(String(w))}`,
  );
  return sql`substr('10X98765432', 1 + ((${sql.join(terms, sql` + `)}) % 11), 1)`;
}

export async function createScratch(tx: Executor): Promise<void> {
  await tx.execute(sql`
    create temp table gen_unit (
      kind text not null, ord int not null, parent_ord int, idx int not null,
      id uuid not null, path text not null, depth int not null,
      primary key (kind, ord)
    ) on commit drop`);
}

export async function insertDistrict(tx: Executor): Promise<string> {
  const id = crypto.randomUUID();
  await tx.execute(sql`insert into gen_unit values ('district', 1, null, 1, ${id}, ${`/${id}/`}, 0)`);
  await tx.execute(sql`
    insert into org_unit (id, district_id, parent_id, kind, name, path, depth)
    values (${id}, ${id}, null, 'district', '邻里压测区', ${`/${id}/`}, 0)`);
  return id;
}

type Level = {
  kind: string;
  parentKind: string;
  count: number;
  parentCount: number;
  name: SQL;
  extra?: Extra;
};
type Extra = { address: SQL; compoundClass: SQL };

/**
 * Adds `count` units of one level, spread evenly over the `parentCount` units above: unit `ord` goes to
 * parent `(ord-1)·parentCount/count + 1`, so siblings are contiguous and `idx` numbers them 1, 2, ….
 * `name` may use `u.ord` (1-based over the level) and `u.idx` (1-based within the parent).
 */
async function insertLevel(tx: Executor, districtId: string, level: Level): Promise<void> {
  await tx.execute(sql`
    insert into gen_unit (kind, ord, parent_ord, idx, id, path, depth)
    select ${level.kind}::text, c.ord, p.ord, row_number() over (partition by p.ord order by c.ord),
           c.id, p.path || c.id || '/', p.depth + 1
    from (select g as ord, gen_random_uuid() as id from generate_series(1, ${level.count}) g) c
    join gen_unit p on p.kind = ${level.parentKind}
      and p.ord = ((c.ord - 1)::bigint * ${level.parentCount}) / ${level.count} + 1`);
  await tx.execute(sql`
    insert into org_unit (id, district_id, parent_id, kind, name, path, depth, address, compound_class)
    select u.id, ${districtId}::uuid, p.id, u.kind, ${level.name}, u.path, u.depth,
           ${level.extra?.address ?? sql`null`}, ${level.extra?.compoundClass ?? sql`null`}
    from gen_unit u join gen_unit p on p.kind = ${level.parentKind} and p.ord = u.parent_ord
    where u.kind = ${level.kind}`);
}

/** A running number once a list of stems is used up, so names stay distinct: 和平社区, …, 和平2社区. */
function cycleSuffix(len: number): SQL {
  return sql`case when u.ord > ${len} then ((u.ord - 1) / ${len} + 1)::text else '' end`;
}

export async function insertOrgTree(tx: Executor, districtId: string, shape: DistrictShape): Promise<void> {
  const sub = SUBDISTRICT_STEMS.length;
  const com = COMMUNITY_STEMS.length;
  const cmp = COMPOUND_STEMS.length * COMPOUND_SUFFIXES.length;
  await insertLevel(tx, districtId, {
    kind: 'subdistrict',
    parentKind: 'district',
    count: shape.subdistricts,
    parentCount: 1,
    name: sql`${pick(SUBDISTRICT_STEMS, sql`u.ord - 1`)} || ${cycleSuffix(sub)} || '街道'`,
  });
  await insertLevel(tx, districtId, {
    kind: 'community',
    parentKind: 'subdistrict',
    count: shape.communities,
    parentCount: shape.subdistricts,
    name: sql`${pick(COMMUNITY_STEMS, sql`u.ord - 1`)} || ${cycleSuffix(com)} || '社区'`,
  });
  await insertLevel(tx, districtId, {
    kind: 'compound',
    parentKind: 'community',
    count: shape.compounds,
    parentCount: shape.communities,
    name: sql`${pick(COMPOUND_STEMS, sql`u.ord - 1`)} || ${cycleSuffix(cmp)}
      || ${pick(COMPOUND_SUFFIXES, sql`(u.ord - 1) / ${COMPOUND_STEMS.length}`)}`,
    extra: {
      address: sql`${pick(ROADS, sql`u.ord`)} || '路' || (u.ord * 7 % 300 + 1) || '号'`,
      compoundClass: sql`1 + u.ord % 3`,
    },
  });
  await insertLevel(tx, districtId, {
    kind: 'building',
    parentKind: 'compound',
    count: shape.buildings,
    parentCount: shape.compounds,
    name: sql`u.idx || '号楼'`,
  });
}

/**
 * Household i lives in building i/40: 2 entrances (单元) × 10 floors × 2 rooms, so (building, unit, room)
 * stays unique. `org_path` is the building's path, as the org module expects.
 */
export async function insertHouseholds(
  tx: Executor,
  districtId: string,
  shape: DistrictShape,
): Promise<void> {
  const perBuilding = HOUSEHOLDS_PER_BUILDING;
  await tx.execute(sql`
    insert into household (district_id, building_id, org_path, unit_no, room, floor_area_m2, tags)
    select ${districtId}::uuid, b.id, b.path,
           (k / 20 + 1)::text,
           ((k % 20) / 2 + 1)::text || lpad((k % 2 + 1)::text, 2, '0'),
           round((45 + r * 100)::numeric, 2),
           case when r2 < 0.08 then '{rental}'::text[]
                when r2 < 0.10 then '{elderly_alone}'::text[]
                when r2 < 0.115 then '{hardship}'::text[]
                when r2 < 0.125 then '{vacant}'::text[]
                else '{}'::text[] end
    from (select i, i % ${perBuilding} as k, random() as r, random() as r2
          from generate_series(0, ${shape.households - 1}) i) g
    join gen_unit b on b.kind = 'building' and b.ord = g.i / ${perBuilding} + 1`);
}

/**
 * 1–4 persons a household (2.5 on average, from a hash of its id), each with a household_member row.
 * Both tables are filled by one statement: the materialised CTE fixes each person's id once. Phones and
 * ID numbers derive from the row number `n`, so both are unique across the district.
 */
export async function insertPersons(tx: Executor, districtId: string): Promise<void> {
  const id17 = sql`q.id17`;
  await tx.execute(sql`
    with p as materialized (
      select gen_random_uuid() as id, h.id as household_id, h.building_id, h.org_path, s.m, s.size,
             row_number() over () as n,
             (case s.m when 1 then 1940 + floor(random() * 60)
                       when 2 then 1942 + floor(random() * 58)
                       when 3 then 1980 + floor(random() * 43)
                       else 1930 + floor(random() * 30) end)::int as birth_year,
             1 + floor(random() * 12)::int as month,
             1 + floor(random() * 28)::int as day
      from household h
      cross join lateral (select g as m, 1 + (hashtext(h.id::text) & 3) as size
                          from generate_series(1, 1 + (hashtext(h.id::text) & 3)) g) s
      where h.district_id = ${districtId}::uuid
    ), q as materialized (
      select p.*, '51' || lpad(((n / 1000) % 10000)::text, 4, '0') || birth_year
                  || lpad(month::text, 2, '0') || lpad(day::text, 2, '0') || lpad((n % 1000)::text, 3, '0') as id17
      from p
    ), ins as (
      insert into person (id, district_id, org_unit_id, org_path, name, phone, id_number, gender, birth_year, tags)
      select q.id, ${districtId}::uuid, q.building_id, q.org_path, ${personName},
             case when q.birth_year > 2010 then null
                  else substr('135136137138139150151152158159182183186187188', 1 + 3 * (q.n % 15)::int, 3)
                       || lpad(((q.n * 7919) % 100000000)::text, 8, '0') end,
             ${id17} || ${idCheckDigit(id17)},
             case when q.n % 2 = 1 then 'male' else 'female' end,
             q.birth_year,
             case when q.size = 1 and q.birth_year < 1955 then '{elderly_alone}'::text[]
                  when q.birth_year > 2004 then '{}'::text[]
                  else (case floor(random() * 100)::int
                          when 0 then '{party_member,volunteer}' when 1 then '{party_member,volunteer}'
                          when 2 then '{gig_worker}' when 3 then '{gig_worker}'
                          when 4 then '{volunteer}' when 5 then '{volunteer}' when 6 then '{volunteer}'
                          when 7 then '{party_member}' when 8 then '{party_member}' when 9 then '{party_member}'
                          when 10 then '{party_member}' when 11 then '{hardship}'
                          else '{}' end)::text[] end
      from q
    )
    insert into household_member (household_id, person_id, relation)
    select q.household_id, q.id,
           case q.m when 1 then 'head' when 2 then 'spouse' when 3 then 'child' else 'parent' end
    from q`);
}

/** One party committee a community, one branch a compound (its party members join it), one grid a compound. */
export async function insertPartyAndGrids(tx: Executor, districtId: string): Promise<void> {
  await tx.execute(sql`
    insert into party_org (district_id, org_unit_id, org_path, kind, name)
    select ${districtId}::uuid, u.id, u.path, 'community_committee', u.name || '党委'
    from org_unit u where u.district_id = ${districtId}::uuid and u.kind = 'community'`);
  await tx.execute(sql`
    insert into party_org (district_id, parent_id, org_unit_id, org_path, kind, name)
    select ${districtId}::uuid, c.id, u.id, u.path, 'branch', u.name || '党支部'
    from org_unit u join party_org c on c.org_unit_id = u.parent_id and c.kind = 'community_committee'
    where u.district_id = ${districtId}::uuid and u.kind = 'compound'`);
  // The compound is the 4th id on a building's path: /district/subdistrict/community/compound/building/.
  await tx.execute(sql`
    insert into party_membership (party_org_id, person_id, kind, joined_on)
    select b.id, p.id, 'party_member', (p.birth_year + 25)::text || '-07-01'
    from person p join party_org b on b.kind = 'branch' and b.org_unit_id = split_part(p.org_path, '/', 5)::uuid
    where p.district_id = ${districtId}::uuid and 'party_member' = any(p.tags)`);
  await tx.execute(sql`
    insert into grid (district_id, org_unit_id, org_path, name)
    select ${districtId}::uuid, u.id, u.path, u.name || '网格'
    from org_unit u where u.district_id = ${districtId}::uuid and u.kind = 'compound'`);
  await tx.execute(sql`
    insert into grid_building (grid_id, building_id)
    select g.id, b.id from grid g join org_unit b on b.parent_id = g.org_unit_id and b.kind = 'building'
    where g.district_id = ${districtId}::uuid`);
}

export type StaffAccount = { phone: string; userId: string; communityId: string; communityPath: string };

/** The community staff account the load script signs in as, granted at the district's first community. */
export async function insertStaffUser(
  tx: Executor,
  phone: string,
  passwordHash: string,
): Promise<StaffAccount> {
  const rows = (await tx.execute(sql`
    with c as (select id, path from gen_unit where kind = 'community' and ord = 1),
    u as (
      insert into user_account (phone, password_hash, display_name)
      values (${phone}, ${passwordHash}, '压测社工') returning id
    ), g as (
      insert into role_grant (user_id, role, org_unit_id, org_path)
      select u.id, 'community_staff', c.id, c.path from u, c
    )
    select u.id as user_id, c.id as community_id, c.path as community_path from u, c`)) as unknown as {
    rows: { user_id: string; community_id: string; community_path: string }[];
  };
  const [row] = rows.rows;
  return { phone, userId: row.user_id, communityId: row.community_id, communityPath: row.community_path };
}
