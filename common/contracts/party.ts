import { z } from 'zod';
import { allowed, paged, pageQuery } from './common.ts';
import { ORG_UNIT_KINDS } from './org.ts';

/** 社区党组织 → 物业党总支 → 小区党支部 → 楼栋党小组 (GLOSSARY: party organisation). */
export const PARTY_ORG_KINDS = ['community_committee', 'general_branch', 'branch', 'group'] as const;
export type PartyOrgKind = (typeof PARTY_ORG_KINDS)[number];

/**
 * The kinds a party org of each kind may have as its parent; a community committee has none and
 * sits at a community. Shared with the web form so it offers only valid parents.
 */
export const PARTY_PARENT_KINDS: Record<PartyOrgKind, readonly PartyOrgKind[]> = {
  community_committee: [],
  general_branch: ['community_committee', 'general_branch'],
  branch: ['community_committee', 'general_branch'],
  group: ['branch'],
};

/** 党员 (organisational membership here) or 在职党员到社区报到 (serving elsewhere, registered here). */
export const PARTY_MEMBER_KINDS = ['party_member', 'registered_member'] as const;
export type PartyMemberKind = (typeof PARTY_MEMBER_KINDS)[number];

const name = z.string().trim().min(1).max(60);
const orgUnitRef = z.object({ id: z.string(), name: z.string(), kind: z.enum(ORG_UNIT_KINDS) });
const partyOrgRef = z.object({ id: z.string(), name: z.string(), kind: z.enum(PARTY_ORG_KINDS) });

export const partyOrgSummary = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  kind: z.enum(PARTY_ORG_KINDS),
  name: z.string(),
  orgUnit: orgUnitRef,
  /** "春熙社区 · 幸福家园小区 · 1号楼": where it sits, below the subdistrict. */
  address: z.string(),
  secretary: z.object({ personId: z.string(), name: z.string() }).nullable(),
  /** Members of this org itself (not of its children). */
  memberCount: z.number(),
  childCount: z.number(),
  allowed,
});
export type PartyOrgSummary = z.infer<typeof partyOrgSummary>;

export const partyMemberOut = z.object({
  personId: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  kind: z.enum(PARTY_MEMBER_KINDS),
  /** The workplace a registered member serves at; null for party members. */
  workplace: z.string().nullable(),
  joinedOn: z.string().nullable(),
});
export type PartyMemberOut = z.infer<typeof partyMemberOut>;

export const partyOrgOut = partyOrgSummary.extend({
  parent: partyOrgRef.nullable(),
  children: z.array(partyOrgSummary),
  members: z.array(partyMemberOut),
});
export type PartyOrgOut = z.infer<typeof partyOrgOut>;

export const partyOrgQuery = pageQuery.extend({
  /** Only party orgs attached to this org unit or below it. */
  orgUnitId: z.uuid().optional(),
  kind: z.enum(PARTY_ORG_KINDS).optional(),
  /** Part of the name. */
  q: z.string().trim().max(60).optional(),
});
export const partyOrgPage = paged(partyOrgSummary);

/**
 * A community committee: `orgUnitId` is a community and there is no parent. Every other kind names
 * its parent; its org unit must lie in the parent's org unit subtree.
 */
export const partyOrgCreate = z.object({
  parentId: z.uuid().nullable().optional(),
  orgUnitId: z.uuid(),
  kind: z.enum(PARTY_ORG_KINDS),
  name,
});
/** The secretary must already be a member of this party org; null clears it. */
export const partyOrgUpdate = z.object({
  name: name.optional(),
  secretaryPersonId: z.uuid().nullable().optional(),
});

export const partyMemberParams = z.object({ id: z.uuid(), personId: z.uuid() });
/** `workplace` is required for a registered member (422 workplace_required) and ignored otherwise. */
export const partyMemberBody = z.object({
  kind: z.enum(PARTY_MEMBER_KINDS),
  workplace: z.string().trim().max(100).nullable().optional(),
  joinedOn: z.iso.date().nullable().optional(),
});
