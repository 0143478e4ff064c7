import { and, asc, count, eq, ilike, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ballotIn, electorQuery, paperBallotIn } from '../../../common/contracts/votes.ts';
import { recordAudit } from '../../platform/audit.ts';
import { now } from '../../platform/clock.ts';
import type { CommandContext, QueryContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { isAdult, voterOf } from './electorate.ts';
import { assertManages, assertVisible, getMotion, loadMotion, type MotionRow } from './motions.ts';
import { voteBallot, voteCount, voteElector } from './schema.ts';

type ElectorRow = typeof voteElector.$inferSelect;

/**
 * Records one ballot. The motion row is held FOR SHARE, so closing (which takes it FOR UPDATE) waits
 * for ballots in flight and counts them, and no ballot lands after the count. The unique key
 * (motion, elector) decides between racing ballots of one household, phone or paper: the insert that
 * loses does nothing and its caller gets vote_already_cast; the tally moves only for the winner.
 */
async function record(
  ctx: CommandContext,
  m: MotionRow,
  e: ElectorRow,
  choice: number,
  channel: 'phone' | 'paper',
  voterPersonId: string | null,
  note: string | null,
) {
  const at = now();
  if (m.state !== 'open' || m.closesAt <= at) throw new AppError('vote_not_open');
  if (choice >= m.options.length) throw new AppError('vote_bad_choice');
  const [b] = await ctx.tx
    .insert(voteBallot)
    .values({
      motionId: m.id,
      electorId: e.id,
      channel,
      voterPersonId,
      enteredBy: ctx.actor.userId,
      note,
      // Secret: the choice is not kept with the voter at all, only in the counter below.
      choice: m.secret ? null : choice,
      castAt: at,
    })
    .onConflictDoNothing()
    .returning({ id: voteBallot.id });
  if (!b) throw new AppError('vote_already_cast');
  await ctx.tx
    .update(voteCount)
    .set({ votes: sql`${voteCount.votes} + 1`, areaCenti: sql`${voteCount.areaCenti} + ${e.areaCenti}` })
    .where(and(eq(voteCount.motionId, m.id), eq(voteCount.option, choice)));
  await recordAudit(ctx, {
    action: channel === 'phone' ? 'votes.ballot_cast' : 'votes.paper_ballot_entered',
    subjectType: 'vote_motion',
    subjectId: m.id,
    orgPath: m.orgPath,
    orgUnitId: m.orgUnitId,
    // Who voted is on the record; what they chose never is (the tally goes into the closing event).
    summary: `${channel === 'phone' ? '手机投票' : '录入纸质表决票'}「${m.title}」：${e.label}${note ? `（${note}）` : ''}`,
  });
  return at;
}

/** A resident votes on the phone for their household (or a named member for themselves). */
export async function castBallot(ctx: CommandContext, id: string, input: z.infer<typeof ballotIn>) {
  const m = await loadMotion(ctx.tx, id, 'share');
  await assertVisible(ctx.tx, ctx.actor, m);
  const personId = ctx.actor.personId;
  if (!personId) throw new AppError('vote_not_eligible', { reason: 'not_in_electorate' });
  const me = await voterOf(ctx.tx, personId);
  let e: ElectorRow | undefined;
  if (m.electorate === 'members') {
    [e] = await ctx.tx
      .select()
      .from(voteElector)
      .where(and(eq(voteElector.motionId, m.id), eq(voteElector.personId, personId)));
  } else {
    const mine = me?.householdIds ?? [];
    const wanted = input.householdId ? mine.filter((h) => h === input.householdId) : mine;
    for (const h of wanted) {
      [e] = await ctx.tx
        .select()
        .from(voteElector)
        .where(and(eq(voteElector.motionId, m.id), eq(voteElector.householdId, h)));
      if (e) break;
    }
    if (e && !isAdult(me?.birthYear ?? null, now()))
      throw new AppError('vote_not_eligible', { reason: 'minor' });
  }
  if (!e) throw new AppError('vote_not_eligible', { reason: 'not_in_electorate' });
  const castAt = await record(ctx, m, e, input.choice, 'phone', personId, null);
  const detail = await getMotion({ actor: ctx.actor, db: ctx.tx }, id);
  return {
    motionId: id,
    channel: 'phone' as const,
    castAt: castAt.toISOString(),
    myBallot: detail.myBallot!,
  };
}

/** Staff enter a paper ballot collected from a household (or a named member). */
export async function enterPaperBallot(
  ctx: CommandContext,
  id: string,
  input: z.infer<typeof paperBallotIn>,
) {
  const m = await loadMotion(ctx.tx, id, 'share');
  await assertManages(ctx.tx, ctx.actor, m);
  const [e] = await ctx.tx
    .select()
    .from(voteElector)
    .where(
      and(
        eq(voteElector.motionId, m.id),
        input.householdId
          ? eq(voteElector.householdId, input.householdId)
          : eq(voteElector.personId, input.personId!),
      ),
    );
  if (!e) throw new AppError('vote_not_eligible', { reason: 'not_in_electorate' });
  const castAt = await record(ctx, m, e, input.choice, 'paper', null, input.note ?? null);
  return {
    motionId: id,
    channel: 'paper' as const,
    castAt: castAt.toISOString(),
    myBallot: {
      state: 'voted' as const,
      channel: 'paper' as const,
      castAt: castAt.toISOString(),
      choice: null,
      reason: null,
      householdId: e.householdId,
    },
  };
}

/** The electorate for paper entry (search by building / room / name): who has voted, never what. */
export async function listElectors({ actor, db }: QueryContext, id: string, q: z.infer<typeof electorQuery>) {
  const m = await loadMotion(db, id);
  await assertManages(db, actor, m);
  const cond = and(eq(voteElector.motionId, id), q.q ? ilike(voteElector.label, `%${q.q}%`) : undefined);
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({ e: voteElector, channel: voteBallot.channel })
      .from(voteElector)
      .leftJoin(voteBallot, eq(voteBallot.electorId, voteElector.id))
      .where(cond)
      .orderBy(asc(voteElector.label))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(voteElector).where(cond),
  ]);
  return {
    items: rows.map(({ e, channel }) => ({
      householdId: e.householdId,
      personId: e.personId,
      label: e.label,
      areaCenti: e.areaCenti.toString(),
      voted: channel !== null,
      channel: channel as 'phone' | 'paper' | null,
    })),
    total: n,
    page: q.page,
    pageSize: q.pageSize,
  };
}
