import { describe, expect, it } from 'vitest';
import { idNumber } from '../../../test/fixtures/roster-files.ts';
import { checkCharacter, checkIdNumber } from './roster-id-number.ts';

const today = new Date('2026-06-01T00:00:00Z');

describe('ID number check', () => {
  it('accepts an 18-digit number with the right check character and reads birth year and gender', () => {
    expect(checkIdNumber('11010519491231002X', today)).toEqual({
      ok: true,
      facts: { idNumber: '11010519491231002X', birthYear: 1949, gender: 'female' },
    });
    expect(checkIdNumber(' 11010519491231002x ', today).ok).toBe(true);
    const male = idNumber('650103', '20150607', 13);
    expect(checkIdNumber(male, today)).toMatchObject({
      ok: true,
      facts: { birthYear: 2015, gender: 'male' },
    });
  });

  it('refuses a wrong check character, an impossible date, a future birth and wrong lengths', () => {
    const good = idNumber('650103', '19800101', 21);
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(checkIdNumber(wrong, today)).toEqual({ ok: false, code: 'id_number_checksum' });
    const feb30 = `65010319800230021`;
    expect(checkIdNumber(feb30 + checkCharacter(feb30), today)).toEqual({
      ok: false,
      code: 'invalid_id_number',
    });
    expect(checkIdNumber(idNumber('650103', '20300101', 1), today)).toEqual({
      ok: false,
      code: 'invalid_id_number',
    });
    for (const bad of ['', '12345', '6501031980010100211', '65010319800101002Y', '０６５01031980010100']) {
      expect(checkIdNumber(bad, today).ok).toBe(false);
    }
  });

  it('reads a 15-digit number as born in the 1900s, gender from its last digit', () => {
    expect(checkIdNumber('650103800101023', today)).toEqual({
      ok: true,
      facts: { idNumber: '650103800101023', birthYear: 1980, gender: 'male' },
    });
    expect(checkIdNumber('650103801301023', today).ok).toBe(false);
  });
});
