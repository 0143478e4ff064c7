import type { FastifyRequest } from 'fastify';
import type { Locale } from '../../common/errors.ts';

/** zh-CN unless the client asks for English (`?lang=en`, `x-lang`, or Accept-Language). */
export function requestLocale(req: FastifyRequest): Locale {
  const q = (req.query as { lang?: string } | undefined)?.lang;
  const pick = q ?? (req.headers['x-lang'] as string | undefined) ?? req.headers['accept-language'] ?? '';
  return /^en/i.test(pick) ? 'en-US' : 'zh-CN';
}
