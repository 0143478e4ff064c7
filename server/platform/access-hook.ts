import type { FastifyInstance } from 'fastify';
import { ACCESS_TABLE, isTableRoute, routeKey } from '../../common/access-table.ts';
import { holdsAnywhere } from './access.ts';
import { sendError } from './errors.ts';
import { resolveSession, SESSION_COOKIE, type SessionPolicy } from './sessions.ts';

/**
 * Enforces the access table on every request: resolve the session cookie to an actor, then demand
 * what the route's entry demands. Routes not in the table are refused (fail closed).
 */
export function registerAccessHook(app: FastifyInstance, policy: SessionPolicy) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req, reply) => {
    const url = req.routeOptions.url;
    if (!url || !isTableRoute(url)) return; // the web app and static files
    const access = ACCESS_TABLE[routeKey(req.method === 'HEAD' ? 'GET' : req.method, url)];
    const token = req.cookies[SESSION_COOKIE];
    let expired = false;
    if (token) {
      const found = await resolveSession(app.db, token, policy);
      if (found && 'actor' in found) req.actor = found.actor;
      else expired = found !== null;
    }
    if (access === 'public' || isDocsRoute(url)) return;
    if (access === undefined)
      return sendError(req, reply, 'forbidden', { reason: 'route not in access table' });
    if (!req.actor) return sendError(req, reply, expired ? 'session_expired' : 'unauthenticated');
    if (access !== 'signed_in' && !holdsAnywhere(req.actor, access))
      return sendError(req, reply, 'forbidden');
  });
}

/** Swagger UI's own asset routes are public documentation, declared as one prefix. */
export function isDocsRoute(url: string): boolean {
  return url === '/api/docs' || url.startsWith('/api/docs/');
}
