import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { currentCode, stepAt, verifyCode } from './rotating-qr.ts';

// The rotating check-in code: accepted in its own step and the one after, stale after that,
// refused when made up, altered, or made for another subject or purpose.
const cfg = { secret: 'test-secret-0123456789', stepSeconds: 20 };
const MEETING = '0b9f0d1e-7c53-4a5e-9b8e-1f2a3b4c5d6e';
const OTHER = '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const t0 = new Date('2026-12-03T11:00:05Z');
const later = (s: number) => new Date(t0.getTime() + s * 1000);

function refusal(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

describe('rotating QR codes', () => {
  const shown = currentCode(cfg, 'meeting-checkin', MEETING, t0);

  it('shows an 8-character code that changes with the step and says when it refreshes', () => {
    expect(shown.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(shown.step).toBe(stepAt(t0, 20));
    expect(shown.refreshInSeconds).toBe(15); // 11:00:05 → next step at 11:00:20
    expect(currentCode(cfg, 'meeting-checkin', MEETING, later(20)).code).not.toBe(shown.code);
    expect(currentCode(cfg, 'meeting-checkin', MEETING, later(14)).code).toBe(shown.code);
  });

  it('accepts the current step and the previous one, typed in lower case too', () => {
    expect(verifyCode(cfg, 'meeting-checkin', MEETING, shown.code, t0)).toBe(shown.step);
    expect(verifyCode(cfg, 'meeting-checkin', MEETING, shown.code.toLowerCase(), later(25))).toBe(shown.step);
  });

  it('refuses an older code as stale (a photo sent home), even hours later', () => {
    expect(refusal(() => verifyCode(cfg, 'meeting-checkin', MEETING, shown.code, later(40)))).toBe(
      'qr_stale',
    );
    expect(refusal(() => verifyCode(cfg, 'meeting-checkin', MEETING, shown.code, later(3 * 3600)))).toBe(
      'qr_stale',
    );
  });

  it('refuses a tampered code, another meeting’s code, another purpose and another secret', () => {
    const flipped = (shown.code[0] === 'A' ? 'B' : 'A') + shown.code.slice(1);
    expect(refusal(() => verifyCode(cfg, 'meeting-checkin', MEETING, flipped, t0))).toBe('qr_invalid');
    const other = currentCode(cfg, 'meeting-checkin', OTHER, t0).code;
    expect(refusal(() => verifyCode(cfg, 'meeting-checkin', MEETING, other, t0))).toBe('qr_invalid');
    const volunteer = currentCode(cfg, 'volunteer-checkin', MEETING, t0).code;
    expect(refusal(() => verifyCode(cfg, 'meeting-checkin', MEETING, volunteer, t0))).toBe('qr_invalid');
    const forged = currentCode({ ...cfg, secret: 'guessed' }, 'meeting-checkin', MEETING, t0).code;
    expect(refusal(() => verifyCode(cfg, 'meeting-checkin', MEETING, forged, t0))).toBe('qr_invalid');
  });

  it('refuses a code from the future (a clock cannot be skipped ahead)', () => {
    const next = currentCode(cfg, 'meeting-checkin', MEETING, later(20)).code;
    expect(refusal(() => verifyCode(cfg, 'meeting-checkin', MEETING, next, t0))).toBe('qr_invalid');
  });
});
