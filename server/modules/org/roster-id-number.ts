// 居民身份证号 (GB 11643): 6-digit region, birth date, 3-digit sequence whose parity is the gender,
// and for 18-digit numbers an ISO 7064 MOD 11-2 check character. 15-digit numbers (issued before
// 1999) carry a two-digit year of the 1900s and no check character.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberFacts = { idNumber: string; birthYear: number; gender: 'male' | 'female' };
export type IdNumberCheck =
  | { ok: true; facts: IdNumberFacts }
  | { ok: false; code: 'invalid_id_number' | 'id_number_checksum' };

export function checkCharacter(first17: string): string {
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return CHECK[sum % 11];
}

function realDate(y: number, m: number, d: number, today: Date): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d &&
    y >= 1900 &&
    date.getTime() <= today.getTime()
  );
}

/** Validates shape, birth date and check character; returns the birth year and gender it encodes. */
export function checkIdNumber(raw: string, today: Date = new Date()): IdNumberCheck {
  const id = raw.trim().toUpperCase();
  const bad = { ok: false, code: 'invalid_id_number' } as const;
  if (/^[1-9]\d{16}[\dX]$/.test(id)) {
    const y = Number(id.slice(6, 10));
    if (!realDate(y, Number(id.slice(10, 12)), Number(id.slice(12, 14)), today)) return bad;
    if (checkCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, code: 'id_number_checksum' };
    return {
      ok: true,
      facts: { idNumber: id, birthYear: y, gender: Number(id[16]) % 2 ? 'male' : 'female' },
    };
  }
  if (/^[1-9]\d{14}$/.test(id)) {
    const y = 1900 + Number(id.slice(6, 8));
    if (!realDate(y, Number(id.slice(8, 10)), Number(id.slice(10, 12)), today)) return bad;
    return {
      ok: true,
      facts: { idNumber: id, birthYear: y, gender: Number(id[14]) % 2 ? 'male' : 'female' },
    };
  }
  return bad;
}
