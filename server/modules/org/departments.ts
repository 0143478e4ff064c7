import { and, asc, eq, ilike, ne, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  DepartmentOut,
  departmentCreate,
  departmentQuery,
  departmentUpdate,
} from '../../../common/contracts/departments.ts';
import type { Permission } from '../../../common/permissions.ts';
import type { Executor } from '../../db/client.ts';
import { type Actor, allowedActions, can, hasPermission } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit, nameOrgUnits } from './org-units.ts';
import { department } from './schema.ts';

// Departments sit at the district (or a subdistrict) and serve everything below it: a community's
// staff must see the 城管 duty phone although the department lies above their own scope. So reading
// reaches up the tree as well as down; writing stays the ordinary subtree rule (department:write).

export type DepartmentRow = typeof department.$inferSelect;

/** Does any grant holding `p` lie on the same branch of the tree as `orgPath` (above or below it)? */
function onBranch(actor: Actor, p: Permission, orgPath: string): boolean {
  return actor.grants.some(
    (g) => hasPermission(g, p) && (orgPath.startsWith(g.orgPath) || g.orgPath.startsWith(orgPath)),
  );
}

/** The SQL form of `onBranch` for lists. */
function branchCondition(actor: Actor, p: Permission): SQL {
  const parts = actor.grants
    .filter((g) => hasPermission(g, p))
    .map(
      (g) =>
        sql`(${department.orgPath} like ${`${g.orgPath}%`} or ${g.orgPath} like ${department.orgPath} || '%')`,
    );
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

/** Out of the actor's branch → 404; visible but not `p` here → 403. */
function authorizeDepartment(actor: Actor, p: Permission, orgPath: string): void {
  if (!onBranch(actor, 'department:read', orgPath) && !can(actor, p, { orgPath }))
    throw new AppError('not_found');
  const allowed = p === 'department:read' ? onBranch(actor, p, orgPath) : can(actor, p, { orgPath });
  if (!allowed) throw new AppError('forbidden');
}

export async function loadDepartment(db: Executor, id: string, lock = false): Promise<DepartmentRow> {
  const q = db.select().from(department).where(eq(department.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found');
  return row;
}

async function present(db: Executor, actor: Actor, rows: DepartmentRow[]): Promise<DepartmentOut[]> {
  const units = await nameOrgUnits(db, [...new Set(rows.map((r) => r.orgUnitId))]);
  return rows.map((d) => ({
    id: d.id,
    orgUnitId: d.orgUnitId,
    orgUnitName: units.get(d.orgUnitId) ?? '',
    code: d.code,
    name: d.name,
    dutyPhone: d.dutyPhone,
    responsibilities: d.responsibilities,
    allowed: allowedActions(actor, { orgPath: d.orgPath }, ['department:write']),
  }));
}

export async function getDepartment({ actor, db }: QueryContext, id: string): Promise<DepartmentOut> {
  const d = await loadDepartment(db, id);
  authorizeDepartment(actor, 'department:read', d.orgPath);
  return (await present(db, actor, [d]))[0];
}

/** All departments serving the actor's area; `q` matches the name, the code or a responsibility. */
export async function listDepartments({ actor, db }: QueryContext, q: z.infer<typeof departmentQuery>) {
  const where: (SQL | undefined)[] = [branchCondition(actor, 'department:read')];
  if (q.q) {
    const pattern = `%${q.q}%`;
    where.push(
      or(
        ilike(department.name, pattern),
        ilike(department.code, pattern),
        sql`exists (select 1 from unnest(${department.responsibilities}) r where r ilike ${pattern})`,
      ),
    );
  }
  const rows = await db
    .select()
    .from(department)
    .where(and(...where))
    .orderBy(asc(department.orgPath), asc(department.name))
    .limit(500);
  return { items: await present(db, actor, rows) };
}

/** Codes name a department in case routing, so they are unique within a district. */
async function assertCodeFree(db: Executor, districtId: string, code: string, self?: string) {
  const [dup] = await db
    .select({ id: department.id })
    .from(department)
    .where(
      and(
        eq(department.districtId, districtId),
        eq(department.code, code),
        self ? ne(department.id, self) : undefined,
      ),
    );
  if (dup) throw new AppError('duplicate_department_code', { departmentId: dup.id });
}

export async function createDepartment(
  ctx: CommandContext,
  input: z.infer<typeof departmentCreate>,
): Promise<DepartmentOut> {
  const unit = await loadOrgUnit(ctx.tx, input.orgUnitId);
  authorizeDepartment(ctx.actor, 'department:write', unit.path);
  if (unit.kind !== 'district' && unit.kind !== 'subdistrict') throw new AppError('department_level');
  await assertCodeFree(ctx.tx, unit.districtId, input.code);
  const [row] = await ctx.tx
    .insert(department)
    .values({
      districtId: unit.districtId,
      orgUnitId: unit.id,
      orgPath: unit.path,
      code: input.code,
      name: input.name,
      dutyPhone: input.dutyPhone,
      responsibilities: input.responsibilities,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'org.department_created',
    subjectType: 'department',
    subjectId: row.id,
    orgPath: row.orgPath,
    orgUnitId: unit.id,
    summary: `在「${unit.name}」新建职能部门「${row.name}」（${row.code}）`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}

export async function updateDepartment(
  ctx: CommandContext,
  id: string,
  patch: z.infer<typeof departmentUpdate>,
): Promise<DepartmentOut> {
  const d = await loadDepartment(ctx.tx, id, true);
  authorizeDepartment(ctx.actor, 'department:write', d.orgPath);
  if (patch.code !== undefined && patch.code !== d.code)
    await assertCodeFree(ctx.tx, d.districtId, patch.code, d.id);
  const changed = (Object.keys(patch) as (keyof typeof patch)[]).filter(
    (k) => JSON.stringify(patch[k]) !== JSON.stringify(d[k]),
  );
  if (changed.length === 0) return (await present(ctx.tx, ctx.actor, [d]))[0];
  const [row] = await ctx.tx.update(department).set(patch).where(eq(department.id, id)).returning();
  await recordAudit(ctx, {
    action: 'org.department_updated',
    subjectType: 'department',
    subjectId: id,
    orgPath: d.orgPath,
    orgUnitId: d.orgUnitId,
    summary: `修改职能部门「${d.name}」：${changed.map((k) => FIELD_LABEL[k]).join('、')}`,
  });
  return (await present(ctx.tx, ctx.actor, [row]))[0];
}

const FIELD_LABEL: Record<keyof z.infer<typeof departmentUpdate>, string> = {
  code: '编码',
  name: '名称',
  dutyPhone: '值班电话',
  responsibilities: '职责清单',
};
