import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { notify } from '../../platform/notify.ts';
import { userAccount } from '../../platform/schema.ts';
import type { ClaimRow } from './claims.ts';
import { rule } from './schema.ts';

/** The moments a resident waits to hear of: what happened to their claim, or a deduction against them. */
export type ClaimNotice =
  | 'deduction_started'
  | 'returned_for_info'
  | 'rejected_at_check'
  | 'approved'
  | 'rejected'
  | 'credited'
  | 'revoked';

/**
 * Tells the person a claim is about (every account linked to them) and whoever declared it for
 * themselves (a partner unit's declarant has no person). Written in the command's transaction; the
 * dedupe key makes a re-run of a job or a retried request notify once.
 */
export async function noticeClaim(tx: Executor, c: ClaimRow, what: ClaimNotice, note?: string | null) {
  const [r] = await tx.select({ title: rule.title }).from(rule).where(eq(rule.id, c.ruleId));
  const accounts = c.personId
    ? await tx.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.personId, c.personId))
    : [];
  const deduction = c.kind === 'deduction';
  const item = `「${r?.title ?? '积分事项'}」`;
  const titles: Record<ClaimNotice, string> = {
    deduction_started: `有一项针对您的扣分申报：${item} -${c.points} 分`,
    returned_for_info: `您的积分申报${item}需要补充材料`,
    rejected_at_check: `您的积分申报${item}未通过网格员初核`,
    approved: deduction
      ? `扣分事项${item}经积分评议小组审定，将进入公示`
      : `您的积分申报${item}已通过社区评议，将进入公示`,
    rejected: deduction ? `扣分事项${item}经积分评议小组评议不予扣分` : `您的积分申报${item}未通过社区评议`,
    credited: deduction
      ? `公示期满，已扣除 ${c.points} 分：${item}`
      : `公示期满，已记入 ${c.points} 分：${item}`,
    revoked: deduction
      ? `扣分事项${item}经公示异议核实后撤销`
      : `您的积分申报${item}经公示异议核实后撤销，不予记分`,
  };
  await notify(tx, {
    recipients: [...accounts.map((a) => a.id), c.declaredVia === 'self' ? c.declaredBy : null],
    kind: `points.claim_${what}`,
    title: titles[what],
    body: note ?? undefined,
    link: `/m/points/claims/${c.id}`,
    subject: { type: 'claim', id: c.id },
    // A claim can be sent back for more than once; every other moment happens once per claim.
    dedupeKey: what === 'returned_for_info' ? undefined : `claim:${c.id}:${what}`,
  });
}
