import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { areaToCenti, centiToArea, countVotes, type Tally } from './rules.ts';

// The counting rules against an oracle that decides each threshold another way: by the smallest
// integer count that reaches it (⌈p·den/q⌉ for "≥ p/q", ⌊p·den/q⌋ + 1 for "> p/q", with BigInt
// floor division), where rules.ts cross-multiplies.

/** Smallest x with x/den ≥ p/q. */
const atLeast = (den: bigint, p: bigint, q: bigint) => (p * den + q - 1n) / q;
/** Smallest x with x/den > p/q. */
const above = (den: bigint, p: bigint, q: bigint) => (p * den) / q + 1n;

type Owners = { area: bigint }[];
/** The electorate as owners (households) with areas; a ballot per owner index: option or -1 (none). */
function oracle(rule: 'art278_general' | 'art278_major', owners: Owners, ballots: number[]) {
  const n = BigInt(owners.length);
  const totalArea = owners.reduce((s, o) => s + o.area, 0n);
  let cast = 0n;
  let castArea = 0n;
  let yes = 0n;
  let yesArea = 0n;
  ballots.forEach((b, i) => {
    if (b < 0) return;
    cast++;
    castArea += owners[i].area;
    if (b === 0) {
      yes++;
      yesArea += owners[i].area;
    }
  });
  const quorum = cast >= atLeast(n, 2n, 3n) && castArea >= atLeast(totalArea, 2n, 3n);
  if (!quorum) return 'no_quorum';
  const pass =
    rule === 'art278_major'
      ? yes >= atLeast(cast, 3n, 4n) && yesArea >= atLeast(castArea, 3n, 4n) && castArea > 0n
      : yes >= above(cast, 1n, 2n) && yesArea >= above(castArea, 1n, 2n);
  return pass ? 'carried' : 'not_carried';
}

function tallyOf(owners: Owners, ballots: number[], options = 3): Tally[] {
  const t = Array.from({ length: options }, () => ({ votes: 0, areaCenti: 0n }));
  ballots.forEach((b, i) => {
    if (b < 0) return;
    t[b].votes++;
    t[b].areaCenti += owners[i].area;
  });
  return t;
}

function run(rule: 'art278_general' | 'art278_major', owners: Owners, ballots: number[]) {
  return countVotes({
    rule,
    quorum: null,
    electorate: { count: owners.length, areaCenti: owners.reduce((s, o) => s + o.area, 0n) },
    tally: tallyOf(owners, ballots),
  });
}

/** Owners whose count and areas put participation and approval at, just below, or just above a bar. */
const electorate = fc
  .integer({ min: 1, max: 60 })
  .chain((n) =>
    fc.tuple(
      // Areas in hundredths of m²; some households have none on the roster (0).
      fc.array(fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 30_000n }), fc.constant(10_000n)), {
        minLength: n,
        maxLength: n,
      }),
      // How many take part: around 2/3 of n.
      fc.integer({ min: -2, max: 2 }).map((d) => Math.max(0, Math.min(n, Math.ceil((2 * n) / 3) + d))),
      fc.integer({ min: -2, max: 2 }),
      fc.boolean(),
      fc.array(fc.integer({ min: 0, max: 2 }), { minLength: n, maxLength: n }),
    ),
  )
  .map(([areas, participants, approvalShift, major, filler]) => {
    const owners = areas.map((area) => ({ area }));
    // Approvals around half or three-quarters of those taking part.
    const bar = major ? Math.ceil((3 * participants) / 4) : Math.floor(participants / 2) + 1;
    const yes = Math.max(0, Math.min(participants, bar + approvalShift));
    const ballots = owners.map((_, i) => (i < participants ? (i < yes ? 0 : 1 + (filler[i] % 2)) : -1));
    return { owners, ballots, rule: major ? ('art278_major' as const) : ('art278_general' as const) };
  });

describe('Civil Code art. 278', () => {
  it('matches the oracle on electorates built at and around each threshold', () => {
    fc.assert(
      fc.property(electorate, ({ owners, ballots, rule }) => {
        expect(run(rule, owners, ballots).outcome).toBe(oracle(rule, owners, ballots));
      }),
      { numRuns: 3000 },
    );
  });

  it('matches the oracle on shuffled ballots (who votes is arbitrary, not the first k)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 20_000n }), fc.integer({ min: -1, max: 2 })), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.boolean(),
        (rows, major) => {
          const owners = rows.map(([area]) => ({ area }));
          const ballots = rows.map(([, b]) => b);
          const rule = major ? 'art278_major' : 'art278_general';
          expect(run(rule, owners, ballots).outcome).toBe(oracle(rule, owners, ballots));
        },
      ),
      { numRuns: 3000 },
    );
  });

  const owners = (areas: number[]) => areas.map((a) => ({ area: BigInt(a * 100) }));
  it('exactly 2/3 of owners and of area take part: quorum reached (≥, 以上)', () => {
    // 15 households of 100 m² except three of 50 m²: total 1350 m²; 10 take part holding 900 m² = 2/3.
    const o = owners([50, 50, 50, ...Array(12).fill(100)]);
    // Two of the 50 m² households and eight of the 100 m² ones: 100 + 800 = 900 m².
    const ballots = [0, 0, -1, 0, 0, 0, 0, 0, 1, 2, 0, -1, -1, -1, -1];
    const r = run('art278_general', o, ballots);
    expect(r.checks[0]).toMatchObject({
      key: 'participation_households',
      num: '10',
      den: '15',
      passed: true,
    });
    expect(r.checks[1]).toMatchObject({
      key: 'participation_area',
      num: '90000',
      den: '135000',
      passed: true,
    });
    // Approval: 8 of 10 households, 700 of 900 m² — more than half of both.
    expect(r.outcome).toBe('carried');
    // Three-quarters of both: 8/10 ≥ 3/4 and 700/900 ≥ 3/4 → carried too.
    expect(run('art278_major', o, ballots).outcome).toBe('carried');
  });

  it('one household or one hundredth of a m² below 2/3: no quorum', () => {
    const o = owners(Array(15).fill(100));
    const nine = [0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1, -1];
    const r = run('art278_general', o, nine);
    expect(r.checks[0]).toMatchObject({ num: '9', den: '15', passed: false });
    expect(r.outcome).toBe('no_quorum');
    // 10 of 15 households take part, but their area is 0.01 m² short of 2/3 of the total.
    const areas = [...Array(10).fill(10_000n), ...Array(5).fill(10_000n)].map((a) => ({ area: a as bigint }));
    areas[0] = { area: 9_999n };
    areas[14] = { area: 10_001n };
    const short = run('art278_general', areas, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1]);
    expect(short.checks[0].passed).toBe(true);
    expect(short.checks[1]).toMatchObject({ num: '99999', den: '150000', passed: false });
    expect(short.outcome).toBe('no_quorum');
  });

  it('exactly half is not a majority (过半数), exactly three-quarters is enough (以上)', () => {
    const o = owners(Array(12).fill(100));
    const half = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, -1, -1]; // 10 take part, 5 approve
    expect(run('art278_general', o, half).outcome).toBe('not_carried');
    const twelve = owners(Array(12).fill(100));
    const threeQuarters = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2]; // 12 take part, 9 approve
    expect(run('art278_major', twelve, threeQuarters).outcome).toBe('carried');
    const below = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2]; // 8 of 12
    expect(run('art278_major', twelve, below).outcome).toBe('not_carried');
  });

  it('households without a recorded area count as owners with 0 area', () => {
    const o = [{ area: 0n }, { area: 0n }, { area: 8_000n }];
    // The two households with no area take part and approve: 2/3 of owners, 0 of 80 m² → no quorum.
    expect(run('art278_general', o, [0, 0, -1]).outcome).toBe('no_quorum');
    // With the only area-holding household, the area condition is met.
    expect(run('art278_general', o, [0, 1, 0]).outcome).toBe('carried');
  });
});

describe('simple majority and participation quorum', () => {
  it('a majority is more than half of the votes cast; a tie carries nothing', () => {
    const tally = (xs: number[]) => xs.map((votes) => ({ votes, areaCenti: 0n }));
    const r = (xs: number[]) =>
      countVotes({
        rule: 'simple_majority',
        quorum: null,
        electorate: { count: 100, areaCenti: 0n },
        tally: tally(xs),
      });
    expect(r([6, 4, 1])).toMatchObject({ winner: 0, outcome: 'carried' }); // 6 of 11
    expect(r([6, 4, 1]).checks[0]).toMatchObject({ num: '6', den: '11', threshold: [1, 2], strict: true });
    expect(r([5, 4, 1])).toMatchObject({ winner: null, outcome: 'not_carried' }); // 5 of 10
    expect(r([7, 4, 1])).toMatchObject({ winner: 0, outcome: 'carried' });
    expect(r([5, 5, 0])).toMatchObject({ winner: null, outcome: 'not_carried' });
    expect(r([0, 0, 0])).toMatchObject({ winner: null, outcome: 'not_carried' });
    expect(r([1, 3, 0])).toMatchObject({ winner: 1, outcome: 'carried' });
  });

  it('participation quorum: at least p/q of the electorate, then a majority', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 2, max: 5 }),
        fc.nat(500),
        fc.nat(500),
        (n, p0, q, a, b) => {
          const p = Math.min(p0, q);
          const cast = Math.min(n, a + b);
          const yes = Math.min(a, cast);
          const out = countVotes({
            rule: 'participation_quorum',
            quorum: [p, q],
            electorate: { count: n, areaCenti: 0n },
            tally: [
              { votes: yes, areaCenti: 0n },
              { votes: cast - yes, areaCenti: 0n },
            ],
          });
          const quorum = BigInt(cast) >= atLeast(BigInt(n), BigInt(p), BigInt(q));
          if (!quorum) return out.outcome === 'no_quorum';
          const win =
            BigInt(yes) >= above(BigInt(cast), 1n, 2n)
              ? 0
              : BigInt(cast - yes) >= above(BigInt(cast), 1n, 2n)
                ? 1
                : null;
          return out.winner === win;
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('areas from the roster', () => {
  it('parses numeric(10,2) text exactly and prints it back', () => {
    expect(areaToCenti('85.50')).toBe(8550n);
    expect(areaToCenti('85.5')).toBe(8550n);
    expect(areaToCenti('120')).toBe(12000n);
    expect(areaToCenti(null)).toBe(0n);
    expect(centiToArea(8550n)).toBe('85.50');
    expect(centiToArea(5n)).toBe('0.05');
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), (c) => areaToCenti(centiToArea(c)) === c));
  });
});
