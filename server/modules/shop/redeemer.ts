import type { Executor } from '../../db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { homeOf, loadHousehold, loadPerson } from '../org/index.ts';
import { accountOfPerson } from '../points/index.ts';
import type { Redeemer } from './rules.ts';

/** Everything the shop's rules need to know about a person who redeems. */
export async function redeemerOf(db: Executor, personId: string): Promise<Redeemer | null> {
  const person = await loadPerson(db, personId);
  const home = await homeOf(db, personId);
  if (!home) return null;
  const household = await loadHousehold(db, home.householdId);
  const account = await accountOfPerson(db, personId);
  const participants = ['resident'];
  if (person.tags.includes('gig_worker')) participants.push('gig_worker');
  if (person.tags.includes('volunteer')) participants.push('volunteer');
  return {
    personId,
    accountId: account?.id ?? null,
    balance: account?.balance ?? 0,
    communityId: home.communityId,
    participants,
    hardship: person.tags.includes('hardship') || household.tags.includes('hardship'),
  };
}

export async function requireRedeemer(db: Executor, personId: string): Promise<Redeemer> {
  const who = await redeemerOf(db, personId);
  if (!who) throw new AppError('validation_failed', { reason: 'person has no household' });
  return who;
}
