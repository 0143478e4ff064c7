import { and, eq, like } from 'drizzle-orm';
import { authorize } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import type { CommandContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { loadOrgUnit } from '../org/index.ts';
import { raiseSystemClaim } from './claims.ts';
import { ruleInForce } from './rulebooks.ts';
import { pointsAccount } from './schema.ts';

/** The last day of "YYYY-MM", or today if the month is not over yet. */
function batchDate(period: string): string {
  const [y, m] = period.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const today = shanghaiDate();
  // ISO dates compare as strings.
  return [last, today].sort()[0];
}

/**
 * 基础积分: one claim per account holder of the community for the period, raised as checked so it goes
 * straight to the committee, which approves them in a batch and rejects the exceptions with a reason.
 * Re-running for the same period adds only accounts opened since (each claim is keyed by its source).
 */
export async function createBaseBatch(
  ctx: CommandContext,
  input: { communityId: string; ruleCode: string; period: string },
) {
  const community = await loadOrgUnit(ctx.tx, input.communityId);
  if (community.kind !== 'community') throw new AppError('validation_failed', { field: 'communityId' });
  authorize(ctx.actor, 'points:manage', { orgPath: community.path });
  const deedDate = batchDate(input.period);
  const { rule: r } = await ruleInForce(ctx.tx, community.path, input.ruleCode, deedDate);
  if (r.kind !== 'base')
    throw new AppError('validation_failed', { field: 'ruleCode', reason: 'not a base rule' });
  const accounts = await ctx.tx
    .select({ personId: pointsAccount.personId })
    .from(pointsAccount)
    .where(and(like(pointsAccount.orgPath, `${community.path}%`), eq(pointsAccount.ownerType, 'person')));
  const claimIds: string[] = [];
  let skipped = 0;
  for (const { personId } of accounts) {
    if (!personId) continue;
    try {
      const c = await raiseSystemClaim(ctx, {
        personId,
        ruleCode: input.ruleCode,
        quantity: 1,
        deedDate,
        description: `${input.period} 遵守居民公约基础积分`,
        sourceKey: `base:${community.id}:${input.period}:${personId}`,
        initialState: 'checked',
      });
      claimIds.push(c.id);
    } catch (err) {
      // A person the rule is not for, or over its cap, is simply left out of the batch.
      if (!(err instanceof AppError)) throw err;
      skipped++;
    }
  }
  await recordAudit(ctx, {
    action: 'points.base_batch_created',
    subjectType: 'org_unit',
    subjectId: community.id,
    orgPath: community.path,
    orgUnitId: community.id,
    summary: `${community.name} ${input.period} 基础积分批次：${claimIds.length} 人，跳过 ${skipped} 人`,
  });
  return { created: claimIds.length, skipped, claimIds };
}
