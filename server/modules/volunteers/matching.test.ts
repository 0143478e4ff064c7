import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AVAILABILITY, SKILLS, type Skill } from '../../../common/contracts/volunteers.ts';
import { type Candidate, distanceOf, type Need, rankVolunteers, scoreOf, slotOf } from './matching.ts';

// Paths: /district/sub/community/compound/building/
const B1 = '/d/s/c1/k1/b1/';
const B2 = '/d/s/c1/k1/b2/';
const K2 = '/d/s/c1/k2/b9/';
const C2 = '/d/s/c2/k7/b7/';
const homes = [B1, B2, K2, C2];

const candidate = fc.record({
  volunteerId: fc.uuid(),
  personId: fc.uuid(),
  name: fc.string({ maxLength: 4 }),
  skills: fc.uniqueArray(fc.constantFrom(...SKILLS), { maxLength: 6 }),
  availability: fc.uniqueArray(fc.constantFrom(...AVAILABILITY), { maxLength: 3 }),
  orgPath: fc.constantFrom(...homes),
  recentMinutes: fc.integer({ min: 0, max: 3000 }),
});
const need = fc.record({
  skills: fc.uniqueArray(fc.constantFrom(...SKILLS), { minLength: 1, maxLength: 4 }),
  orgPath: fc.constantFrom(B1, '/d/s/c1/k1/', '/d/s/c1/'),
  slot: fc.option(fc.constantFrom(...AVAILABILITY), { nil: null }),
});

const rankOf = (all: Candidate[], n: Need, id: string) =>
  rankVolunteers(all, n).findIndex((c) => c.volunteerId === id);

describe('matching volunteers to a need', () => {
  it('tells distance from the shared levels of the org path', () => {
    expect(distanceOf(B1, B1)).toBe('building');
    expect(distanceOf(B2, B1)).toBe('compound');
    expect(distanceOf(K2, B1)).toBe('community');
    expect(distanceOf(C2, B1)).toBe('farther');
    // A need at a compound: its own residents are "compound", never "building".
    expect(distanceOf(B1, '/d/s/c1/k1/')).toBe('compound');
  });

  it('puts a time in its Shanghai slot', () => {
    expect(slotOf(new Date('2026-11-30T02:00:00Z'))).toBe('weekday_daytime'); // Mon 10:00
    expect(slotOf(new Date('2026-11-30T11:00:00Z'))).toBe('weekday_evening'); // Mon 19:00
    expect(slotOf(new Date('2026-11-28T16:30:00Z'))).toBe('weekend'); // Sun 00:30 in Shanghai
  });

  it('explains the score by its parts', () => {
    const c: Candidate = {
      volunteerId: 'a',
      personId: 'p',
      name: '甲',
      skills: ['mediation', 'legal'],
      availability: ['weekend'],
      orgPath: B2,
      recentMinutes: 150,
    };
    const s = scoreOf(c, { skills: ['mediation', 'legal', 'psychology'], orgPath: B1, slot: 'weekend' });
    expect(s.matchedSkills).toEqual(['mediation', 'legal']);
    expect(s.parts).toEqual({ skill: 27, distance: 20, availability: 15, load: 13 });
    expect(s.score).toBe(75);
  });

  it('ranks everyone exactly once, by score', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 12 }), need, (all, n) => {
        const ranked = rankVolunteers(all, n);
        expect(ranked.map((c) => c.volunteerId).sort()).toEqual(all.map((c) => c.volunteerId).sort());
        for (let i = 1; i < ranked.length; i++)
          expect(ranked[i - 1].score).toBeGreaterThanOrEqual(ranked[i].score);
      }),
    );
  });

  it('never ranks a volunteer lower for having more of the needed skills, all else equal', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 8 }), candidate, need, (others, c, n) => {
        const missing = n.skills.filter((s) => !c.skills.includes(s));
        fc.pre(missing.length > 0);
        const better = { ...c, skills: [...c.skills, missing[0]] as Skill[] };
        const pool = others.filter((o) => o.volunteerId !== c.volunteerId);
        expect(rankOf([...pool, better], n, c.volunteerId)).toBeLessThanOrEqual(
          rankOf([...pool, c], n, c.volunteerId),
        );
      }),
    );
  });

  it('never ranks a volunteer lower for living closer, all else equal', () => {
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 8 }), candidate, need, (others, c, n) => {
        const pool = others.filter((o) => o.volunteerId !== c.volunteerId);
        const far = { ...c, orgPath: C2 };
        const near = { ...c, orgPath: B1 };
        expect(rankOf([...pool, near], n, c.volunteerId)).toBeLessThanOrEqual(
          rankOf([...pool, far], n, c.volunteerId),
        );
      }),
    );
  });

  it('never ranks a volunteer lower for fewer recent hours or for being free at the time', () => {
    fc.assert(
      fc.property(
        fc.array(candidate, { maxLength: 8 }),
        candidate,
        need,
        fc.integer({ min: 1, max: 2000 }),
        (others, c, n, extra) => {
          const pool = others.filter((o) => o.volunteerId !== c.volunteerId);
          const busy = { ...c, recentMinutes: c.recentMinutes + extra };
          expect(rankOf([...pool, c], n, c.volunteerId)).toBeLessThanOrEqual(
            rankOf([...pool, busy], n, c.volunteerId),
          );
          if (n.slot && !c.availability.includes(n.slot)) {
            const free = { ...c, availability: [...c.availability, n.slot] };
            expect(rankOf([...pool, free], n, c.volunteerId)).toBeLessThanOrEqual(
              rankOf([...pool, c], n, c.volunteerId),
            );
          }
        },
      ),
    );
  });
});
