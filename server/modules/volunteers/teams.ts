import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { volunteer, volunteerMember, type volunteerPost, volunteerTeam } from './schema.ts';

export type TeamRow = typeof volunteerTeam.$inferSelect;
export type PostRow = typeof volunteerPost.$inferSelect;
export type VolunteerRow = typeof volunteer.$inferSelect;
export type MemberRow = typeof volunteerMember.$inferSelect;

export async function loadTeam(db: Executor, id: string): Promise<TeamRow> {
  const [row] = await db.select().from(volunteerTeam).where(eq(volunteerTeam.id, id));
  if (!row) throw new AppError('not_found');
  return row;
}

/** Is this person a current leader (队长) of the team? Team leaders organise the team's activities. */
export async function isTeamLeader(db: Executor, teamId: string, personId: string | null): Promise<boolean> {
  if (!personId) return false;
  const rows = await db
    .select({ one: sql<number>`1` })
    .from(volunteerMember)
    .innerJoin(volunteer, eq(volunteer.id, volunteerMember.volunteerId))
    .where(
      and(
        eq(volunteerMember.teamId, teamId),
        eq(volunteer.personId, personId),
        eq(volunteerMember.role, 'leader'),
        isNull(volunteerMember.leftAt),
      ),
    )
    .limit(1);
  return rows.length > 0;
}
