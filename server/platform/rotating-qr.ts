import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from './errors.ts';

/**
 * Rotating codes for check-in at a place (a meeting's venue, later a volunteer activity): the
 * organiser's phone shows a QR whose code changes every `stepSeconds`; a code is an HMAC-SHA256 of
 * (purpose, subject id, time step) under a server secret, so it cannot be made up, does not fit
 * another subject, and goes stale: the current and the previous step are accepted (a scan that
 * straddles a rotation still works), anything older is refused as `qr_stale` — a code photographed
 * and sent to someone at home is useless a minute later. Once-per-person use is the caller's unique
 * (subject, person) row.
 */
export const DEFAULT_STEP_SECONDS = 20;
/** How far back a code is still recognised as "ours but stale" (vs. made up): one day. */
const STALE_LOOKBACK_SECONDS = 86_400;
// Crockford's base32 without I, L, O, U: nothing one misreads when typing it in.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 8;

export type RotatingQr = {
  secret: string;
  stepSeconds?: number;
};

export function stepAt(at: Date, stepSeconds = DEFAULT_STEP_SECONDS): number {
  return Math.floor(at.getTime() / (stepSeconds * 1000));
}

function codeFor(secret: string, purpose: string, subjectId: string, step: number): string {
  const mac = createHmac('sha256', secret).update(`${purpose}\u0000${subjectId}\u0000${step}`).digest();
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) out += ALPHABET[mac[i] % 32];
  return out;
}

/** The code to show now, and how many seconds it has left. */
export function currentCode(
  cfg: RotatingQr,
  purpose: string,
  subjectId: string,
  at: Date,
): { code: string; step: number; refreshInSeconds: number; stepSeconds: number } {
  const stepSeconds = cfg.stepSeconds ?? DEFAULT_STEP_SECONDS;
  const step = stepAt(at, stepSeconds);
  const next = (step + 1) * stepSeconds * 1000;
  return {
    code: codeFor(cfg.secret, purpose, subjectId, step),
    step,
    refreshInSeconds: Math.max(1, Math.ceil((next - at.getTime()) / 1000)),
    stepSeconds,
  };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks a scanned or typed code; returns the step it belongs to. Current or previous step → ok;
 * an older step of the same subject → `qr_stale`; anything else (typo, tampering, another
 * subject's code) → `qr_invalid`.
 */
export function verifyCode(
  cfg: RotatingQr,
  purpose: string,
  subjectId: string,
  code: string,
  at: Date,
): number {
  const stepSeconds = cfg.stepSeconds ?? DEFAULT_STEP_SECONDS;
  const given = code.trim().toUpperCase();
  const step = stepAt(at, stepSeconds);
  for (const s of [step, step - 1]) if (same(codeFor(cfg.secret, purpose, subjectId, s), given)) return s;
  const lookback = Math.ceil(STALE_LOOKBACK_SECONDS / stepSeconds);
  for (let s = step - 2; s >= step - lookback; s--)
    if (same(codeFor(cfg.secret, purpose, subjectId, s), given)) throw new AppError('qr_stale');
  throw new AppError('qr_invalid');
}
