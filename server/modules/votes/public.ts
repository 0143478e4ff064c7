import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { publicVoteOut, VoteRule } from '../../../common/contracts/votes.ts';
import type { Executor } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { nameOrgUnits } from '../org/index.ts';
import { loadMotion, presentResult } from './motions.ts';
import { voteResult } from './schema.ts';

/** The public result page: tallies only, for published motions; anything else is 404. */
export async function publicVote(db: Executor, id: string): Promise<z.infer<typeof publicVoteOut>> {
  const m = await loadMotion(db, id);
  if (m.state !== 'published') throw new AppError('not_found');
  const [r] = await db.select().from(voteResult).where(eq(voteResult.motionId, id));
  if (!r) throw new AppError('not_found');
  const names = await nameOrgUnits(db, [m.orgUnitId]);
  return {
    id: m.id,
    title: m.title,
    description: m.description,
    options: m.options,
    rule: m.rule as VoteRule,
    quorum: m.quorumNum && m.quorumDen ? [m.quorumNum, m.quorumDen] : null,
    electorate: m.electorate as 'households' | 'members',
    secret: m.secret,
    scopeName: names.get(m.orgUnitId) ?? '',
    closedAt: m.closedAt?.toISOString() ?? null,
    result: presentResult(r, m),
  };
}
