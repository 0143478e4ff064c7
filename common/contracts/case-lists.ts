import { z } from 'zod';
import { CASE_KINDS, CASE_STATES, RESOLUTIONS } from './cases.ts';
import { allowed, paged, pageQuery, queryBool } from './common.ts';

// 民生诉求清单 and 治理任务清单 (the two lists of issue 5), the category catalogue editor, the public
// department duty sheet (部门职责清单) for compound entrances, and the tiered handling figures.

const day = z.iso.date();

/** Filters shared by both lists and their Excel exports. Dates are Shanghai calendar days. */
export const caseListFilter = z.object({
  orgUnitId: z.uuid().optional(),
  state: z.enum(CASE_STATES).optional(),
  kind: z.enum(CASE_KINDS).optional(),
  categoryCode: z.string().trim().min(1).max(40).optional(),
  from: day.optional(),
  to: day.optional(),
  overdue: queryBool.optional(),
  resolution: z.enum(RESOLUTIONS).optional(),
  /** Words in the description. */
  q: z.string().trim().min(1).max(100).optional(),
});
export type CaseListFilter = z.infer<typeof caseListFilter>;
export const caseListQuery = pageQuery.extend(caseListFilter.shape);

export const CASE_LISTS = ['demands', 'tasks'] as const;
export type CaseListName = (typeof CASE_LISTS)[number];
export const caseListParam = z.object({ list: z.enum(CASE_LISTS) });

export const caseListRow = z.object({
  id: z.string(),
  kind: z.enum(CASE_KINDS),
  categoryCode: z.string(),
  categoryName: z.string(),
  description: z.string(),
  communityName: z.string(),
  place: z.string(),
  state: z.enum(CASE_STATES),
  reportedVia: z.string(),
  reporterName: z.string(),
  reportedAt: z.string(),
  matterLevel: z.string().nullable(),
  assigneeName: z.string().nullable(),
  /** Departments whistled for the case (吹哨), by name. */
  departments: z.array(z.string()),
  /** The deadline that applies in the current state (check, accept, resolve or the whistle's). */
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  resolution: z.enum(RESOLUTIONS).nullable(),
  rating: z.number().int().nullable(),
  closedAt: z.string().nullable(),
});
export type CaseListRow = z.infer<typeof caseListRow>;
export const caseListPage = paged(caseListRow);

/** The catalogue as it applies at a place; `source` says where each row comes from. */
export const CATEGORY_SOURCES = ['default', 'inherited', 'local'] as const;
export const categoryAdminRow = z.object({
  code: z.string(),
  name: z.string(),
  kinds: z.array(z.enum(CASE_KINDS)),
  ruleCode: z.string().nullable(),
  checkHours: z.number().int(),
  acceptHours: z.number().int(),
  resolveHours: z.number().int(),
  respondHours: z.number().int(),
  rateDays: z.number().int(),
  active: z.boolean(),
  source: z.enum(CATEGORY_SOURCES),
  /** The unit whose row applies (for inherited and local rows). */
  definedAt: z.string().nullable(),
  builtIn: z.boolean(),
});
export type CategoryAdminRow = z.infer<typeof categoryAdminRow>;
export const categoryAdminList = z.object({
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  items: z.array(categoryAdminRow),
  allowed,
});
export const categoryAdminQuery = z.object({ orgUnitId: z.uuid() });
export const categoryAdminParams = z.object({
  orgUnitId: z.uuid(),
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/),
});
const hours = z
  .number()
  .int()
  .min(1)
  .max(24 * 365);
export const categoryAdminPut = z.object({
  name: z.string().trim().min(2).max(40),
  kinds: z.array(z.enum(CASE_KINDS)).min(1).max(CASE_KINDS.length),
  ruleCode: z
    .string()
    .trim()
    .regex(/^[A-Z]\d{2,3}$/)
    .nullable(),
  checkHours: hours,
  acceptHours: hours,
  resolveHours: hours,
  respondHours: hours,
  rateDays: z.number().int().min(1).max(60),
  active: z.boolean(),
});

/** 部门职责清单: who to call about what, posted at a compound's entrance. No private persons' data. */
export const dutySheet = z.object({
  compoundId: z.string(),
  compoundName: z.string(),
  communityName: z.string(),
  subdistrictName: z.string(),
  districtName: z.string(),
  gridWorkers: z.array(
    z.object({ name: z.string(), workPhone: z.string().nullable(), grid: z.string(), buildings: z.string() }),
  ),
  departments: z.array(
    z.object({ name: z.string(), dutyPhone: z.string(), responsibilities: z.array(z.string()) }),
  ),
  propertyCompanies: z.array(z.object({ name: z.string(), phone: z.string().nullable() })),
  /** Where residents report a case online (the QR code on the sheet points here). */
  reportUrl: z.string(),
  qrSvg: z.string(),
  printedAt: z.string(),
});
export type DutySheet = z.infer<typeof dutySheet>;

/** A community's compounds, each with its duty sheet (the index a community prints from). */
export const dutySheetIndex = z.object({
  communityName: z.string(),
  items: z.array(z.object({ id: z.string(), name: z.string() })),
});

/** 分级处置: found, resolved locally, escalated (上报处理), still open. */
export const figuresQuery = z.object({
  orgUnitId: z.uuid().optional(),
  from: day.optional(),
  to: day.optional(),
  kind: z.enum(CASE_KINDS).optional(),
});
const tally = z.object({
  found: z.number().int(),
  resolvedLocally: z.number().int(),
  escalated: z.number().int(),
  open: z.number().int(),
});
export type Tally = z.infer<typeof tally>;
export const caseFigures = z.object({
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  from: z.string(),
  to: z.string(),
  totals: tally,
  byCommunity: z.array(tally.extend({ id: z.string(), name: z.string() })),
  byMonth: z.array(tally.extend({ month: z.string() })),
  byCategory: z.array(tally.extend({ code: z.string(), name: z.string() })),
});
export type CaseFigures = z.infer<typeof caseFigures>;
