import type { RuleCheck, VoteRule } from '../../../common/contracts/votes.ts';

/**
 * The counting rules of a motion, pure (no database): exact integer arithmetic only. Areas are
 * hundredths of m² as bigint; "a/b ≥ p/q" is decided as q·a ≥ p·b, never with floats.
 *
 * Civil Code art. 278 (业主共同决定事项): the matter needs participation (参与表决) by owners holding
 * at least 2/3 of the exclusive floor area AND at least 2/3 of the owners by number; then
 * - general matters (art278_general): approval by more than half (过半数) of the participating area
 *   AND more than half of the participating owners;
 * - major matters (art278_major: raising or using maintenance funds, rebuilding, changing the use
 *   of common parts …): approval by at least three-quarters (四分之三以上) of both.
 * "以上" includes the bound (≥), "过半数" does not (>). One household counts as one owner; a household
 * without a recorded floor area counts as an owner with area 0, so it adds to the head count but
 * neither to the area taking part nor to the total area (an unknown area cannot be asserted).
 * The proposal is option 0 (同意); abstentions take part but do not approve.
 */

export type Tally = { votes: number; areaCenti: bigint };
export type Count = {
  rule: VoteRule;
  /** participation_quorum only. */
  quorum: readonly [number, number] | null;
  electorate: { count: number; areaCenti: bigint };
  /** Per option, in option order. */
  tally: readonly Tally[];
};
export type Outcome = {
  checks: RuleCheck[];
  winner: number | null;
  outcome: 'carried' | 'not_carried' | 'no_quorum';
  cast: number;
  castAreaCenti: bigint;
};

const TWO_THIRDS = [2, 3] as const;
const HALF = [1, 2] as const;
const THREE_QUARTERS = [3, 4] as const;

/** num/den ≥ p/q (or > when strict), by cross-multiplication; an empty denominator passes only "≥ 0". */
export function meets(num: bigint, den: bigint, [p, q]: readonly [number, number], strict: boolean): boolean {
  const lhs = num * BigInt(q);
  const rhs = den * BigInt(p);
  return strict ? lhs > rhs : lhs >= rhs;
}

function check(
  key: RuleCheck['key'],
  num: bigint,
  den: bigint,
  threshold: readonly [number, number],
  strict: boolean,
): RuleCheck {
  return {
    key,
    num: num.toString(),
    den: den.toString(),
    threshold: [threshold[0], threshold[1]],
    strict,
    passed: meets(num, den, threshold, strict),
  };
}

/** The option holding more than half of the votes cast, if any. */
function majorityOf(tally: readonly Tally[], cast: bigint): { winner: number | null; check: RuleCheck } {
  let best = 0;
  for (let i = 1; i < tally.length; i++) if (tally[i].votes > tally[best].votes) best = i;
  const c = check('approval', BigInt(tally[best]?.votes ?? 0), cast, HALF, true);
  return { winner: c.passed ? best : null, check: c };
}

export function countVotes(input: Count): Outcome {
  const cast = input.tally.reduce((s, t) => s + BigInt(t.votes), 0n);
  const castArea = input.tally.reduce((s, t) => s + t.areaCenti, 0n);
  const n = BigInt(input.electorate.count);
  const area = input.electorate.areaCenti;
  const base = { cast: Number(cast), castAreaCenti: castArea };

  if (input.rule === 'simple_majority') {
    const m = majorityOf(input.tally, cast);
    return {
      ...base,
      checks: [m.check],
      winner: m.winner,
      outcome: m.winner === null ? 'not_carried' : 'carried',
    };
  }
  if (input.rule === 'participation_quorum') {
    const q = input.quorum ?? HALF;
    const part = check('participation', cast, n, q, false);
    const m = majorityOf(input.tally, cast);
    if (!part.passed) return { ...base, checks: [part, m.check], winner: null, outcome: 'no_quorum' };
    return {
      ...base,
      checks: [part, m.check],
      winner: m.winner,
      outcome: m.winner === null ? 'not_carried' : 'carried',
    };
  }
  // Art. 278: the proposal is option 0.
  const partHouseholds = check('participation_households', cast, n, TWO_THIRDS, false);
  const partArea = check('participation_area', castArea, area, TWO_THIRDS, false);
  const yes = input.tally[0] ?? { votes: 0, areaCenti: 0n };
  const bar = input.rule === 'art278_major' ? THREE_QUARTERS : HALF;
  const strict = input.rule !== 'art278_major';
  const approveHouseholds = check('approval_households', BigInt(yes.votes), cast, bar, strict);
  // With no participating area the area condition cannot be shown: it fails (strict or not, 0 of 0).
  const approveArea = check('approval_area', yes.areaCenti, castArea, bar, strict);
  if (castArea === 0n) approveArea.passed = false;
  const checks = [partHouseholds, partArea, approveHouseholds, approveArea];
  if (!partHouseholds.passed || !partArea.passed)
    return { ...base, checks, winner: null, outcome: 'no_quorum' };
  const carried = approveHouseholds.passed && approveArea.passed;
  return { ...base, checks, winner: carried ? 0 : null, outcome: carried ? 'carried' : 'not_carried' };
}

/** "85.50" (numeric(10,2) from the roster) → 8550n, by string, never through a float. Null → 0. */
export function areaToCenti(area: string | null): bigint {
  if (area === null || area === '') return 0n;
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(area.trim());
  if (!m) throw new Error(`not an area: ${area}`);
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
}

/** 8550n → "85.50". */
export function centiToArea(c: bigint): string {
  const s = c.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}
