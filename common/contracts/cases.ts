import { z } from 'zod';
import { allowed, paged, pageQuery, queryBool } from './common.ts';

/** 民生诉求 / 隐患 / 矛盾纠纷 / 建议 / 突发事件. */
export const CASE_KINDS = ['demand', 'hazard', 'dispute', 'suggestion', 'emergency'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
/** 三事三议: 家事 (building), 众事 (compound), 公事 (community). */
export const MATTER_LEVELS = ['building', 'compound', 'community'] as const;
export type MatterLevel = (typeof MATTER_LEVELS)[number];

/**
 * 群众点单 (reported) → 网格核实 (checked) → 三事分类 (queued at a level) → 社区派单 (dispatched) →
 * 党员接单 (in_progress) → 办结 (completed) → 群众评单 (closed, or reopened on a low rating).
 * A community may whistle departments instead (whistled) until they all report their result.
 */
export const CASE_STATES = [
  'reported',
  'checked',
  'queued',
  'dispatched',
  'in_progress',
  'whistled',
  'completed',
  'reopened',
  'closed',
  'invalid',
  'duplicate',
  'withdrawn',
] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_ACTIONS = [
  'check_valid',
  'check_invalid',
  'check_duplicate',
  'withdraw',
  'classify',
  'pass_up',
  'dispatch',
  'accept',
  'decline',
  'progress',
  'complete',
  'rate',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
export const ASSIGNEE_TYPES = [
  'party_member',
  'volunteer_team',
  'property_company',
  'merchant',
  'partner_unit',
] as const;
export type AssigneeType = (typeof ASSIGNEE_TYPES)[number];
export const WHISTLE_STATES = ['whistled', 'reported_in', 'resolved'] as const;
export type WhistleState = (typeof WHISTLE_STATES)[number];
export const RESOLUTIONS = ['resolved_locally', 'escalated'] as const;
/** SLA targets: 网格核实, 接单, 响应 (emergency: 1 minute; whistle: report-in), 到位 (emergency: 5 minutes), 办结. */
export const SLA_KINDS = ['check', 'accept', 'respond', 'arrive', 'resolve'] as const;
export type SlaKind = (typeof SLA_KINDS)[number];
export const TIMER_STATES = ['pending', 'met', 'breached', 'cancelled'] as const;
export type TimerState = (typeof TIMER_STATES)[number];
/** 突发事件: acknowledge (1分钟响应) and check in on site (5分钟到位). */
export const EMERGENCY_ACTIONS = ['acknowledge', 'check_in'] as const;
export type EmergencyAction = (typeof EMERGENCY_ACTIONS)[number];

const photoIds = z.array(z.uuid()).max(9).default([]);

export const caseCategoryOut = z.object({
  code: z.string(),
  name: z.string(),
  kinds: z.array(z.enum(CASE_KINDS)),
  ruleCode: z.string().nullable(),
  checkHours: z.number().int(),
  acceptHours: z.number().int(),
  resolveHours: z.number().int(),
  respondHours: z.number().int(),
  /** Emergencies: acknowledge within (1分钟响应) and be on site within (5分钟到位), in seconds. */
  respondSeconds: z.number().int(),
  arriveSeconds: z.number().int(),
  rateDays: z.number().int(),
});
export type CaseCategoryOut = z.infer<typeof caseCategoryOut>;
export const caseCategoryList = z.object({ items: z.array(caseCategoryOut) });
export const caseCategoryQuery = z.object({ orgUnitId: z.uuid().optional() });

export const caseCreate = z.object({
  kind: z.enum(CASE_KINDS),
  categoryCode: z.string().trim().min(1).max(40),
  description: z.string().trim().min(2).max(2000),
  photoIds,
  /** A building, a compound or a community. */
  orgUnitId: z.uuid(),
  address: z.string().trim().max(200).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  /** Hide the reporter's name from the public (staff in scope still see it). */
  anonymous: z.boolean().default(false),
});

export const duplicatesQuery = z.object({
  categoryCode: z.string().trim().min(1).max(40),
  orgUnitId: z.uuid(),
  days: z.coerce.number().int().min(1).max(365).default(30),
});
export const duplicateOut = z.object({
  id: z.string(),
  state: z.enum(CASE_STATES),
  description: z.string(),
  place: z.string(),
  createdAt: z.string(),
});
export const duplicateList = z.object({ items: z.array(duplicateOut) });

export const assigneeIn = z.object({
  type: z.enum(ASSIGNEE_TYPES),
  /** party_member: the person; partner_unit: the partner unit; others: a reference, if any. */
  ref: z.string().trim().min(1).max(100).optional(),
  name: z.string().trim().min(1).max(100).optional(),
});

export const caseTransition = z.object({
  action: z.enum(CASE_ACTIONS),
  note: z.string().trim().max(1000).optional(),
  photoIds,
  level: z.enum(MATTER_LEVELS).optional(),
  duplicateOf: z.uuid().optional(),
  assignee: assigneeIn.optional(),
  rating: z.number().int().min(1).max(5).optional(),
  /** Put the case on a meeting's agenda (三事三议; the deliberation module links it later). */
  meetingId: z.uuid().optional(),
});

export const caseEventOut = z.object({
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  actorName: z.string(),
  note: z.string().nullable(),
  photoIds: z.array(z.string()),
  /** ISO time with seconds. */
  at: z.string(),
});

export const whistleOut = z.object({
  id: z.string(),
  caseId: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  summary: z.string(),
  deadline: z.string(),
  respondDueAt: z.string(),
  state: z.enum(WHISTLE_STATES),
  reportedInAt: z.string().nullable(),
  actionTaken: z.string().nullable(),
  result: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
});
export type WhistleOut = z.infer<typeof whistleOut>;

/** A deadline of the case (a row the scheduler scans); times are ISO with seconds. */
export const caseTimerOut = z.object({
  kind: z.enum(SLA_KINDS),
  /** The whistle the deadline belongs to (a department's report-in), if any. */
  whistleId: z.string().nullable(),
  startedAt: z.string(),
  dueAt: z.string(),
  state: z.enum(TIMER_STATES),
  metAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
});
export type CaseTimerOut = z.infer<typeof caseTimerOut>;

export const caseOut = z.object({
  id: z.string(),
  kind: z.enum(CASE_KINDS),
  categoryCode: z.string(),
  categoryName: z.string(),
  description: z.string(),
  photoIds: z.array(z.string()),
  orgUnitId: z.string(),
  place: z.string(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  anonymous: z.boolean(),
  reporterName: z.string(),
  reportedVia: z.string(),
  state: z.enum(CASE_STATES),
  matterLevel: z.enum(MATTER_LEVELS).nullable(),
  duplicateOfId: z.string().nullable(),
  assigneeType: z.enum(ASSIGNEE_TYPES).nullable(),
  assigneeName: z.string().nullable(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  closeReason: z.string().nullable(),
  resolution: z.enum(RESOLUTIONS).nullable(),
  meetingId: z.string().nullable(),
  pointsClaimId: z.string().nullable(),
  checkDueAt: z.string(),
  escalatedAt: z.string().nullable(),
  createdAt: z.string(),
  timeline: z.array(caseEventOut),
  whistles: z.array(whistleOut),
  timers: z.array(caseTimerOut),
  /** Some deadline has passed unmet. */
  overdue: z.boolean(),
  /** Emergency moves open to the actor now (no state change; they meet the timers). */
  emergencyActions: z.array(z.enum(EMERGENCY_ACTIONS)),
  /** The moves the actor may make now (the UI shows only these buttons). */
  actions: z.array(z.enum(CASE_ACTIONS)),
  allowed,
});
export type CaseOut = z.infer<typeof caseOut>;

export const caseQuery = pageQuery.extend({
  state: z.enum(CASE_STATES).optional(),
  /** check: awaiting the actor's grid check; handle: in the actor's level queue; mine: reported by me. */
  queue: z.enum(['check', 'handle', 'mine', 'assigned']).optional(),
  orgUnitId: z.uuid().optional(),
  /** Only cases with a deadline passed unmet (a pending timer past due). */
  overdue: queryBool.optional(),
});
export const casePage = paged(caseOut);

export const whistleCreate = z.object({
  departmentIds: z.array(z.uuid()).min(1).max(10),
  summary: z.string().trim().min(2).max(1000),
  deadline: z.iso.datetime({ offset: true }),
});
export const whistleList = z.object({ items: z.array(whistleOut.extend({ caseDescription: z.string() })) });
export const whistleQuery = z.object({ state: z.enum(WHISTLE_STATES).optional() });
export const reportInBody = z.object({ note: z.string().trim().max(1000).optional() });
export const whistleResultBody = z.object({
  actionTaken: z.string().trim().min(2).max(2000),
  result: z.string().trim().min(2).max(2000),
  photoIds,
});

export const acknowledgeBody = z.object({ note: z.string().trim().max(500).optional() });
/** 到位: a location, a photo, or both. */
export const checkInBody = z
  .object({
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    photoIds,
    note: z.string().trim().max(500).optional(),
  })
  .refine((b) => (b.lat !== undefined && b.lng !== undefined) || b.photoIds.length > 0, {
    message: 'location or photo required',
    path: ['photoIds'],
  });

/** 值班表: who answers a community's emergencies, and when. */
export const dutyRosterQuery = z.object({
  communityId: z.uuid().optional(),
  /** Include entries that have ended (default: current and upcoming only). */
  past: queryBool.optional(),
});
export const dutyRosterCreate = z
  .object({
    communityId: z.uuid(),
    userId: z.uuid(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    note: z.string().trim().max(200).optional(),
  })
  .refine((b) => new Date(b.endsAt) > new Date(b.startsAt), {
    message: 'endsAt must be after startsAt',
    path: ['endsAt'],
  });
export const dutyRosterOut = z.object({
  id: z.string(),
  communityId: z.string(),
  userId: z.string(),
  userName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  note: z.string().nullable(),
  /** On duty at the time of the request. */
  onDuty: z.boolean(),
});
export const dutyRosterList = z.object({
  items: z.array(dutyRosterOut),
  /** People who may be put on this community's roster (its staff and front-line roles). */
  candidates: z.array(z.object({ userId: z.string(), name: z.string(), role: z.string() })),
});
