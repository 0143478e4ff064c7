import { sql } from 'drizzle-orm';
import type { DutySheet } from '../../../common/contracts/case-lists.ts';
import { type Executor, execRows } from '../../db/client.ts';
import { now } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { qrSvg } from '../../platform/qr.ts';
import { nameOrgUnits, pathIds } from '../org/index.ts';

// 部门职责清单: the sheet posted at a compound's entrance (社区吹哨、部门报到 made visible): the
// community, the grid worker(s) of its buildings with their work phones, the departments that answer
// for matters inside compounds with their duty phones, the property company, and a QR code to report a
// case. Public, no login: it names staff and units only, never a resident.
//
// Grids, departments and partner units belong to the org module; like whistles.ts this module only
// reads them here, by plain SQL, and never writes them.

/** Where a resident reports a case about this compound on the phone. */
export function reportPath(compoundId: string): string {
  return `/m/cases/report?orgUnitId=${compoundId}`;
}

export async function dutySheet(db: Executor, compoundId: string, origin: string): Promise<DutySheet> {
  const [compound] = await execRows<{ id: string; name: string; path: string; kind: string }>(
    db,
    sql`select id, name, path, kind from org_unit where id = ${compoundId}`,
  );
  if (compound?.kind !== 'compound') throw new AppError('not_found');
  const ids = pathIds(compound.path);
  const names = await nameOrgUnits(db, ids);
  const workers = await execRows<{
    grid: string;
    name: string | null;
    phone: string | null;
    buildings: string;
  }>(
    db,
    sql`select g.name as grid, u.display_name as name, u.phone as phone,
          string_agg(b.name, '、' order by b.name) as buildings
        from grid_building gb
        join grid g on g.id = gb.grid_id
        join org_unit b on b.id = gb.building_id
        left join user_account u on u.id = g.worker_user_id and u.disabled_at is null
        where b.parent_id = ${compound.id}
        group by g.id, g.name, u.display_name, u.phone
        order by g.name`,
  );
  const departments = await execRows<{ name: string; duty_phone: string; responsibilities: string[] }>(
    db,
    sql`select name, duty_phone, responsibilities from department
        where ${compound.path} like org_path || '%' order by code`,
  );
  const property = await execRows<{ name: string; phone: string | null }>(
    db,
    sql`select name, contact_phone as phone from partner_unit
        where kind = 'property' and ${compound.path} like org_path || '%' order by name`,
  );
  const reportUrl = `${origin}${reportPath(compound.id)}`;
  return {
    compoundId: compound.id,
    compoundName: compound.name,
    communityName: names.get(ids[2]) ?? '',
    subdistrictName: names.get(ids[1]) ?? '',
    districtName: names.get(ids[0]) ?? '',
    gridWorkers: workers.map((w) => ({
      name: w.name ?? '（待配备）',
      workPhone: w.phone,
      grid: w.grid,
      buildings: w.buildings,
    })),
    departments: departments.map((d) => ({
      name: d.name,
      dutyPhone: d.duty_phone,
      responsibilities: d.responsibilities ?? [],
    })),
    propertyCompanies: property.map((p) => ({ name: p.name, phone: p.phone })),
    reportUrl,
    qrSvg: await qrSvg(reportUrl),
    printedAt: now().toISOString(),
  };
}

/** The compounds of a community, for the index of duty sheets; 404 for anything but a community. */
export async function dutySheetIndex(db: Executor, communityId: string) {
  const [community] = await execRows<{ id: string; name: string; kind: string }>(
    db,
    sql`select id, name, kind from org_unit where id = ${communityId}`,
  );
  if (community?.kind !== 'community') throw new AppError('not_found');
  const items = await execRows<{ id: string; name: string }>(
    db,
    sql`select id, name from org_unit where parent_id = ${community.id} and kind = 'compound' order by name`,
  );
  return { communityName: community.name, items };
}
