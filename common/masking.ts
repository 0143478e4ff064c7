// Public means masked (DESIGN.md): names as 田*明 / 田*, phones as 138****1234, ID numbers with
// the birth date (digits 7–14) and more hidden. Pure functions, shared by server and web.

/** Split into user-perceived characters so emoji and surrogate pairs are never cut in half. */
function chars(s: string): string[] {
  const seg = new Intl.Segmenter('zh', { granularity: 'grapheme' });
  return Array.from(seg.segment(s), (x) => x.segment);
}

/**
 * 田先生 → 田*生, 田明 → 田*, 欧阳娜娜 → 欧**娜, 阿依古丽·买买提 → 阿******提.
 * One character becomes "*": showing it would show the whole name.
 */
export function maskName(name: string): string {
  const c = chars(name.trim());
  if (c.length === 0) return '';
  if (c.length === 1) return '*';
  if (c.length === 2) return `${c[0]}*`;
  return `${c[0]}${'*'.repeat(c.length - 2)}${c[c.length - 1]}`;
}

/** 13812341234 → 138****1234; +86 138 1234 1234 → +86 138****1234; short numbers keep only the last 2. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const hasCountry = /^\+?86/.test(phone.trim()) && digits.length === 13;
  const local = hasCountry ? digits.slice(2) : digits;
  const prefix = hasCountry ? '+86 ' : '';
  if (local.length >= 11) return `${prefix}${local.slice(0, 3)}****${local.slice(-4)}`;
  if (local.length <= 2) return '*'.repeat(local.length);
  return `${prefix}${'*'.repeat(local.length - 2)}${local.slice(-2)}`;
}

/**
 * 18-digit 110101199003071234 → 110101********1234 (digits 7–14, the birth date, hidden);
 * 15-digit → first 6 and last 1 (digits 7–14 hidden there too). Anything else keeps only its last 2.
 */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length === 18) return `${s.slice(0, 6)}********${s.slice(14)}`;
  if (s.length === 15) return `${s.slice(0, 6)}********${s.slice(14)}`;
  if (s.length <= 2) return '*'.repeat(s.length);
  return `${'*'.repeat(s.length - 2)}${s.slice(-2)}`;
}
