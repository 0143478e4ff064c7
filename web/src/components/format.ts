/** Times are stored in UTC and shown in the district's zone, whatever the browser's zone is. */
const TIME_ZONE = 'Asia/Shanghai';

export function formatDateTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en-US' ? 'en-GB' : 'zh-CN', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

export function formatArea(m2: number | null): string {
  return m2 === null ? '—' : `${m2.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} m²`;
}

export function ageOf(birthYear: number | null, now = new Date()): number | null {
  return birthYear === null ? null : now.getFullYear() - birthYear;
}

/** The calendar day of an instant in the district's zone: 2026/11/30 (zh) or 30/11/2026 (en). */
export function formatDate(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en-US' ? 'en-GB' : 'zh-CN', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

/** Today in the district's zone as YYYY-MM-DD (the server refuses deeds dated after it). */
export function todayInShanghai(now = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(now);
}

/** Month, day and time without the year, for compact phone lists: 11/30 14:05. */
export function formatShortDateTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang === 'en-US' ? 'en-GB' : 'zh-CN', {
    timeZone: TIME_ZONE,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}
