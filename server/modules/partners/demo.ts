import { sql } from 'drizzle-orm';
import type { ProjectKind, ProjectState, Talent } from '../../../common/contracts/partner-projects.ts';
import { type Executor, execRows } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { now } from '../../platform/clock.ts';
import {
  partner,
  partnerProject,
  partnerProjectHistory,
  partnerProjectLead,
  partnerProjectParticipant,
} from './schema.ts';

/** Talents of the demo's partners, in order; the first talent also picks what they lead. */
const TALENT_SETS: { talents: Talent[]; note: string; intro: string }[] = [
  { talents: ['painting'], note: '少儿美术', intro: '退休美术教师，愿意给小区孩子上美术课。' },
  { talents: ['photography'], note: '人像摄影', intro: '摄影爱好者二十年，想给老人拍婚纱照。' },
  { talents: ['calligraphy'], note: '', intro: '书法协会会员，春节可以义写春联。' },
  { talents: ['handicraft'], note: '毛线编织', intro: '擅长编织，愿意带大家织围巾、织帽子。' },
  { talents: ['haircut'], note: '', intro: '开理发店十几年，每月可以义剪一次。' },
  { talents: ['reading', 'tutoring'], note: '亲子共读', intro: '小学语文老师，组织亲子阅读。' },
  { talents: ['music'], note: '二胡、合唱', intro: '老年大学合唱团团长。' },
  { talents: ['dance'], note: '广场舞', intro: '带领广场舞队八年。' },
  { talents: ['fitness'], note: '太极拳', intro: '太极拳教练，清晨在中心花园带练。' },
  { talents: ['cooking'], note: '面点', intro: '会做各式面点，愿意教邻居包饺子。' },
  { talents: ['health'], note: '社区护士', intro: '退休护士，可以量血压、讲健康知识。' },
  { talents: ['law'], note: '', intro: '执业律师，每月提供一次法律咨询。' },
  { talents: ['tech'], note: '智能手机', intro: '程序员，教老人用智能手机和防诈骗。' },
  { talents: ['gardening'], note: '', intro: '喜欢养花种菜，想在小区建一片共享菜园。' },
  { talents: ['painting', 'handicraft'], note: '剪纸', intro: '剪纸非遗传承人。' },
  { talents: ['photography', 'tech'], note: '短视频', intro: '会拍会剪，帮社区记录活动。' },
  { talents: ['tutoring'], note: '初中数学', intro: '暑假可以辅导初中数学。' },
  { talents: ['elderly_care', 'health'], note: '', intro: '做过养老护理员，愿意陪伴独居老人。' },
  { talents: ['music', 'dance'], note: '少儿舞蹈', intro: '舞蹈老师，暑期开少儿舞蹈班。' },
  { talents: ['calligraphy', 'painting'], note: '国画', intro: '国画爱好者，带老人画山水。' },
  { talents: ['handicraft'], note: '布艺', intro: '会做布艺玩偶，想带孩子们做手工。' },
  { talents: ['cooking', 'health'], note: '营养膳食', intro: '营养师，讲老年人膳食搭配。' },
  { talents: ['fitness'], note: '健步走', intro: '组织健步走小队。' },
  { talents: ['reading'], note: '', intro: '图书管理员，想在驿站办读书会。' },
  { talents: ['law', 'elderly_care'], note: '调解', intro: '人民调解员，帮邻里化解矛盾。' },
];
/** pending at 20–22, declined at 23, suspended at 24; the rest approved. */
const PARTNER_STATE = (i: number) =>
  i >= 20 && i <= 22 ? 'pending' : i === 23 ? 'declined' : i === 24 ? 'suspended' : 'approved';

/** The year's projects: title, kind, target, capacity, the lead's index, at the community (c) or compound. */
const PROJECTS: {
  title: string;
  kind: ProjectKind;
  target: string;
  cap: number | null;
  lead: number;
  c?: true;
}[] = [
  { title: '暑期美术班', kind: 'art_class', target: '6–12 岁儿童', cap: 20, lead: 0 },
  { title: '老年婚纱摄影', kind: 'photography', target: '结婚 40 年以上的老人', cap: 12, lead: 1, c: true },
  { title: '新春义写春联', kind: 'culture', target: '全体居民', cap: null, lead: 2, c: true },
  { title: '手工编织小组', kind: 'handicraft', target: '中老年居民', cap: 15, lead: 3 },
  { title: '每月义剪', kind: 'haircut', target: '老人、残疾人', cap: 30, lead: 4 },
  { title: '亲子阅读会', kind: 'reading', target: '亲子家庭', cap: 16, lead: 5 },
  { title: '夕阳红合唱团', kind: 'culture', target: '退休居民', cap: 40, lead: 6, c: true },
  { title: '广场舞队', kind: 'fitness', target: '全体居民', cap: null, lead: 7 },
  { title: '晨练太极', kind: 'fitness', target: '中老年居民', cap: 25, lead: 8 },
  { title: '邻里包饺子', kind: 'culture', target: '全体居民', cap: 30, lead: 9 },
  { title: '健康讲座与义诊', kind: 'health', target: '老人', cap: 50, lead: 10, c: true },
  { title: '法律咨询日', kind: 'other', target: '全体居民', cap: null, lead: 11, c: true },
  { title: '老人智能手机课堂', kind: 'tutoring', target: '60 岁以上老人', cap: 20, lead: 12 },
  { title: '共享菜园', kind: 'other', target: '全体居民', cap: 10, lead: 13 },
  { title: '剪纸非遗课', kind: 'handicraft', target: '儿童、青少年', cap: 15, lead: 14 },
  { title: '社区活动影像记录', kind: 'photography', target: '社区志愿者', cap: 8, lead: 15, c: true },
  { title: '暑期数学辅导', kind: 'tutoring', target: '初中生', cap: 12, lead: 16 },
  { title: '独居老人陪伴', kind: 'health', target: '独居老人', cap: 10, lead: 17 },
  { title: '少儿舞蹈班', kind: 'art_class', target: '5–10 岁儿童', cap: 18, lead: 18 },
  { title: '国画山水班', kind: 'art_class', target: '中老年居民', cap: 15, lead: 19 },
  { title: '寒假美术班', kind: 'art_class', target: '6–12 岁儿童', cap: 20, lead: 0 },
  { title: '重阳节老人写真', kind: 'photography', target: '70 岁以上老人', cap: 20, lead: 1 },
  { title: '书法兴趣班', kind: 'culture', target: '青少年', cap: 15, lead: 2 },
  { title: '爱心围巾编织', kind: 'handicraft', target: '全体居民', cap: 20, lead: 3 },
  { title: '上门义剪', kind: 'haircut', target: '行动不便的老人', cap: 8, lead: 4 },
  { title: '绘本故事会', kind: 'reading', target: '3–6 岁儿童', cap: 12, lead: 5 },
  { title: '端午包粽子', kind: 'culture', target: '全体居民', cap: 25, lead: 9 },
  { title: '防诈骗宣讲', kind: 'tutoring', target: '老人', cap: 40, lead: 12, c: true },
  { title: '阳台种植课', kind: 'other', target: '全体居民', cap: 15, lead: 13 },
  { title: '亲子剪纸', kind: 'handicraft', target: '亲子家庭', cap: 10, lead: 14 },
  { title: '中秋晚会节目排练', kind: 'culture', target: '全体居民', cap: 30, lead: 18, c: true },
  { title: '暑期书法营', kind: 'culture', target: '8–14 岁儿童', cap: 15, lead: 2 },
  { title: '老年摄影入门', kind: 'photography', target: '老人', cap: 12, lead: 15 },
  { title: '健步走小队', kind: 'fitness', target: '全体居民', cap: null, lead: 8 },
  { title: '邻里读书会', kind: 'reading', target: '成年居民', cap: 20, lead: 5 },
];
/** States over the year: the oldest finished, then a few declined/cancelled, then active, approved, proposed. */
function stateOf(i: number): ProjectState {
  if (i < 14) return 'finished';
  if (i === 14 || i === 15) return i === 14 ? 'declined' : 'cancelled';
  if (i < 24) return 'active';
  if (i < 30) return 'approved';
  if (i < 33) return 'proposed';
  return i === 33 ? 'cancelled' : 'declined';
}

const day = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * 春熙社区's 幸福家园合伙人 (25, three pending, one declined, one suspended) and 35 cooperative projects
 * over the past year in every state, with participants. Residents who sign in to the demo (phones
 * 139000000xx) are left out, so the journeys start with them unregistered. Bulk inserts only.
 */
export async function seedDemoPartners(tx: Executor, communityId: string, staff: Actor) {
  const at = now();
  const [community] = await execRows<{ path: string; district_id: string }>(
    tx,
    sql`select path, district_id from org_unit where id = ${communityId}`,
  );
  const people = await execRows<{ id: string; compound_id: string; compound_path: string }>(
    tx,
    sql`select distinct on (p.name, p.id) p.id, c.id as compound_id, c.path as compound_path
        from person p
        join household_member m on m.person_id = p.id
        join household h on h.id = m.household_id
        join org_unit b on b.id = h.building_id
        join org_unit c on c.id = b.parent_id and c.kind = 'compound'
        where h.org_path like ${`${community.path}%`}
          and (p.birth_year is null or p.birth_year <= 2004)
          and not exists (select 1 from user_account u where u.person_id = p.id)
        order by p.name, p.id`,
  );
  if (people.length < 120) throw new Error('demo partners: too few residents in the community');
  // Spread the partners over the list so every compound has some.
  const step = Math.floor(people.length / 60);
  const partnerPeople = TALENT_SETS.map((_, i) => people[i * step]);
  const partners = await tx
    .insert(partner)
    .values(
      TALENT_SETS.map((s, i) => {
        const state = PARTNER_STATE(i);
        const applied = day(at, -360 + i * 3);
        return {
          districtId: community.district_id,
          orgUnitId: partnerPeople[i].compound_id,
          orgPath: partnerPeople[i].compound_path,
          personId: partnerPeople[i].id,
          talents: s.talents,
          talentNote: s.note,
          intro: s.intro,
          state,
          reason:
            state === 'declined'
              ? '所填特长与社区需求暂不匹配'
              : state === 'suspended'
                ? '多次未按约定开展活动'
                : null,
          decidedByName: state === 'pending' ? null : staff.displayName,
          decidedAt: state === 'pending' ? null : day(applied, 2),
          appliedAt: state === 'pending' ? day(at, -3 + (i - 20)) : applied,
          createdAt: applied,
          updatedAt: applied,
        };
      }),
    )
    .returning();
  const byIndex = partners;

  const projects = await tx
    .insert(partnerProject)
    .values(
      PROJECTS.map((p, i) => {
        const lead = partnerPeople[p.lead];
        const created = day(at, -350 + i * 10);
        const state = stateOf(i);
        // Projects still to start (approved, proposed) start in the coming weeks.
        const starts =
          state === 'approved' || state === 'proposed' ? day(at, 7 + (i % 6) * 7) : day(created, 14);
        return {
          districtId: community.district_id,
          orgUnitId: p.c ? communityId : lead.compound_id,
          orgPath: p.c ? community.path : lead.compound_path,
          title: p.title,
          description: `${p.title}：由幸福家园合伙人牵头，面向${p.target}，在邻里驿站或党群服务中心开展。`,
          kind: p.kind,
          state,
          targetParticipants: p.target,
          capacity: p.cap,
          startsOn: isoDay(starts),
          endsOn: isoDay(day(starts, 60)),
          proposedByPersonId: lead.id,
          createdAt: created,
          updatedAt: created,
        };
      }),
    )
    .returning({
      id: partnerProject.id,
      state: partnerProject.state,
      capacity: partnerProject.capacity,
      createdAt: partnerProject.createdAt,
    });
  await tx.insert(partnerProjectLead).values(
    PROJECTS.flatMap((p, i) => {
      const leads = [p.lead];
      // Some projects have a second lead with a related talent.
      if (p.lead === 0 && i > 0) leads.push(14);
      if (p.lead === 1 && i > 1) leads.push(15);
      return leads.map((l) => ({
        projectId: projects[i].id,
        partnerId: byIndex[l].id,
        personId: partnerPeople[l].id,
      }));
    }),
  );

  const history: (typeof partnerProjectHistory.$inferInsert)[] = [];
  const push = (
    projectId: string,
    action: string,
    from: string | null,
    to: string,
    when: Date,
    by: string,
    note?: string,
  ) =>
    history.push({
      projectId,
      action,
      fromState: from,
      toState: to,
      actorUserId: null,
      actorName: by,
      note: note ?? null,
      at: when,
    });
  const participants: (typeof partnerProjectParticipant.$inferInsert)[] = [];
  const counts: number[] = [];
  // Participants: residents who are not partners, taken round-robin through the list.
  const others = people.filter((p) => !partnerPeople.includes(p));
  let cursor = 0;
  projects.forEach((p, i) => {
    const leadName = '合伙人';
    const c = p.createdAt;
    push(p.id, 'propose', null, 'proposed', c, leadName);
    const s = p.state as ProjectState;
    if (s === 'declined')
      push(p.id, 'decline', 'proposed', 'declined', day(c, 3), staff.displayName, '与已有项目重复，建议合并');
    if (['approved', 'active', 'finished', 'cancelled'].includes(s))
      push(p.id, 'approve', 'proposed', 'approved', day(c, 3), staff.displayName);
    if (['active', 'finished'].includes(s) || (s === 'cancelled' && i === 33))
      push(p.id, 'start', 'approved', 'active', day(c, 14), staff.displayName);
    if (s === 'finished') push(p.id, 'finish', 'active', 'finished', day(c, 74), staff.displayName);
    if (s === 'cancelled')
      push(
        p.id,
        'cancel',
        i === 33 ? 'active' : 'approved',
        'cancelled',
        day(c, 20),
        staff.displayName,
        '场地调整，暂停开展',
      );
    let n = 0;
    if (['approved', 'active', 'finished'].includes(s)) {
      const want = Math.min(p.capacity ?? 24, 4 + ((i * 7) % 13));
      // Leave a place or two in open projects so residents can still join.
      n = s === 'finished' ? want : Math.min(want, (p.capacity ?? 99) - 2);
      for (let k = 0; k < n; k++) {
        participants.push({
          projectId: p.id,
          personId: others[cursor % others.length].id,
          joinedAt: day(c, 5 + k),
        });
        cursor++;
      }
    }
    counts.push(n);
  });
  await tx.insert(partnerProjectHistory).values(history);
  if (participants.length) await tx.insert(partnerProjectParticipant).values(participants);
  await tx.execute(sql`update partner_project p set participant_count = x.n
    from (select project_id, count(*)::int as n from partner_project_participant where left_at is null group by project_id) x
    where p.id = x.project_id`);
  return {
    partners: partners.length,
    projects: projects.length,
    participants: counts.reduce((a, b) => a + b, 0),
  };
}
