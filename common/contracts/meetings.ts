import { z } from 'zod';
import { assigneeIn } from './cases.ts';
import { allowed, paged, pageQuery, queryBool } from './common.ts';

/**
 * 议事主体: 社区联席会, 小区议事会, 党员议事会, 楼栋邻里议事会 (三事三议), 三方联席会 (community,
 * property company, owners' committee), 商户恳谈会, and 议事长廊 / 书记茶摊 open sessions.
 */
export const BODY_KINDS = [
  'community_joint',
  'compound_council',
  'party_council',
  'building_neighbours',
  'tripartite',
  'merchant_talk',
  'corridor_session',
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];
/** The level a body sits at: the kind of its org unit. */
export const BODY_LEVELS = ['community', 'compound', 'building'] as const;
export type BodyLevel = (typeof BODY_LEVELS)[number];
export const MEMBER_ROLES = ['chair', 'secretary', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** scheduled → in_session → minutes_draft → minutes_approved → closed; a scheduled meeting may be cancelled. */
export const MEETING_STATES = [
  'scheduled',
  'in_session',
  'minutes_draft',
  'minutes_approved',
  'closed',
  'cancelled',
] as const;
export type MeetingState = (typeof MEETING_STATES)[number];
export const MEETING_ACTIONS = ['start', 'end', 'approve_minutes', 'close', 'cancel'] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];
export const AGENDA_KINDS = ['case', 'project', 'topic'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];
export const TASK_STATES = ['open', 'done'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const memberIn = z
  .object({
    role: z.enum(MEMBER_ROLES).default('member'),
    personId: z.uuid().optional(),
    userId: z.uuid().optional(),
    partnerUnitId: z.uuid().optional(),
    /** Needed for a member known only by name (a property company, an owners' committee). */
    name: z.string().trim().min(1).max(100).optional(),
    /** 物业公司 / 业委会 / 共建单位 / 居民代表 … */
    affiliation: z.string().trim().max(100).default(''),
  })
  .refine((m) => m.personId || m.userId || m.partnerUnitId || m.name, { message: 'who is the member?' });

export const bodyIn = z.object({
  kind: z.enum(BODY_KINDS),
  name: z.string().trim().min(2).max(100),
  /** A community, a compound or a building. */
  orgUnitId: z.uuid(),
  /** Residents of the org unit may register and check in without being members (corridor sessions). */
  openToResidents: z.boolean().optional(),
  members: z.array(memberIn).max(200).default([]),
});
export const bodyUpdate = z.object({
  name: z.string().trim().min(2).max(100).optional(),
  openToResidents: z.boolean().optional(),
  active: z.boolean().optional(),
  members: z.array(memberIn).max(200).optional(),
});

export const memberOut = z.object({
  id: z.string(),
  role: z.enum(MEMBER_ROLES),
  personId: z.string().nullable(),
  userId: z.string().nullable(),
  partnerUnitId: z.string().nullable(),
  name: z.string(),
  affiliation: z.string(),
});
export const bodyOut = z.object({
  id: z.string(),
  kind: z.enum(BODY_KINDS),
  level: z.enum(BODY_LEVELS),
  name: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  openToResidents: z.boolean(),
  active: z.boolean(),
  members: z.array(memberOut),
  allowed,
});
export type BodyOut = z.infer<typeof bodyOut>;
export const bodyList = z.object({ items: z.array(bodyOut) });
export const bodyQuery = z.object({
  orgUnitId: z.uuid().optional(),
  kind: z.enum(BODY_KINDS).optional(),
});

export const agendaIn = z
  .object({
    kind: z.enum(AGENDA_KINDS),
    caseId: z.uuid().optional(),
    /** A livelihood project of the projects module (一事一策 / 暖心实项目): its id and title. */
    projectId: z.uuid().optional(),
    title: z.string().trim().min(2).max(200).optional(),
    note: z.string().trim().max(1000).default(''),
  })
  .refine(
    (a) => (a.kind === 'case' ? !!a.caseId : a.kind === 'project' ? !!a.projectId && !!a.title : !!a.title),
    {
      message: 'a case item needs caseId, a project item projectId and title, a topic a title',
    },
  );

export const meetingIn = z.object({
  bodyId: z.uuid(),
  title: z.string().trim().min(2).max(200),
  venueId: z.uuid().nullable().default(null),
  /** ISO times. */
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  agenda: z.array(agendaIn).max(30).default([]),
});

export const meetingTransition = z.object({
  action: z.enum(MEETING_ACTIONS),
  note: z.string().trim().max(1000).optional(),
});
export const minutesIn = z.object({ text: z.string().trim().min(2).max(20_000) });
export const checkInBody = z.object({ code: z.string().trim().min(4).max(40) });

export const decisionIn = z.discriminatedUnion('kind', [
  /** The decision dispatches the agenda item's case (社区派单, recorded as decided in this meeting). */
  z.object({
    kind: z.literal('dispatch_case'),
    agendaItemId: z.uuid(),
    text: z.string().trim().min(2).max(2000),
    assignee: assigneeIn,
  }),
  /** The decision becomes a task with an owner and a deadline, tracked to done. */
  z.object({
    kind: z.literal('task'),
    agendaItemId: z.uuid().optional(),
    text: z.string().trim().min(2).max(2000),
    ownerName: z.string().trim().min(1).max(100),
    ownerUserId: z.uuid().optional(),
    /** yyyy-mm-dd (Asia/Shanghai). */
    dueOn: z.iso.date(),
  }),
  /** A resolution that needs no follow-up (a position taken, a matter noted). */
  z.object({
    kind: z.literal('resolution'),
    agendaItemId: z.uuid().optional(),
    text: z.string().trim().min(2).max(2000),
  }),
]);
export const DECISION_KINDS = ['dispatch_case', 'task', 'resolution'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export const taskComplete = z.object({ result: z.string().trim().min(2).max(2000) });

export const agendaOut = z.object({
  id: z.string(),
  position: z.number().int(),
  kind: z.enum(AGENDA_KINDS),
  caseId: z.string().nullable(),
  caseState: z.string().nullable(),
  projectId: z.string().nullable(),
  title: z.string(),
  note: z.string(),
});
export const taskOut = z.object({
  id: z.string(),
  meetingId: z.string(),
  meetingTitle: z.string(),
  decisionId: z.string(),
  title: z.string(),
  ownerName: z.string(),
  ownerUserId: z.string().nullable(),
  dueOn: z.string(),
  state: z.enum(TASK_STATES),
  overdue: z.boolean(),
  result: z.string().nullable(),
  doneAt: z.string().nullable(),
  allowed,
});
export type TaskOut = z.infer<typeof taskOut>;
export const decisionOut = z.object({
  id: z.string(),
  kind: z.enum(DECISION_KINDS),
  agendaItemId: z.string().nullable(),
  text: z.string(),
  caseId: z.string().nullable(),
  task: taskOut.nullable(),
  createdAt: z.string(),
});
export const meetingEventOut = z.object({
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  actorName: z.string(),
  note: z.string().nullable(),
  at: z.string(),
});
export const attendeeOut = z.object({
  name: z.string(),
  via: z.string(),
  at: z.string(),
  member: z.boolean(),
});

export const meetingSummary = z.object({
  id: z.string(),
  title: z.string(),
  state: z.enum(MEETING_STATES),
  bodyId: z.string(),
  bodyName: z.string(),
  bodyKind: z.enum(BODY_KINDS),
  level: z.enum(BODY_LEVELS),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  venueId: z.string().nullable(),
  venueName: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  attendance: z.number().int(),
  registrations: z.number().int(),
});
export type MeetingSummary = z.infer<typeof meetingSummary>;
export const meetingPage = paged(meetingSummary);
export const meetingQuery = pageQuery.extend({
  /** Meetings the actor is a member of, registered for, or may join as a resident. */
  mine: queryBool.optional(),
  bodyId: z.uuid().optional(),
  orgUnitId: z.uuid().optional(),
  state: z.enum(MEETING_STATES).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export const meetingOut = meetingSummary.extend({
  agenda: z.array(agendaOut),
  decisions: z.array(decisionOut),
  attendees: z.array(attendeeOut),
  members: z.number().int(),
  minutes: z
    .object({
      text: z.string(),
      draftedBy: z.string().nullable(),
      draftedAt: z.string().nullable(),
      approvedBy: z.string().nullable(),
      approvedAt: z.string().nullable(),
      attendance: z.number().int().nullable(),
    })
    .nullable(),
  history: z.array(meetingEventOut),
  /** The actor: their role in the body, whether registered and checked in. */
  me: z.object({
    role: z.enum(MEMBER_ROLES).nullable(),
    registered: z.boolean(),
    checkedIn: z.boolean(),
  }),
  /** What the actor may do now: transitions and the meeting's other commands. */
  actions: z.array(
    z.enum([
      ...MEETING_ACTIONS,
      'edit_agenda',
      'register',
      'check_in',
      'show_code',
      'write_minutes',
      'decide',
    ]),
  ),
});
export type MeetingOut = z.infer<typeof meetingOut>;

export const checkinCodeOut = z.object({
  code: z.string(),
  /** What the QR encodes: the phone page of the check-in with the code filled in. */
  link: z.string(),
  qrSvg: z.string(),
  /** Seconds until the next code; the page refreshes then. */
  refreshInSeconds: z.number().int(),
  stepSeconds: z.number().int(),
});
export const checkInOut = z.object({
  checkedIn: z.boolean(),
  /** True when the person had already checked in: nothing new was recorded. */
  already: z.boolean(),
  attendance: z.number().int(),
});

export const taskQuery = pageQuery.extend({
  meetingId: z.uuid().optional(),
  state: z.enum(TASK_STATES).optional(),
  overdue: queryBool.optional(),
  mine: queryBool.optional(),
});
export const taskPage = paged(taskOut);

export const figuresQuery = z.object({
  orgUnitId: z.uuid().optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const meetingFigures = z.object({
  meetings: z.number().int(),
  held: z.number().int(),
  byLevel: z.array(z.object({ level: z.enum(BODY_LEVELS), meetings: z.number().int() })),
  byKind: z.array(z.object({ kind: z.enum(BODY_KINDS), meetings: z.number().int() })),
  attendance: z.number().int(),
  decisions: z.number().int(),
  tasks: z.number().int(),
  tasksDone: z.number().int(),
  tasksOverdue: z.number().int(),
  agendaCases: z.number().int(),
  /** Agenda cases now completed or closed: 通过议事解决的问题. */
  casesResolved: z.number().int(),
});
export type MeetingFigures = z.infer<typeof meetingFigures>;

/** The public outcome page: no login, names masked. */
export const publicOutcome = z.object({
  id: z.string(),
  title: z.string(),
  bodyName: z.string(),
  bodyKind: z.enum(BODY_KINDS),
  orgUnitName: z.string(),
  venueName: z.string().nullable(),
  startsAt: z.string(),
  state: z.enum(MEETING_STATES),
  attendance: z.number().int(),
  agenda: z.array(z.object({ position: z.number().int(), kind: z.enum(AGENDA_KINDS), title: z.string() })),
  decisions: z.array(
    z.object({
      text: z.string(),
      kind: z.enum(DECISION_KINDS),
      ownerName: z.string().nullable(),
      dueOn: z.string().nullable(),
      state: z.enum(['open', 'done', 'dispatched', 'resolved']),
      result: z.string().nullable(),
      doneAt: z.string().nullable(),
    }),
  ),
});
export type PublicOutcome = z.infer<typeof publicOutcome>;

/** A community's published meetings, for its public board: the way to each outcome page. */
export const publicMeetingList = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      bodyName: z.string(),
      bodyKind: z.enum(BODY_KINDS),
      startsAt: z.string(),
      decisions: z.number().int(),
      tasks: z.number().int(),
      tasksDone: z.number().int(),
    }),
  ),
});
export type PublicMeetingList = z.infer<typeof publicMeetingList>;
