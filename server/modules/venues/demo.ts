import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { WeeklyHours } from '../../../common/contracts/venues.ts';
import { type Executor, execRows } from '../../db/client.ts';
import type { Actor } from '../../platform/access.ts';
import { now, shanghaiDate } from '../../platform/clock.ts';
import { addDays, shanghaiInstant } from './hours.ts';
import { serviceSeries, serviceSession, venue, venueBooking, venueSpace } from './schema.ts';
import { GENERATE_WEEKS, seriesDates } from './services.ts';

/** 春熙社区's places: the service centre, the neighbourhood stations, the deliberation corridors. */
export async function seedDemoVenues(tx: Executor, communityId: string) {
  const units = await execRows<{ id: string; name: string; path: string; kind: string; district_id: string }>(
    tx,
    sql`select id, name, path, kind, district_id from org_unit
        where path like (select path from org_unit where id = ${communityId}) || '%'
          and kind in ('community', 'compound') order by depth, name`,
  );
  const at = (name: string) => {
    const u = units.find((x) => x.name === name);
    if (!u) throw new Error(`demo unit ${name} missing`);
    return { orgUnitId: u.id, orgPath: u.path, districtId: u.district_id };
  };
  const rows = await tx
    .insert(venue)
    .values([
      {
        ...at('春熙社区'),
        name: '春熙社区党群服务中心',
        kind: 'service_centre',
        address: '春熙路 88 号',
        facilities: ['会议室', '投影', '无障碍通道', '饮水'],
        openingHours: '周一至周五 9:00–17:30，周六 9:00–12:00',
        capacity: 60,
      },
      {
        ...at('幸福家园小区'),
        name: '幸福家园邻里驿站',
        kind: 'station',
        address: '幸福家园小区 3 号楼旁',
        facilities: ['议事桌', '图书角', '饮水'],
        openingHours: '每日 8:30–20:00',
        capacity: 25,
      },
      {
        ...at('幸福家园小区'),
        name: '幸福家园议事长廊',
        kind: 'corridor',
        address: '幸福家园小区中心花园长廊',
        facilities: ['长椅', '公示栏', '书记茶摊'],
        openingHours: '每周三 18:30–20:30（书记茶摊）',
        capacity: 40,
      },
      {
        ...at('阳光花园'),
        name: '阳光花园议事长廊',
        kind: 'corridor',
        address: '阳光花园南门廊架',
        facilities: ['长椅', '公示栏'],
        openingHours: '每周四 18:30–20:30',
        capacity: 30,
      },
      {
        ...at('锦绣苑'),
        name: '锦绣苑邻里驿站',
        kind: 'station',
        address: '锦绣苑物业楼一层',
        facilities: ['议事桌', '饮水'],
        openingHours: '每日 9:00–18:00',
        capacity: 20,
      },
    ])
    .returning();
  return rows;
}

const days = (from: number, to: number, open: string, close: string): WeeklyHours =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ weekday: from + i, open, close }));

/** Structured hours, spaces, bookings and a year of recurring services for the demo venues. */
const PLAN: Record<string, { hours: WeeklyHours; note: string; spaces: [string, number, string[]][] }> = {
  春熙社区党群服务中心: {
    hours: [...days(1, 5, '09:00', '17:30'), { weekday: 6, open: '09:00', close: '12:00' }],
    note: '法定节假日闭馆；康养小站可免费测血压',
    spaces: [
      ['多功能会议室', 60, ['投影', '音响', '无障碍通道']],
      ['康养小站', 10, ['血压计', '体重秤', '诊疗床']],
      ['棋牌天地', 16, ['棋牌桌', '饮水']],
      ['阅读角', 15, ['图书', '台灯']],
      ['培训教室', 30, ['投影', '白板']],
    ],
  },
  幸福家园邻里驿站: {
    hours: days(1, 7, '08:30', '20:00'),
    note: '理发角隔周五下午开放',
    spaces: [
      ['议事室', 20, ['议事桌', '白板']],
      ['理发角', 4, ['理发椅', '镜子']],
      ['阅读角', 10, ['图书']],
    ],
  },
  幸福家园议事长廊: {
    hours: [{ weekday: 3, open: '18:30', close: '20:30' }],
    note: '书记茶摊，雨天移至邻里驿站',
    spaces: [['书记茶摊', 40, ['长椅', '茶具']]],
  },
  阳光花园议事长廊: {
    hours: [{ weekday: 4, open: '18:30', close: '20:30' }],
    note: '',
    spaces: [['长廊', 30, ['长椅']]],
  },
  锦绣苑邻里驿站: {
    hours: days(1, 7, '09:00', '18:00'),
    note: '周六上午公益律师值班',
    spaces: [
      ['活动室', 20, ['桌椅', '饮水']],
      ['调解室', 6, ['会谈桌']],
    ],
  },
};

type SeriesPlan = {
  venue: string;
  space: string;
  kind: string;
  title: string;
  provider: string;
  weekday: number;
  everyWeeks: number;
  start: string;
  end: string;
  visits: [number, number];
};
const SERIES: SeriesPlan[] = [
  {
    venue: '春熙社区党群服务中心',
    space: '康养小站',
    kind: 'clinic',
    title: '周二健康义诊',
    provider: '春熙社区卫生服务站 · 红色医疗志愿服务队',
    weekday: 2,
    everyWeeks: 1,
    start: '09:00',
    end: '11:30',
    visits: [18, 36],
  },
  {
    venue: '春熙社区党群服务中心',
    space: '康养小站',
    kind: 'rehab',
    title: '康复理疗',
    provider: '区中医院康复科',
    weekday: 4,
    everyWeeks: 1,
    start: '14:00',
    end: '16:30',
    visits: [6, 14],
  },
  {
    venue: '幸福家园邻里驿站',
    space: '理发角',
    kind: 'haircut',
    title: '低价理发（5元）',
    provider: '红马甲理发志愿队',
    weekday: 5,
    everyWeeks: 2,
    start: '14:00',
    end: '17:00',
    visits: [10, 22],
  },
  {
    venue: '锦绣苑邻里驿站',
    space: '调解室',
    kind: 'legal',
    title: '法律咨询',
    provider: '春熙律师事务所 · 公益律师',
    weekday: 6,
    everyWeeks: 1,
    start: '09:30',
    end: '11:30',
    visits: [2, 8],
  },
  {
    venue: '幸福家园邻里驿站',
    space: '议事室',
    kind: 'legal',
    title: '法律咨询（驿站）',
    provider: '社区法律顾问',
    weekday: 3,
    everyWeeks: 1,
    start: '15:00',
    end: '17:00',
    visits: [2, 7],
  },
];

/** Other bookings a year holds: trainings, activities, reading hours (meetings come from the meetings). */
const RECURRING: {
  venue: string;
  space: string;
  kind: string;
  purpose: string;
  weekday: number;
  everyWeeks: number;
  start: string;
  end: string;
}[] = [
  {
    venue: '春熙社区党群服务中心',
    space: '培训教室',
    kind: 'training',
    purpose: '志愿者技能培训',
    weekday: 3,
    everyWeeks: 2,
    start: '14:00',
    end: '16:00',
  },
  {
    venue: '春熙社区党群服务中心',
    space: '棋牌天地',
    kind: 'activity',
    purpose: '银龄棋牌友谊赛',
    weekday: 1,
    everyWeeks: 1,
    start: '14:30',
    end: '16:30',
  },
  {
    venue: '春熙社区党群服务中心',
    space: '阅读角',
    kind: 'activity',
    purpose: '亲子共读',
    weekday: 6,
    everyWeeks: 1,
    start: '09:30',
    end: '11:00',
  },
  {
    venue: '春熙社区党群服务中心',
    space: '多功能会议室',
    kind: 'activity',
    purpose: '红色电影放映',
    weekday: 5,
    everyWeeks: 4,
    start: '14:00',
    end: '16:30',
  },
  {
    venue: '幸福家园邻里驿站',
    space: '阅读角',
    kind: 'activity',
    purpose: '四点半课堂',
    weekday: 2,
    everyWeeks: 1,
    start: '16:30',
    end: '18:00',
  },
  {
    venue: '锦绣苑邻里驿站',
    space: '活动室',
    kind: 'activity',
    purpose: '广场舞排练',
    weekday: 4,
    everyWeeks: 1,
    start: '09:00',
    end: '10:30',
  },
];

const HOLIDAYS: [string, string][] = [
  ['2026-01-01', '2026-01-03'],
  ['2026-02-15', '2026-02-23'],
  ['2026-05-01', '2026-05-05'],
  ['2026-10-01', '2026-10-08'],
  ['2027-01-01', '2027-01-03'],
];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * The demo community's venue life: structured hours, spaces, a year of bookings (meetings from the
 * meetings demo, trainings, activities) and recurring services with visits for past sessions. Bulk
 * inserts, deterministic; a slot already taken is skipped, never double-booked.
 */
export async function seedDemoVenueLife(tx: Executor, communityId: string, staff: Actor) {
  const rand = rng(7_2026);
  const [community] = await execRows<{ path: string }>(
    tx,
    sql`select path from org_unit where id = ${communityId}`,
  );
  const venues = await tx
    .select()
    .from(venue)
    .where(sql`${venue.orgPath} like ${`${community.path}%`}`);
  const byName = new Map(venues.map((v) => [v.name, v]));
  for (const [name, plan] of Object.entries(PLAN)) {
    const v = byName.get(name);
    if (v)
      await tx
        .update(venue)
        .set({ weeklyHours: plan.hours, openingHours: plan.note })
        .where(eq(venue.id, v.id));
  }
  const spaceRows = await tx
    .insert(venueSpace)
    .values(
      Object.entries(PLAN).flatMap(([name, plan]) => {
        const v = byName.get(name);
        return v
          ? plan.spaces.map(([n, capacity, facilities]) => ({ venueId: v.id, name: n, capacity, facilities }))
          : [];
      }),
    )
    .returning();
  const spaceOf = (venueName: string, space: string) => {
    const v = byName.get(venueName)!;
    return { v, s: spaceRows.find((x) => x.venueId === v.id && x.name === space)! };
  };

  const today = shanghaiDate();
  const yearAgo = '2025-12-01';
  const horizon = addDays(today, GENERATE_WEEKS * 7);
  const at = now();
  type B = typeof venueBooking.$inferInsert;
  const bookings: B[] = [];
  const taken = new Map<string, [number, number][]>();
  const take = (b: B) => {
    const list = taken.get(b.spaceId) ?? [];
    const [s, e] = [b.startsAt.getTime(), b.endsAt.getTime()];
    if (list.some(([x, y]) => x < e && s < y)) return false;
    list.push([s, e]);
    taken.set(b.spaceId, list);
    bookings.push(b);
    return true;
  };
  const who = { bookedByUserId: staff.userId, bookedByName: staff.displayName };

  // Services first: their slots are the fixed ones.
  const series = await tx
    .insert(serviceSeries)
    .values(
      SERIES.map((p) => {
        const { v, s } = spaceOf(p.venue, p.space);
        return {
          venueId: v.id,
          spaceId: s.id,
          orgPath: v.orgPath,
          kind: p.kind,
          title: p.title,
          providerName: p.provider,
          weekdays: [p.weekday],
          everyWeeks: p.everyWeeks,
          startTime: p.start,
          endTime: p.end,
          validFrom: yearAgo,
          createdByName: staff.displayName,
        };
      }),
    )
    .returning();
  const sessions: (typeof serviceSession.$inferInsert & { booking: B })[] = [];
  for (const [i, s] of series.entries()) {
    const [lo, hi] = SERIES[i].visits;
    for (const d of seriesDates(s, yearAgo, horizon)) {
      const startsAt = shanghaiInstant(d, s.startTime);
      const endsAt = shanghaiInstant(d, s.endTime);
      const booking: B = {
        spaceId: s.spaceId,
        venueId: s.venueId,
        orgPath: s.orgPath,
        startsAt,
        endsAt,
        purpose: s.title,
        kind: 'service',
        ...who,
        bookedByName: s.createdByName,
      };
      if (!take(booking)) continue;
      const past = endsAt <= at;
      // Services pause on public holidays (元旦, 春节, 劳动节, 国庆).
      const cancelled = HOLIDAYS.some(([from, to]) => d >= from && d <= to);
      if (cancelled) booking.state = 'cancelled';
      sessions.push({
        seriesId: s.id,
        venueId: s.venueId,
        spaceId: s.spaceId,
        orgPath: s.orgPath,
        startsAt,
        endsAt,
        state: cancelled ? 'cancelled' : 'scheduled',
        visits: past && !cancelled ? lo + Math.floor(rand() * (hi - lo + 1)) : null,
        visitsRecordedAt: past && !cancelled ? endsAt : null,
        visitsRecordedByName: past && !cancelled ? staff.displayName : null,
        note: cancelled ? '节假日暂停' : null,
        booking,
      });
    }
  }

  // Meetings held in the venues book their first space.
  const meetings = await execRows<{
    id: string;
    title: string;
    venue_id: string;
    starts_at: string;
    ends_at: string;
    state: string;
  }>(
    tx,
    sql`select id, title, venue_id, starts_at, ends_at, state from meeting
        where venue_id in (select id from venue where org_path like ${`${community.path}%`}) order by starts_at`,
  );
  for (const m of meetings) {
    const v = venues.find((x) => x.id === m.venue_id);
    const first = v && PLAN[v.name]?.spaces[0][0];
    if (!v || !first) continue;
    const { s } = spaceOf(v.name, first);
    take({
      spaceId: s.id,
      venueId: v.id,
      orgPath: v.orgPath,
      startsAt: new Date(m.starts_at),
      endsAt: new Date(m.ends_at),
      purpose: m.title,
      kind: 'meeting',
      meetingId: m.id,
      ...who,
      state: m.state === 'cancelled' ? 'cancelled' : 'booked',
    });
  }

  for (const r of RECURRING) {
    const { v, s } = spaceOf(r.venue, r.space);
    const rule = { weekdays: [r.weekday], everyWeeks: r.everyWeeks, validFrom: yearAgo, validTo: null };
    for (const d of seriesDates(rule, yearAgo, horizon))
      take({
        spaceId: s.id,
        venueId: v.id,
        orgPath: v.orgPath,
        startsAt: shanghaiInstant(d, r.start),
        endsAt: shanghaiInstant(d, r.end),
        purpose: r.purpose,
        kind: r.kind,
        ...who,
      });
  }

  // Ids made here, so one insert needs no RETURNING to link the sessions to their bookings.
  for (const b of bookings) b.id = randomUUID();
  await tx.insert(venueBooking).values(bookings);
  const rows = sessions.map(({ booking, ...s }) => ({ ...s, bookingId: booking.id }));
  await tx.insert(serviceSession).values(rows);
  return { spaces: spaceRows.length, bookings: bookings.length, sessions: sessions.length };
}
