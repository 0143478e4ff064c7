import { z } from 'zod';
import { allowed, pageQuery, paged, queryBool } from './common.ts';

/** 共享工具箱: what a neighbourhood station lends. */
export const TOOL_CATEGORIES = [
  'ladder',
  'drill',
  'repair_kit',
  'gardening',
  'medical_aid',
  'cleaning',
  'moving_trolley',
  'other',
] as const;
export type ToolCategory = (typeof TOOL_CATEGORIES)[number];

/** A loan (`tool_loan`): out until returned, or marked lost. Overdue is out past its due date. */
export const LOAN_STATES = ['out', 'returned', 'lost'] as const;
export type LoanState = (typeof LOAN_STATES)[number];
/** The list filter: `overdue` is `out` past its due date. */
export const LOAN_FILTERS = ['out', 'overdue', 'returned', 'lost'] as const;
/** How a unit came back; a damaged unit is withdrawn from the stock until repaired. */
export const RETURN_CONDITIONS = ['good', 'worn', 'damaged'] as const;
export type ReturnCondition = (typeof RETURN_CONDITIONS)[number];

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const toolIn = z.object({
  name: z.string().trim().min(2).max(60),
  category: z.enum(TOOL_CATEGORIES),
  /** Where it is kept: a venue (usually a 邻里驿站) of the venues module. */
  venueId: z.uuid(),
  stock: z.number().int().min(1).max(500),
  loanDays: z.number().int().min(1).max(90).default(7),
  depositNote: z.string().trim().max(200).default(''),
  conditionNotes: z.string().trim().max(500).default(''),
});
export const toolUpdate = toolIn
  .omit({ venueId: true, stock: true })
  .partial()
  .extend({
    /** Units owned; never below the units out now. */
    stock: z.number().int().min(0).max(500).optional(),
    /** false: retired, no longer lent (units out still come back). */
    active: z.boolean().optional(),
  });

export const toolOut = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(TOOL_CATEGORIES),
  venueId: z.string(),
  venueName: z.string(),
  venueAddress: z.string(),
  /** The station's opening hours, if the venue has them: when to pick it up. */
  openingHours: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  stock: z.number().int(),
  unitsOut: z.number().int(),
  unitsFree: z.number().int(),
  /** The earliest due date of the units out, when none is free. */
  nextDueBack: date.nullable(),
  overdueCount: z.number().int(),
  loanDays: z.number().int(),
  depositNote: z.string(),
  conditionNotes: z.string(),
  active: z.boolean(),
  allowed,
});
export type ToolOut = z.infer<typeof toolOut>;
export const toolPage = paged(toolOut);
export const toolQuery = pageQuery.extend({
  q: z.string().trim().max(60).optional(),
  category: z.enum(TOOL_CATEGORIES).optional(),
  venueId: z.uuid().optional(),
  /** Only tools with a unit free now. */
  available: queryBool.optional(),
  /** Retired tools too (staff). */
  includeRetired: queryBool.optional(),
});

export const lendBody = z.object({
  toolId: z.uuid(),
  personId: z.uuid(),
  /** Default: today + the tool's loan period (Asia/Shanghai). */
  dueDate: date.optional(),
  note: z.string().trim().max(200).optional(),
});
export const returnBody = z.object({
  condition: z.enum(RETURN_CONDITIONS).default('good'),
  note: z.string().trim().max(200).optional(),
});
export const extendBody = z.object({ days: z.number().int().min(1).max(30).optional() });
export const lostBody = z.object({ note: z.string().trim().min(2).max(200) });

export const loanEventOut = z.object({
  action: z.string(),
  actorName: z.string(),
  note: z.string().nullable(),
  at: z.iso.datetime(),
});
export const loanOut = z.object({
  id: z.string(),
  toolId: z.string(),
  toolName: z.string(),
  category: z.enum(TOOL_CATEGORIES),
  venueName: z.string(),
  personId: z.string(),
  borrowerName: z.string(),
  state: z.enum(LOAN_STATES),
  lentAt: z.iso.datetime(),
  lentByName: z.string(),
  dueDate: date,
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
  extended: z.boolean(),
  returnedAt: z.iso.datetime().nullable(),
  returnCondition: z.enum(RETURN_CONDITIONS).nullable(),
  /** Returned after its due date. */
  late: z.boolean(),
  note: z.string().nullable(),
  events: z.array(loanEventOut),
  allowed,
  /** What the actor may do now: return, extend, lost. */
  actions: z.array(z.enum(['return', 'extend', 'lost'])),
});
export type LoanOut = z.infer<typeof loanOut>;
export const loanPage = paged(loanOut);
export const loanQuery = pageQuery.extend({
  state: z.enum(LOAN_FILTERS).optional(),
  toolId: z.uuid().optional(),
  personId: z.uuid().optional(),
  /** Only the actor's own loans (我借的工具). */
  mine: queryBool.optional(),
  /** Tool or borrower name. */
  q: z.string().trim().max(60).optional(),
});

export const toolFiguresOut = z.object({
  totals: z.object({
    loans: z.number().int(),
    out: z.number().int(),
    overdueNow: z.number().int(),
    returnedLate: z.number().int(),
    /** (returned late + overdue now) / loans, 0..1. */
    overdueRate: z.number(),
  }),
  byMonth: z.array(z.object({ month: z.string(), loans: z.number().int(), late: z.number().int() })),
  byTool: z.array(
    z.object({ toolId: z.string(), name: z.string(), loans: z.number().int(), late: z.number().int() }),
  ),
});
export type ToolFiguresOut = z.infer<typeof toolFiguresOut>;
