import { sql } from 'drizzle-orm';
import type { Availability, PostKind, Skill } from '../../../common/contracts/volunteers.ts';
import { type Executor, execRows } from '../../db/client.ts';
import { now } from '../../platform/clock.ts';
import { volunteer, volunteerMember, volunteerPost, volunteerTeam } from './schema.ts';

// 春熙社区's volunteers: the community's 红色志愿服务队 with the seed's four posts (政策宣讲、矛盾调解、
// 健康义诊、应急救援), a team in each of three compounds, and ~40 residents with skills and free
// times. Deterministic (people picked by place and name), bulk-inserted, no audit per row.

const PROFILES: { skills: Skill[]; intro: string }[] = [
  { skills: ['medical', 'first_aid'], intro: '退休社区医生，可参加义诊' },
  { skills: ['nursing', 'cooking'], intro: '护士，擅长照顾老人' },
  { skills: ['legal', 'mediation'], intro: '律师，可提供法律咨询' },
  { skills: ['mediation', 'psychology'], intro: '老党员，邻里关系熟' },
  { skills: ['teaching', 'policy'], intro: '退休教师，能讲政策' },
  { skills: ['policy', 'computer'], intro: '会用电脑，能帮老人办事' },
  { skills: ['haircut'], intro: '理发师，可上门理发' },
  { skills: ['repair', 'electrician'], intro: '水电维修都会' },
  { skills: ['electrician', 'driving'], intro: '电工，有车' },
  { skills: ['first_aid', 'driving'], intro: '红十字救护员证' },
  { skills: ['photography', 'art'], intro: '摄影爱好者' },
  { skills: ['art', 'sports'], intro: '广场舞队长' },
  { skills: ['computer', 'language'], intro: '大学生，会英语' },
  { skills: ['cooking', 'nursing'], intro: '做饭好吃，愿意助老' },
];
const TIMES: Availability[][] = [
  ['weekend'],
  ['weekday_evening', 'weekend'],
  ['weekday_daytime'],
  ['weekday_daytime', 'weekend'],
  ['weekday_daytime', 'weekday_evening', 'weekend'],
];

type PostSpec = { kind: PostKind; name: string; skills: Skill[]; description: string };
const RED_POSTS: PostSpec[] = [
  {
    kind: 'policy_outreach',
    name: '政策宣讲岗',
    skills: ['policy', 'teaching'],
    description: '进楼入户宣讲惠民政策',
  },
  {
    kind: 'mediation',
    name: '矛盾调解岗',
    skills: ['mediation', 'legal', 'psychology'],
    description: '化解邻里纠纷',
  },
  {
    kind: 'health_clinic',
    name: '健康义诊岗',
    skills: ['medical', 'nursing'],
    description: '每月义诊、慢病随访',
  },
  {
    kind: 'emergency_rescue',
    name: '应急救援岗',
    skills: ['first_aid', 'driving', 'electrician'],
    description: '突发事件先期处置',
  },
];
const COMPOUND_POSTS: PostSpec[][] = [
  [
    {
      kind: 'elderly_care',
      name: '助老服务岗',
      skills: ['nursing', 'cooking', 'haircut'],
      description: '独居老人探访',
    },
    { kind: 'environment', name: '环境整治岗', skills: ['repair'], description: '楼道清理、设施小修' },
  ],
  [
    {
      kind: 'culture',
      name: '文体活动岗',
      skills: ['art', 'photography', 'sports'],
      description: '组织文体活动',
    },
    { kind: 'environment', name: '环境整治岗', skills: ['repair'], description: '垃圾分类督导' },
  ],
  [{ kind: 'elderly_care', name: '助老服务岗', skills: ['nursing', 'cooking'], description: '助餐、陪诊' }],
];

type Unit = { id: string; name: string; path: string; kind: string; district_id: string };
type Person = { id: string; name: string; org_path: string; phone: string | null };

export type DemoTeams = {
  redTeamId: string;
  redPostIds: Record<'policy_outreach' | 'mediation' | 'health_clinic' | 'emergency_rescue', string>;
  compoundTeamIds: string[];
};

export async function seedDemoTeams(tx: Executor, communityId: string): Promise<DemoTeams> {
  const units = await execRows<Unit>(
    tx,
    sql`select id, name, path, kind, district_id from org_unit
        where path like (select path from org_unit where id = ${communityId}) || '%'
          and kind in ('community', 'compound', 'building')`,
  );
  const community = units.find((u) => u.id === communityId)!;
  const nameOf = new Map(units.map((u) => [u.id, u.name]));
  const compounds = units
    .filter((u) => u.kind === 'compound')
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, 3);
  const people = await execRows<Person>(
    tx,
    sql`select p.id, p.name, p.org_path, coalesce(u.phone, p.phone) as phone from person p
        left join user_account u on u.person_id = p.id
        where p.org_path like ${`${community.path}%`} and (p.birth_year is null or p.birth_year <= 2006)
          and coalesce(u.phone, '') not in ('13900000014', '13900000015')`,
  );
  // A stable order: compound, building (numeric), name, phone.
  const key = (p: Person) =>
    p.org_path
      .split('/')
      .filter(Boolean)
      .slice(3)
      .map((id) => nameOf.get(id) ?? '')
      .join('/');
  people.sort(
    (a, b) =>
      key(a).localeCompare(key(b), 'zh-CN', { numeric: true }) ||
      a.name.localeCompare(b.name, 'zh-CN') ||
      (a.phone ?? '').localeCompare(b.phone ?? ''),
  );
  // Round-robin over the compounds so each has its own volunteers; the demo accounts first.
  // The party member (13) leads the red team; 田志明 (07) is one of its members.
  const special = ['13900000013', '13900000007'].flatMap((ph) => people.filter((p) => p.phone === ph));
  const byCompound = compounds.map((c) =>
    people.filter((p) => p.org_path.startsWith(c.path) && !special.includes(p)),
  );
  const chosen: Person[] = [...special];
  for (let i = 0; chosen.length < 40 && i < 100; i++)
    for (const list of byCompound) if (list[i] && chosen.length < 40) chosen.push(list[i]);

  const at = now();
  const daysAgo = (d: number) => new Date(at.getTime() - d * 86_400_000);
  const team = (u: Unit, name: string, description: string) => ({
    id: crypto.randomUUID(),
    districtId: u.district_id,
    orgUnitId: u.id,
    orgPath: u.path,
    name,
    description,
    createdAt: daysAgo(400),
  });
  const red = team(
    community,
    '春熙社区红色志愿服务队',
    '社区党委领办，党员带头、群众参与，设政策宣讲、矛盾调解、健康义诊、应急救援四个岗位',
  );
  const compoundTeams = compounds.map((c) =>
    team(c, `${c.name}志愿服务队`, `${c.name}党支部组织的楼栋志愿者`),
  );
  await tx.insert(volunteerTeam).values([red, ...compoundTeams]);
  const post = (teamId: string, p: PostSpec) => ({ id: crypto.randomUUID(), teamId, ...p });
  const redPosts = RED_POSTS.map((p) => post(red.id, p));
  const cPosts = compoundTeams.map((t, i) => (COMPOUND_POSTS[i] ?? []).map((p) => post(t.id, p)));
  await tx.insert(volunteerPost).values([...redPosts, ...cPosts.flat()]);

  const vols = chosen.map((p, i) => {
    const profile =
      p.phone === '13900000013'
        ? { skills: ['mediation', 'policy'] as Skill[], intro: '党员，社区红色志愿服务队队长' }
        : p.phone === '13900000007'
          ? { skills: ['first_aid', 'computer'] as Skill[], intro: '会急救，会用电脑' }
          : PROFILES[i % PROFILES.length];
    return {
      id: crypto.randomUUID(),
      districtId: community.district_id,
      personId: p.id,
      orgPath: p.org_path,
      skills: profile.skills,
      availability: TIMES[i % TIMES.length],
      intro: profile.intro,
      createdAt: daysAgo(380 - i),
    };
  });
  await tx.insert(volunteer).values(vols);

  const members: (typeof volunteerMember.$inferInsert)[] = [];
  const redLeaders = new Set([vols[0]?.id, vols[3]?.id]);
  vols.forEach((v, i) => {
    // The red team: whoever has a skill one of its posts needs, on the best-fitting post.
    const best = redPosts
      .map((p) => ({ p, n: p.skills.filter((s) => v.skills.includes(s)).length }))
      .sort((a, b) => b.n - a.n)[0];
    // (Every third stays out of it, so matching has someone to suggest for the posts.)
    if ((best.n > 0 && i % 3 !== 2) || redLeaders.has(v.id))
      members.push({
        teamId: red.id,
        volunteerId: v.id,
        postId: best.n > 0 ? best.p.id : null,
        role: redLeaders.has(v.id) ? 'leader' : 'member',
        joinedAt: daysAgo(360 - i),
      });
    // Their compound's team: everyone living there; its first volunteer leads it.
    const ci = compounds.findIndex((c) => v.orgPath.startsWith(c.path));
    if (ci < 0) return;
    const t = compoundTeams[ci];
    const first = !members.some((m) => m.teamId === t.id);
    const cp = (cPosts[ci] ?? []).find((p) => p.skills.some((s) => v.skills.includes(s)));
    if (i % 5 !== 4 || first)
      members.push({
        teamId: t.id,
        volunteerId: v.id,
        postId: cp?.id ?? null,
        role: first ? 'leader' : 'member',
        joinedAt: daysAgo(350 - i),
      });
  });
  await tx.insert(volunteerMember).values(members);
  const redPostIds = Object.fromEntries(redPosts.map((p) => [p.kind, p.id])) as DemoTeams['redPostIds'];
  return { redTeamId: red.id, redPostIds, compoundTeamIds: compoundTeams.map((t) => t.id) };
}
