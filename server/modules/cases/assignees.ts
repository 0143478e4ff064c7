import { sql } from 'drizzle-orm';
import { type Executor, execRows } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { communityPathOf } from '../org/index.ts';

// 党员接单: a case dispatched to a party member goes to a person who is in the party tree of the case's
// community: a member of one of its organisations (社区党委、小区党支部、楼栋党小组, kind
// `party_member`), or a serving member registered there from their workplace (在职党员到社区报到, kind
// `registered_member`). The party tree belongs to the org module; it is read here, never written.

/** Refuses (422 case_assignee_not_member) a person outside the case's community party tree. */
export async function assertPartyAssignee(
  db: Executor,
  personId: string,
  caseOrgPath: string,
): Promise<void> {
  const community = communityPathOf(caseOrgPath);
  const rows = community
    ? await execRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from party_membership m
            join party_org o on o.id = m.party_org_id
            where m.person_id = ${personId}
              and m.kind in ('party_member', 'registered_member')
              and o.org_path like ${`${community}%`}`,
      )
    : [];
  if (!rows[0] || Number(rows[0].n) === 0) throw new AppError('case_assignee_not_member', { personId });
}
