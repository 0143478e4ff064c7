import { and, eq, inArray, like } from 'drizzle-orm';
import {
  type ImportMode,
  type ImportStatus,
  ROSTER_LIMITS,
  type RosterImportOut,
  type RosterIssue,
} from '../../../common/contracts/rosters.ts';
import type { Db } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type Actor, authorize } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { QueryContext, RequestInfo } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit, type OrgUnitRow } from './org-units.ts';
import { applyRoster } from './roster-apply.ts';
import { readRosterSheet } from './roster-read.ts';
import { issue, type Places, validateRoster } from './roster-validate.ts';
import { orgUnit, rosterImport } from './schema.ts';

// A roster import runs in two halves. In the request: authorise, refuse unsafe files, record a
// `roster_import` row and answer 202 with its id. After the response: parse, check every row
// (recording progress as it goes), then apply in one transaction that also finishes the row, so a
// poller sees either the old data with status running or the new data with status done.

type ImportRow = typeof rosterImport.$inferSelect;
/** What the report column holds (JSON): the issues kept, and exact counts beyond them. */
type StoredReport = { items: RosterIssue[]; errorRows: number; warningRows: number; truncated: boolean };

const PROGRESS_EVERY = 200;

/** The unit a roster is imported into: a community or a compound, in the actor's scope. */
export async function importTarget({ actor, db }: QueryContext, orgUnitId: string): Promise<OrgUnitRow> {
  const unit = await loadOrgUnit(db, orgUnitId);
  authorize(actor, 'roster:import', { orgPath: unit.path });
  if (unit.kind !== 'community' && unit.kind !== 'compound') throw new AppError('roster_target_invalid');
  return unit;
}

export async function createImport(
  db: Db,
  actor: Actor,
  unit: OrgUnitRow,
  input: { fileName: string; mode: ImportMode; estimatedRows: number },
): Promise<ImportRow> {
  const [row] = await db
    .insert(rosterImport)
    .values({
      districtId: unit.districtId,
      orgUnitId: unit.id,
      orgPath: unit.path,
      userId: actor.userId!,
      fileName: input.fileName,
      mode: input.mode,
      status: 'running',
      totalRows: input.estimatedRows,
    })
    .returning();
  return row;
}

function storedReport(issues: RosterIssue[], errorRows: number, warningRows: number): string {
  const report: StoredReport = {
    items: issues.slice(0, ROSTER_LIMITS.maxReportEntries),
    errorRows,
    warningRows,
    truncated: issues.length > ROSTER_LIMITS.maxReportEntries,
  };
  return JSON.stringify(report);
}

async function loadPlaces(db: Db, unit: OrgUnitRow): Promise<Places> {
  const rows = await db
    .select({
      id: orgUnit.id,
      name: orgUnit.name,
      kind: orgUnit.kind,
      path: orgUnit.path,
      parentId: orgUnit.parentId,
      districtId: orgUnit.districtId,
    })
    .from(orgUnit)
    .where(and(like(orgUnit.path, `${unit.path}%`), inArray(orgUnit.kind, ['compound', 'building'])));
  return {
    target: unit,
    compounds: rows.filter((r) => r.kind === 'compound'),
    buildings: rows.filter((r) => r.kind === 'building'),
  };
}

export type ImportJob = {
  db: Db;
  actor: Actor;
  request?: RequestInfo;
  unit: OrgUnitRow;
  importId: string;
  mode: ImportMode;
  fileName: string;
  file: Buffer;
  log?: (err: unknown) => void;
};

async function finish(
  db: Db,
  id: string,
  status: ImportStatus,
  set: Partial<typeof rosterImport.$inferInsert>,
) {
  await db
    .update(rosterImport)
    .set({ status, finishedAt: now(), ...set })
    .where(eq(rosterImport.id, id));
}

/** The background half. Never throws: whatever goes wrong ends as status `failed`. */
export async function runImport(job: ImportJob): Promise<void> {
  const { db, importId: id } = job;
  try {
    // A zip that passed the guard can still hold XML the parser rejects: that is the file's fault.
    const sheet = await readRosterSheet(job.file).catch((err: unknown) => {
      job.log?.(err);
      return null;
    });
    if (!sheet) {
      await finish(db, id, 'rejected', {
        totalRows: 0,
        report: storedReport([issue(0, '', 'unreadable_file')], 0, 0),
      });
      return;
    }
    if (!sheet.ok) {
      const issues = sheet.missing.map((key) => issue(1, key, 'missing_column'));
      await finish(db, id, 'rejected', { totalRows: 0, report: storedReport(issues, 1, 0) });
      return;
    }
    const total = sheet.rows.length;
    await db.update(rosterImport).set({ totalRows: total, processedRows: 0 }).where(eq(rosterImport.id, id));
    const places = await loadPlaces(db, job.unit);
    const v = await validateRoster(
      sheet.rows,
      places,
      async (checked) => {
        await db.update(rosterImport).set({ processedRows: checked }).where(eq(rosterImport.id, id));
      },
      PROGRESS_EVERY,
    );
    const report = storedReport(v.issues, v.errorRows, v.warningRows);
    if (job.mode === 'all_or_nothing' && v.errorRows > 0) {
      await finish(db, id, 'rejected', { processedRows: total, report });
      return;
    }
    await inTransaction(db, async (tx) => {
      // Imports into one community queue behind each other instead of racing to create rooms.
      const communityId = job.unit.kind === 'compound' ? job.unit.parentId! : job.unit.id;
      await loadOrgUnit(tx, communityId, true);
      const counts = await applyRoster(tx, v.rows);
      if (counts.created + counts.updated > 0) {
        await recordAudit(
          { actor: job.actor, tx, request: job.request },
          {
            action: 'org.roster_imported',
            subjectType: 'roster_import',
            subjectId: id,
            orgPath: job.unit.path,
            orgUnitId: job.unit.id,
            summary:
              `导入住户花名册「${job.fileName}」到「${job.unit.name}」：新增 ${counts.created} 人，更新 ${counts.updated} 人，` +
              `未变 ${counts.unchanged} 人；新建住户 ${counts.householdsCreated} 户，更新住户 ${counts.householdsUpdated} 户；` +
              `错误行 ${v.errorRows} 行未导入`,
          },
        );
      }
      await tx
        .update(rosterImport)
        .set({
          status: 'done',
          processedRows: total,
          createdCount: counts.created,
          updatedCount: counts.updated,
          unchangedCount: counts.unchanged,
          report,
          finishedAt: now(),
        })
        .where(eq(rosterImport.id, id));
    });
  } catch (err) {
    job.log?.(err);
    try {
      await finish(db, id, 'failed', { report: storedReport([issue(0, '', 'import_error')], 0, 0) });
    } catch (again) {
      job.log?.(again);
    }
  }
}

/** Runs imports one after another in this process: each may hold a large workbook in memory. */
export function importQueue() {
  let tail: Promise<void> = Promise.resolve();
  let pending = 0;
  return {
    push(work: () => Promise<void>) {
      pending++;
      // setImmediate: let the 202 reach the client before parsing starts.
      tail = tail
        .then(() => new Promise<void>((r) => setImmediate(r)))
        .then(work)
        .finally(() => {
          pending--;
        });
    },
    /** Imports accepted and not yet finished, the one running included. */
    pending: () => pending,
    idle: () => tail,
  };
}

function present(row: ImportRow): RosterImportOut {
  const parsed = JSON.parse(row.report) as StoredReport | RosterIssue[];
  const report: StoredReport = Array.isArray(parsed)
    ? { items: parsed, errorRows: 0, warningRows: 0, truncated: false }
    : parsed;
  return {
    id: row.id,
    orgUnitId: row.orgUnitId,
    fileName: row.fileName,
    mode: row.mode as ImportMode,
    status: row.status as ImportStatus,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    created: row.createdCount,
    updated: row.updatedCount,
    unchanged: row.unchangedCount,
    errorRows: report.errorRows,
    warningRows: report.warningRows,
    report: report.items,
    reportTruncated: report.truncated,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export async function getImport({ actor, db }: QueryContext, id: string): Promise<RosterImportOut> {
  const [row] = await db.select().from(rosterImport).where(eq(rosterImport.id, id));
  if (!row) throw new AppError('not_found');
  authorize(actor, 'roster:import', { orgPath: row.orgPath });
  return present(row);
}

/**
 * Imports run in the process that accepted them; one interrupted by a restart would say "running"
 * forever. At start-up, every import still running is marked failed (nothing of it was applied: the
 * write is one transaction).
 */
export async function failInterruptedImports(db: Db): Promise<number> {
  const rows = await db
    .update(rosterImport)
    .set({ status: 'failed', finishedAt: now() })
    .where(eq(rosterImport.status, 'running'))
    .returning({ id: rosterImport.id });
  return rows.length;
}
