import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { ToolCategory } from '../../../common/contracts/toolbox.ts';
import { type Executor, execRows } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { communityPathOf } from '../org/index.ts';
import { addDays, today } from './dates.ts';
import { tool, toolLoan, toolLoanEvent } from './schema.ts';

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

type DemoTool = { name: string; category: ToolCategory; stock: number; loanDays?: number; deposit?: string };
const TOOLS: DemoTool[] = [
  { name: '铝合金人字梯', category: 'ladder', stock: 3 },
  { name: '伸缩梯（3米）', category: 'ladder', stock: 1, deposit: '押身份证复印件' },
  { name: '电钻套装', category: 'drill', stock: 2 },
  { name: '冲击钻', category: 'drill', stock: 1, deposit: '押金 100 元，归还时退还' },
  { name: '家用维修工具箱', category: 'repair_kit', stock: 3 },
  { name: '水管维修套装', category: 'repair_kit', stock: 1 },
  { name: '万用表', category: 'repair_kit', stock: 1 },
  { name: '园艺剪刀套装', category: 'gardening', stock: 2 },
  { name: '手推割草机', category: 'gardening', stock: 1 },
  { name: '喷壶与小铲', category: 'gardening', stock: 3 },
  { name: '轮椅', category: 'medical_aid', stock: 2, loanDays: 14, deposit: '押金 200 元，归还时退还' },
  { name: '助行器', category: 'medical_aid', stock: 2, loanDays: 14 },
  { name: '医用拐杖', category: 'medical_aid', stock: 4, loanDays: 14 },
  { name: '电子血压计', category: 'medical_aid', stock: 2 },
  { name: '高压清洗机', category: 'cleaning', stock: 1 },
  { name: '擦窗器套装', category: 'cleaning', stock: 2 },
  { name: '地毯清洗机', category: 'cleaning', stock: 1 },
  { name: '搬家手推车', category: 'moving_trolley', stock: 2, loanDays: 3 },
  { name: '折叠平板车', category: 'moving_trolley', stock: 1, loanDays: 3 },
  { name: '缝纫机', category: 'other', stock: 1 },
  { name: '折叠桌椅套装', category: 'other', stock: 2, loanDays: 3 },
];

/** A Shanghai calendar day at a Shanghai hour, as a UTC instant. */
const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

/**
 * 春熙社区's shared toolbox: ~20 tools at its stations and a year of loans — mostly returned on time,
 * some late, a few out now (units out within stock), one overdue now. Bulk inserts, one seeded PRNG.
 */
export async function seedDemoToolbox(tx: Executor, communityId: string, staff: Actor) {
  const rand = rng(20261130);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const [community] = await execRows<{ path: string }>(
    tx,
    sql`select path from org_unit where id = ${communityId}`,
  );
  const venues = await execRows<{
    id: string;
    kind: string;
    org_unit_id: string;
    org_path: string;
    district_id: string;
  }>(
    tx,
    sql`select id, kind, org_unit_id, org_path, district_id from venue
        where org_path like ${`${community.path}%`} and active order by name`,
  );
  // Tools are kept at the 邻里驿站; mobility aids at the service centre, where staff are all day.
  const stations = venues.filter((v) => v.kind === 'station');
  const centre = venues.find((v) => v.kind === 'service_centre');
  if (stations.length === 0 && !centre) return { tools: 0, loans: 0 };
  const placeOf = (i: number, d: DemoTool) =>
    (d.category === 'medical_aid' && centre) || stations.length === 0
      ? centre!
      : stations[i % stations.length];
  const people = await execRows<{ id: string; name: string }>(
    tx,
    sql`select p.id, p.name from person p
        join household_member hm on hm.person_id = p.id
        join household h on h.id = hm.household_id
        where h.org_path like ${`${community.path}%`}
        order by h.org_path, h.unit_no, h.room, p.name, p.id limit 300`,
  );
  const [tian] = await execRows<{ id: string; name: string }>(
    tx,
    sql`select id, name from person where phone = '13900000007'`,
  );
  const day = today();
  const start = addDays(day, -365);
  const tools: (typeof tool.$inferInsert)[] = [];
  const loans: (typeof toolLoan.$inferInsert)[] = [];
  const events: (typeof toolLoanEvent.$inferInsert)[] = [];
  let overdueLent = false;
  const lend = (
    t: typeof tool.$inferInsert & { id: string },
    who: { id: string; name: string },
    lent: string,
    due: string,
    back: string | null,
    condition: 'good' | 'worn' = 'good',
  ) => {
    const id = randomUUID();
    loans.push({
      id,
      districtId: t.districtId,
      toolId: t.id,
      orgPath: t.orgPath,
      communityPath: t.communityPath,
      personId: who.id,
      borrowerName: who.name,
      state: back ? 'returned' : 'out',
      lentAt: at(lent, 10),
      lentBy: staff.userId,
      lentByName: staff.displayName,
      dueDate: due,
      returnedAt: back ? at(back, 16) : null,
      returnCondition: back ? condition : null,
    });
    const actor = { actorUserId: staff.userId, actorName: staff.displayName };
    events.push({
      loanId: id,
      action: 'lent',
      toState: 'out',
      note: `应还日期 ${due}`,
      at: at(lent, 10),
      ...actor,
    });
    if (back)
      events.push({
        loanId: id,
        action: 'returned',
        fromState: 'out',
        toState: 'returned',
        note: condition === 'good' ? '完好' : '有磨损',
        at: at(back, 16),
        ...actor,
      });
  };
  for (const [i, d] of TOOLS.entries()) {
    const v = placeOf(i, d);
    const t = {
      id: randomUUID(),
      districtId: v.district_id,
      venueId: v.id,
      orgUnitId: v.org_unit_id,
      orgPath: v.org_path,
      communityPath: communityPathOf(v.org_path)!,
      name: d.name,
      category: d.category,
      stock: d.stock,
      unitsOut: 0,
      loanDays: d.loanDays ?? 7,
      depositNote: d.deposit ?? '',
      conditionNotes: '',
    };
    tools.push(t);
    const loanDays = t.loanDays;
    // Each unit's own timeline, so units out never exceed the stock. Unit 0 of a tool with more than
    // one unit is never out now: the catalogue always shows something free.
    for (let unit = 0; unit < d.stock; unit++) {
      // The one overdue now: the last unit of the first trolley, lent six days ago for three.
      const overdue = d.category === 'moving_trolley' && unit === d.stock - 1 && !overdueLent;
      const end = overdue ? addDays(day, -7) : day;
      let cursor = addDays(start, Math.floor(rand() * 20));
      for (;;) {
        const lent = addDays(cursor, 2 + Math.floor(rand() * 25));
        if (lent >= end) break;
        const due = addDays(lent, loanDays);
        const held =
          rand() < 0.12 ? loanDays + 1 + Math.floor(rand() * 6) : 1 + Math.floor(rand() * loanDays);
        const back = addDays(lent, held);
        if (back >= end) {
          // Out now, only if not yet overdue; unit 0 of a tool with more units stays free.
          if (!overdue && due >= day && (unit > 0 || d.stock === 1)) {
            lend(t, pick(people), lent, due, null);
            t.unitsOut++;
          }
          break;
        }
        lend(t, pick(people), lent, due, back, rand() < 0.1 ? 'worn' : 'good');
        cursor = back;
      }
      if (overdue) {
        const lent = addDays(day, -6);
        lend(t, people[7 % people.length], lent, addDays(lent, 3), null);
        t.unitsOut++;
        overdueLent = true;
      }
    }
  }
  // 田志明's own history: one returned loan from spring, one out now (not overdue).
  if (tian) {
    const spring = loans.find((l) => l.returnedAt && l.lentAt >= at(addDays(day, -220), 0));
    if (spring) Object.assign(spring, { personId: tian.id, borrowerName: tian.name });
    const now = loans.find((l) => l.state === 'out' && l.dueDate >= day);
    if (now) Object.assign(now, { personId: tian.id, borrowerName: tian.name });
  }
  await tx.insert(tool).values(tools);
  for (let i = 0; i < loans.length; i += 1000) await tx.insert(toolLoan).values(loans.slice(i, i + 1000));
  for (let i = 0; i < events.length; i += 1000)
    await tx.insert(toolLoanEvent).values(events.slice(i, i + 1000));
  return { tools: tools.length, loans: loans.length };
}
