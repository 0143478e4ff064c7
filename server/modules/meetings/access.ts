import { type SQL, sql } from 'drizzle-orm';
import { type Actor, can, holdsAnywhere, scopeCondition } from '../../platform/access.ts';
import { bodyMember, deliberativeBody, meeting, meetingRegistration } from './schema.ts';
import type { BodyRow, MemberRow } from './bodies.ts';

/** `p:<personId>` or `u:<userId>`: one attendance and one registration per person. */
export function attendeeKey(actor: Actor): string | null {
  if (actor.personId) return `p:${actor.personId}`;
  if (actor.userId) return `u:${actor.userId}`;
  return null;
}

/** A resident whose home lies under the body's org unit (an open body's public). */
export function residentUnder(actor: Actor, orgPath: string): boolean {
  return actor.grants.some((g) => g.role === 'resident' && g.orgPath.startsWith(orgPath));
}

export function manages(actor: Actor, orgPath: string): boolean {
  return can(actor, 'meetings:manage', { orgPath });
}

/** May this actor come (register, check in)? Members, and residents of an open body's area. */
export function mayAttend(actor: Actor, body: BodyRow, seat: MemberRow | undefined): boolean {
  if (seat) return true;
  return (
    body.openToResidents && holdsAnywhere(actor, 'meetings:attend') && residentUnder(actor, body.orgPath)
  );
}

/**
 * The SQL form of "may see this meeting": staff with meetings:read over it, the body's members,
 * residents of an open body's area, and whoever registered.
 */
export function meetingVisible(actor: Actor, opts: { staff: boolean } = { staff: true }): SQL {
  const parts: SQL[] = [];
  if (opts.staff) parts.push(scopeCondition(actor, 'meetings:read', meeting.orgPath));
  if (actor.personId || actor.userId) {
    parts.push(
      sql`exists (select 1 from ${bodyMember} where ${bodyMember.bodyId} = ${meeting.bodyId} and (${bodyMember.personId} = ${actor.personId} or ${bodyMember.userId} = ${actor.userId}))`,
    );
  }
  const key = attendeeKey(actor);
  if (key)
    parts.push(
      sql`exists (select 1 from ${meetingRegistration} where ${meetingRegistration.meetingId} = ${meeting.id} and ${meetingRegistration.attendeeKey} = ${key})`,
    );
  if (holdsAnywhere(actor, 'meetings:attend'))
    for (const g of actor.grants)
      if (g.role === 'resident')
        parts.push(
          sql`exists (select 1 from ${deliberativeBody} where ${deliberativeBody.id} = ${meeting.bodyId} and ${deliberativeBody.openToResidents} and ${g.orgPath} like ${deliberativeBody.orgPath} || '%')`,
        );
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}
