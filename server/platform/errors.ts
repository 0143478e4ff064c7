import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ERRORS, type ErrorBody, type ErrorCode, errorMessage } from '../../common/errors.ts';
import { requestLocale } from './i18n.ts';

/** The one error type commands throw; the handler turns it into `{ error: { code, message } }`. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(code);
    this.status = ERRORS[code].status;
  }
}

export function sendError(req: FastifyRequest, reply: FastifyReply, code: ErrorCode, details?: unknown) {
  const body: ErrorBody = {
    error: { code, message: errorMessage(code, requestLocale(req)), requestId: req.id, details },
  };
  return reply.status(ERRORS[code].status).send(body);
}

/** Maps database constraint errors the caller can cause to a 409 instead of a 500. */
function pgCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const c =
    typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
  return c && /^[0-9A-Z]{5}$/.test(c) ? c : undefined;
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return sendError(req, reply, err.code, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({
        path: v.instancePath || '',
        message: v.message,
      }));
      return sendError(req, reply, 'validation_failed', details);
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      return sendError(req, reply, 'internal');
    }
    const code = pgCode(err);
    if (code === '23505') return sendError(req, reply, 'conflict');
    if (code === '23503' || code === '22P02' || code === '23514')
      return sendError(req, reply, 'validation_failed');
    if (err.statusCode === 429) return sendError(req, reply, 'too_many_requests');
    if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE')
      return sendError(req, reply, 'payload_too_large');
    if (err.statusCode === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return sendError(req, reply, 'unsupported_media_type');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
      return sendError(req, reply, 'validation_failed', { reason: err.message });
    req.log.error({ err }, 'unhandled error');
    return sendError(req, reply, 'internal');
  });
}
