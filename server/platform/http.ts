import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Actor } from './access.ts';
import type { CommandContext, QueryContext, RequestInfo } from './context.ts';
import { AppError } from './errors.ts';
import { requestLocale } from './i18n.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    db: Db;
  }
}

export function requestInfo(req: FastifyRequest): RequestInfo {
  return { id: req.id, ip: req.ip, locale: requestLocale(req) };
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated');
  return req.actor;
}

/** Runs a command in one transaction with the request's actor. */
export function command<T>(req: FastifyRequest, work: (ctx: CommandContext) => Promise<T>): Promise<T> {
  const actor = actorOf(req);
  return inTransaction(req.server.db, (tx) => work({ actor, tx, request: requestInfo(req) }));
}

export function query(req: FastifyRequest): QueryContext {
  return { actor: actorOf(req), db: req.server.db, request: requestInfo(req) };
}
