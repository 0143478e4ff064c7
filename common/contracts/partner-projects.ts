import { z } from 'zod';
import { allowed, pageQuery, paged } from './common.ts';

// 幸福家园合伙人 (community partners) and their cooperative projects (合作项目). Not the org module's
// partner units (共建单位, contracts/partners.ts).

/** The talents a partner may offer; labels below. Anything else goes in the free-text note. */
export const TALENTS = [
  'painting',
  'calligraphy',
  'photography',
  'music',
  'dance',
  'handicraft',
  'cooking',
  'tutoring',
  'reading',
  'fitness',
  'gardening',
  'haircut',
  'tech',
  'law',
  'health',
  'elderly_care',
] as const;
export type Talent = (typeof TALENTS)[number];
export const TALENT_LABELS: Record<Talent, { zh: string; en: string }> = {
  painting: { zh: '绘画', en: 'Painting' },
  calligraphy: { zh: '书法', en: 'Calligraphy' },
  photography: { zh: '摄影', en: 'Photography' },
  music: { zh: '音乐', en: 'Music' },
  dance: { zh: '舞蹈', en: 'Dance' },
  handicraft: { zh: '手工编织', en: 'Handicraft' },
  cooking: { zh: '烹饪', en: 'Cooking' },
  tutoring: { zh: '课业辅导', en: 'Tutoring' },
  reading: { zh: '阅读推广', en: 'Reading' },
  fitness: { zh: '健身', en: 'Fitness' },
  gardening: { zh: '园艺', en: 'Gardening' },
  haircut: { zh: '理发', en: 'Haircut' },
  tech: { zh: '数码技术', en: 'Tech help' },
  law: { zh: '法律', en: 'Law' },
  health: { zh: '医疗健康', en: 'Health' },
  elderly_care: { zh: '助老', en: 'Elderly care' },
};

export const PARTNER_STATES = ['pending', 'approved', 'declined', 'suspended'] as const;
export type PartnerState = (typeof PARTNER_STATES)[number];

export const partnerIn = z.object({
  talents: z.array(z.enum(TALENTS)).min(1).max(8),
  talentNote: z.string().trim().max(100).default(''),
  intro: z.string().trim().min(2).max(500),
});
export const reasonIn = z.object({ reason: z.string().trim().min(2).max(300) });

export const partnerOut = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  talents: z.array(z.enum(TALENTS)),
  talentNote: z.string(),
  intro: z.string(),
  state: z.enum(PARTNER_STATES),
  reason: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  appliedAt: z.string(),
  /** Projects this partner leads (any state). */
  projectCount: z.number().int(),
  /** approve / decline / suspend: what the actor may do now. */
  actions: z.array(z.enum(['approve', 'decline', 'suspend'])),
});
export type PartnerOut = z.infer<typeof partnerOut>;
export const partnerList = paged(partnerOut);
export const partnerQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
  talent: z.enum(TALENTS).optional(),
  state: z.enum(PARTNER_STATES).optional(),
  /** A community or compound: partners living under it. */
  orgUnitId: z.uuid().optional(),
});
/** The signed-in resident's own registration, or null. */
export const myPartner = z.object({
  partner: partnerOut.nullable(),
  canRegister: z.boolean(),
  /** Where an approved partner may propose a project: their compound and its community. */
  units: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(['community', 'compound']) })),
});

// Projects ----------------------------------------------------------------------------------------

/** 暑期美术班, 老年婚纱摄影, 亲子阅读, 手工编织, 义剪, … */
export const PROJECT_KINDS = [
  'art_class',
  'photography',
  'reading',
  'handicraft',
  'haircut',
  'fitness',
  'tutoring',
  'health',
  'culture',
  'other',
] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

export const PROJECT_STATES = [
  'proposed',
  'approved',
  'active',
  'finished',
  'declined',
  'cancelled',
] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];
export const PROJECT_ACTIONS = ['approve', 'decline', 'start', 'finish', 'cancel', 'withdraw'] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

const isoDate = z.iso.date();
export const projectIn = z
  .object({
    title: z.string().trim().min(2).max(60),
    description: z.string().trim().max(2000).default(''),
    kind: z.enum(PROJECT_KINDS),
    /** The community or compound the project serves. */
    orgUnitId: z.uuid(),
    /** Approved partners leading it; a partner proposing is always a lead. */
    leadPartnerIds: z.array(z.uuid()).max(5).default([]),
    targetParticipants: z.string().trim().max(100).default(''),
    capacity: z.number().int().min(1).max(5000).nullable().default(null),
    startsOn: isoDate.nullable().default(null),
    endsOn: isoDate.nullable().default(null),
  })
  .refine((v) => !v.startsOn || !v.endsOn || v.endsOn >= v.startsOn, {
    message: 'endsOn before startsOn',
    path: ['endsOn'],
  });
export const projectTransition = z.object({
  action: z.enum(PROJECT_ACTIONS),
  note: z.string().trim().max(300).optional(),
});

export const projectHistoryOut = z.object({
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  actorName: z.string(),
  note: z.string().nullable(),
  at: z.string(),
});
export const projectLeadOut = z.object({ partnerId: z.string(), personId: z.string(), name: z.string() });

export const projectOut = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  kind: z.enum(PROJECT_KINDS),
  state: z.enum(PROJECT_STATES),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  targetParticipants: z.string(),
  capacity: z.number().int().nullable(),
  participantCount: z.number().int(),
  /** Places left, or null when unlimited. */
  placesLeft: z.number().int().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  leads: z.array(projectLeadOut),
  /** Has the actor joined it (and not left)? */
  joined: z.boolean(),
  /** Is the actor one of its leads? */
  isLead: z.boolean(),
  /** The transitions the actor may make now, plus join/leave. */
  actions: z.array(z.enum([...PROJECT_ACTIONS, 'join', 'leave'])),
  allowed,
});
export type ProjectOut = z.infer<typeof projectOut>;
export const projectDetail = projectOut.extend({ history: z.array(projectHistoryOut) });
export type ProjectDetail = z.infer<typeof projectDetail>;
export const projectList = paged(projectOut);
export const projectQuery = pageQuery.extend({
  q: z.string().trim().max(50).optional(),
  state: z.enum(PROJECT_STATES).optional(),
  kind: z.enum(PROJECT_KINDS).optional(),
  orgUnitId: z.uuid().optional(),
  /** Only projects the actor leads or has joined. */
  mine: z.union([z.boolean(), z.stringbool()]).optional(),
});

export const participantOut = z.object({
  personId: z.string(),
  name: z.string(),
  /** Masked phone (138****1234). */
  phone: z.string().nullable(),
  joinedAt: z.string(),
});
export const participantList = z.object({ items: z.array(participantOut) });

// Figures -----------------------------------------------------------------------------------------

const countRow = z.object({ key: z.string(), label: z.string(), count: z.number().int() });
export const partnerFigures = z.object({
  partners: z.number().int(),
  pendingPartners: z.number().int(),
  projects: z.number().int(),
  participants: z.number().int(),
  byTalent: z.array(countRow),
  byCompound: z.array(countRow),
  byState: z.array(countRow),
  byKind: z.array(countRow),
});
export type PartnerFigures = z.infer<typeof partnerFigures>;
export const figuresQuery = z.object({ orgUnitId: z.uuid().optional() });
