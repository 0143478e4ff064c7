import { z } from 'zod';
import { allowed, pageQuery, paged } from './common.ts';

/** 志愿服务岗位 kinds: the seed's four posts of the 红色志愿服务队 and the common others. */
export const POST_KINDS = [
  'policy_outreach',
  'mediation',
  'health_clinic',
  'emergency_rescue',
  'elderly_care',
  'environment',
  'culture',
  'other',
] as const;
export type PostKind = (typeof POST_KINDS)[number];
export const POST_KIND_LABELS: Record<PostKind, { zh: string; en: string }> = {
  policy_outreach: { zh: '政策宣讲', en: 'Policy outreach' },
  mediation: { zh: '矛盾调解', en: 'Mediation' },
  health_clinic: { zh: '健康义诊', en: 'Health clinic' },
  emergency_rescue: { zh: '应急救援', en: 'Emergency rescue' },
  elderly_care: { zh: '助老服务', en: 'Elderly care' },
  environment: { zh: '环境整治', en: 'Environment' },
  culture: { zh: '文体活动', en: 'Culture and sports' },
  other: { zh: '其他', en: 'Other' },
};

/** The fixed vocabulary of volunteer skills (技能). */
export const SKILLS = [
  'medical',
  'nursing',
  'legal',
  'mediation',
  'teaching',
  'policy',
  'haircut',
  'repair',
  'electrician',
  'first_aid',
  'photography',
  'art',
  'computer',
  'driving',
  'cooking',
  'language',
  'psychology',
  'sports',
] as const;
export type Skill = (typeof SKILLS)[number];
export const SKILL_LABELS: Record<Skill, { zh: string; en: string }> = {
  medical: { zh: '医疗', en: 'Medical' },
  nursing: { zh: '护理', en: 'Nursing' },
  legal: { zh: '法律', en: 'Legal' },
  mediation: { zh: '调解', en: 'Mediation' },
  teaching: { zh: '教学辅导', en: 'Teaching' },
  policy: { zh: '政策宣讲', en: 'Policy' },
  haircut: { zh: '理发', en: 'Haircut' },
  repair: { zh: '维修', en: 'Repair' },
  electrician: { zh: '电工', en: 'Electrician' },
  first_aid: { zh: '急救', en: 'First aid' },
  photography: { zh: '摄影', en: 'Photography' },
  art: { zh: '文艺', en: 'Art' },
  computer: { zh: '电脑', en: 'Computer' },
  driving: { zh: '驾驶', en: 'Driving' },
  cooking: { zh: '烹饪', en: 'Cooking' },
  language: { zh: '外语/方言', en: 'Languages' },
  psychology: { zh: '心理疏导', en: 'Counselling' },
  sports: { zh: '体育', en: 'Sports' },
};

/** When a volunteer is free. */
export const AVAILABILITY = ['weekday_daytime', 'weekday_evening', 'weekend'] as const;
export type Availability = (typeof AVAILABILITY)[number];
export const AVAILABILITY_LABELS: Record<Availability, { zh: string; en: string }> = {
  weekday_daytime: { zh: '工作日白天', en: 'Weekday daytime' },
  weekday_evening: { zh: '工作日晚上', en: 'Weekday evening' },
  weekend: { zh: '周末', en: 'Weekend' },
};

/** The skills a post of each kind usually needs: the form's default, and the needs of an activity kind. */
export const POST_KIND_SKILLS: Record<PostKind, Skill[]> = {
  policy_outreach: ['policy', 'teaching'],
  mediation: ['mediation', 'legal', 'psychology'],
  health_clinic: ['medical', 'nursing'],
  emergency_rescue: ['first_aid', 'driving', 'electrician'],
  elderly_care: ['nursing', 'cooking', 'haircut'],
  environment: ['repair'],
  culture: ['art', 'photography', 'sports'],
  other: [],
};

/** What an activity of each kind (the activities' vocabulary) needs. */
export const ACTIVITY_KIND_SKILLS: Record<string, Skill[]> = {
  health_clinic: ['medical', 'nursing'],
  haircut: ['haircut'],
  legal_advice: ['legal'],
  policy_outreach: ['policy', 'teaching'],
  mediation: ['mediation', 'legal'],
  emergency_drill: ['first_aid', 'electrician'],
  culture: ['art', 'photography', 'sports'],
  environment: ['repair'],
  elderly_care: ['nursing', 'cooking', 'haircut'],
  other: [],
};

/** What a case of each category (the cases' catalogue codes) needs from a volunteer. */
export const CASE_CATEGORY_SKILLS: Record<string, Skill[]> = {
  stairwell_light: ['electrician', 'repair'],
  broken_bin: ['repair'],
  parking: ['mediation', 'driving'],
  ebike_indoor_charging: ['electrician', 'policy'],
  thrown_objects: ['mediation', 'policy'],
  fire_lane_blocked: ['first_aid', 'policy'],
  damaged_road: ['repair'],
  illegal_building: ['legal', 'mediation'],
  neighbour_dispute: ['mediation', 'legal', 'psychology'],
  suggestion: ['policy'],
  livelihood: ['nursing', 'repair'],
  emergency: ['first_aid', 'medical', 'driving'],
};

export const MEMBER_ROLES = ['leader', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const DISTANCES = ['building', 'compound', 'community', 'farther'] as const;
export type Distance = (typeof DISTANCES)[number];

const skills = z.array(z.enum(SKILLS)).max(SKILLS.length);

// ── teams and posts ────────────────────────────────────────────────────────────────
export const teamIn = z.object({
  /** A community or a compound. */
  orgUnitId: z.uuid(),
  name: z.string().trim().min(2).max(60),
  description: z.string().trim().max(500).default(''),
});
export const teamUpdate = teamIn
  .omit({ orgUnitId: true })
  .partial()
  .extend({ active: z.boolean().optional() });
export const teamQuery = pageQuery.extend({
  q: z.string().trim().max(60).optional(),
  orgUnitId: z.uuid().optional(),
  /** Only the teams I belong to. */
  mine: z.union([z.boolean(), z.stringbool()]).optional(),
});
export const postIn = z.object({
  kind: z.enum(POST_KINDS),
  name: z.string().trim().min(2).max(60),
  description: z.string().trim().max(500).default(''),
  skills: skills.default([]),
});
export const postUpdate = postIn.partial().extend({ active: z.boolean().optional() });
export const postOut = z.object({
  id: z.string(),
  teamId: z.string(),
  kind: z.enum(POST_KINDS),
  name: z.string(),
  description: z.string(),
  skills: z.array(z.enum(SKILLS)),
  active: z.boolean(),
  memberCount: z.number().int(),
});
export type PostOut = z.infer<typeof postOut>;

export const teamOut = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  /** community | compound */
  level: z.enum(['community', 'compound']),
  active: z.boolean(),
  memberCount: z.number().int(),
  postCount: z.number().int(),
  /** Leaders' names, masked for residents (田*明). */
  leaders: z.array(z.string()),
  /** My membership, if I belong. */
  myRole: z.enum(MEMBER_ROLES).nullable(),
  /** volunteers:manage (edit, posts, members), volunteers:join (join it). */
  allowed,
});
export type TeamOut = z.infer<typeof teamOut>;
export const teamPage = paged(teamOut);

export const memberOut = z.object({
  id: z.string(),
  volunteerId: z.string(),
  personId: z.string(),
  name: z.string(),
  placeName: z.string(),
  postId: z.string().nullable(),
  postName: z.string().nullable(),
  role: z.enum(MEMBER_ROLES),
  skills: z.array(z.enum(SKILLS)),
  joinedAt: z.string(),
  /** May the actor remove this member? */
  removable: z.boolean(),
});
export type MemberOut = z.infer<typeof memberOut>;
export const teamDetail = teamOut.extend({
  posts: z.array(postOut),
  /** Staff and the team's leaders see the members; others see only counts. */
  members: z.array(memberOut),
});
export type TeamDetail = z.infer<typeof teamDetail>;

export const memberIn = z.object({
  volunteerId: z.uuid(),
  postId: z.uuid().nullable().default(null),
  role: z.enum(MEMBER_ROLES).default('member'),
});
export const joinIn = z.object({ postId: z.uuid().nullable().default(null) });
export const memberParams = z.object({ id: z.uuid(), memberId: z.uuid() });

// ── volunteers ─────────────────────────────────────────────────────────────────────
export const profileIn = z.object({
  skills: skills.min(1),
  availability: z.array(z.enum(AVAILABILITY)).min(1).max(AVAILABILITY.length),
  intro: z.string().trim().max(300).default(''),
});
export const volunteerOut = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string(),
  /** Building and compound, e.g. "幸福家园小区 1号楼". */
  placeName: z.string(),
  skills: z.array(z.enum(SKILLS)),
  availability: z.array(z.enum(AVAILABILITY)),
  intro: z.string(),
  teams: z.array(z.string()),
  /** Certified minutes in the last 30 days. */
  recentMinutes: z.number().int(),
});
export type VolunteerOut = z.infer<typeof volunteerOut>;
export const volunteerPage = paged(volunteerOut);
export const volunteerQuery = pageQuery.extend({
  q: z.string().trim().max(60).optional(),
  skill: z.enum(SKILLS).optional(),
  /** A community, compound or building. */
  orgUnitId: z.uuid().optional(),
});
export const myMembership = z.object({
  memberId: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  orgUnitName: z.string(),
  postName: z.string().nullable(),
  role: z.enum(MEMBER_ROLES),
  joinedAt: z.string(),
});
export const myProfile = z.object({
  /** null until I register. */
  profile: volunteerOut.nullable(),
  teams: z.array(myMembership),
  /** Teams of my community and compound I could join. */
  joinable: z.array(teamOut),
});
export type MyProfile = z.infer<typeof myProfile>;

// ── matching ───────────────────────────────────────────────────────────────────────
export const matchQuery = z
  .object({
    postId: z.uuid().optional(),
    activityId: z.uuid().optional(),
    caseId: z.uuid().optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((q) => [q.postId, q.activityId, q.caseId].filter(Boolean).length === 1, {
    message: 'exactly one of postId, activityId, caseId',
  });
export const scoreParts = z.object({
  skill: z.number(),
  distance: z.number(),
  availability: z.number(),
  load: z.number(),
});
export const matchItem = z.object({
  volunteerId: z.string(),
  personId: z.string(),
  name: z.string(),
  placeName: z.string(),
  skills: z.array(z.enum(SKILLS)),
  matchedSkills: z.array(z.enum(SKILLS)),
  distance: z.enum(DISTANCES),
  /** Free at the target's time; null when the target has no time (a post). */
  available: z.boolean().nullable(),
  recentMinutes: z.number().int(),
  score: z.number(),
  parts: scoreParts,
});
export type MatchItem = z.infer<typeof matchItem>;
export const matchOut = z.object({
  target: z.object({
    kind: z.enum(['post', 'activity', 'case']),
    id: z.string(),
    title: z.string(),
    placeName: z.string(),
    skills: z.array(z.enum(SKILLS)),
    /** The slot of the target's time, when it has one. */
    slot: z.enum(AVAILABILITY).nullable(),
  }),
  items: z.array(matchItem),
});
export type MatchOut = z.infer<typeof matchOut>;

// ── figures ────────────────────────────────────────────────────────────────────────
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const figuresQuery = z.object({
  orgUnitId: z.uuid().optional(),
  /** YYYY-MM, inclusive; default: the last 12 months. */
  from: month.optional(),
  to: month.optional(),
});
const counts = {
  activities: z.number().int(),
  participants: z.number().int(),
  /** Certified volunteer hours, one decimal. */
  hours: z.number(),
};
export const figuresOut = z.object({
  from: z.string(),
  to: z.string(),
  totals: z.object({ ...counts, visits: z.number().int().nullable() }),
  byMonth: z.array(z.object({ month: z.string(), ...counts, visits: z.number().int().nullable() })),
  byTeam: z.array(z.object({ teamId: z.string(), name: z.string(), ...counts })),
  byVenue: z.array(
    z.object({ venueId: z.string(), name: z.string(), ...counts, visits: z.number().int().nullable() }),
  ),
  byLevel: z.array(z.object({ level: z.enum(['community', 'compound']), ...counts })),
  /** false while service visits are not counted (the venues module has not reported them). */
  visitsAvailable: z.boolean(),
});
export type FiguresOut = z.infer<typeof figuresOut>;
