import { sql } from 'drizzle-orm';
import { type Executor, execRows } from '../../db/client.ts';
import { venue } from './schema.ts';

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
