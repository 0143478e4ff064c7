import type { PartyOrgKind } from '../../api/party.ts';

/** Deeper red for higher levels, so the level reads at a glance in lists. */
export const PARTY_KIND_COLORS: Record<PartyOrgKind, string> = {
  community_committee: 'red',
  general_branch: 'volcano',
  branch: 'orange',
  group: 'gold',
};
