import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './masking.ts';

const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c));
const latin = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
const emoji = fc.constantFrom('😀', '👍🏽', '👨‍👩‍👧', '🇨🇳', '🐼');
const nameChar = fc.oneof({ weight: 6, arbitrary: cjk }, latin, emoji, fc.constant('·'));
const name = fc.array(nameChar, { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));
const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const phone = fc
  .tuple(fc.constantFrom('', '+86', '+86 ', '86'), fc.constantFrom('13', '15', '18', '19'), digits(9))
  .map(([cc, p, rest]) => `${cc}${p}${rest}`);
const id18 = fc.tuple(digits(17), fc.constantFrom('0', '5', '9', 'X')).map(([a, b]) => a + b);
const id15 = digits(15);

describe('masking', () => {
  it('never shows a whole name', () => {
    fc.assert(
      fc.property(name, (n) => {
        const m = maskName(n);
        expect(m).not.toContain(n);
        expect(m).toContain('*');
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the seed’s public form 田*明 / 田*', () => {
    expect(maskName('田志明')).toBe('田*明');
    expect(maskName('田明')).toBe('田*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('👨‍👩‍👧🐼')).toBe('👨‍👩‍👧*');
  });

  it('never shows a whole phone, and keeps 138****1234', () => {
    fc.assert(
      fc.property(phone, (p) => {
        const m = maskPhone(p);
        expect(m).not.toContain(p);
        expect(m.replace(/\D/g, '')).not.toContain(p.replace(/\D/g, '').slice(-11));
      }),
      { numRuns: 2000 },
    );
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('+8613812341234')).toBe('+86 138****1234');
  });

  it('never shows an ID number whole, nor its digits 7–14 (the birth date)', () => {
    fc.assert(
      fc.property(fc.oneof(id18, id15), (id) => {
        const m = maskIdNumber(id);
        expect(m).not.toContain(id);
        expect(m).toHaveLength(id.length);
        // Position by position, digits 7–14 (1-based) are hidden.
        for (let i = 6; i < Math.min(14, id.length); i++) expect(m[i]).toBe('*');
      }),
      { numRuns: 2000 },
    );
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});
