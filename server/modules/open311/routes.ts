import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../common/contracts/common.ts';
import {
  open311ClientCreate,
  open311ClientCreated,
  open311ClientList,
  open311ClientOut,
} from '../../../common/contracts/open311.ts';
import { command, query, requestInfo } from '../../platform/http.ts';
import { createClient, listClients, revokeClient } from './clients.ts';
import { getRequest, listRequests, type Params, postRequest, tokenLookup } from './requests.ts';
import { jurisdictionPath, presentService, catalogue, serviceDefinition } from './services.ts';
import { Open311Error, sendSpecError, specErrorHandler } from './spec-errors.ts';
import { FORMATS, type Format, send } from './wire.ts';

/** Open311: the GeoReport v2 API at /open311/v2, and the staff routes that manage its API keys. */
export async function open311Routes(app: FastifyInstance) {
  await app.register(clientRoutes);
  await app.register(georeportRoutes, { prefix: '/open311/v2' });
}

async function clientRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['open311'];
  r.get('/api/open311/clients', { schema: { tags, response: { 200: open311ClientList } } }, (req) =>
    listClients(query(req)),
  );
  r.post(
    '/api/open311/clients',
    { schema: { tags, body: open311ClientCreate, response: { 200: open311ClientCreated } } },
    (req) => command(req, (ctx) => createClient(ctx, req.body)),
  );
  r.post(
    '/api/open311/clients/:id/revoke',
    { schema: { tags, params: idParam, response: { 200: open311ClientOut } } },
    (req) => command(req, (ctx) => revokeClient(ctx, req.params.id)),
  );
}

type WithFormat = { format: string };

function fmt(req: FastifyRequest): Format {
  const f = (req.params as WithFormat).format?.toLowerCase();
  if (!(FORMATS as readonly string[]).includes(f)) throw new Open311Error('format_unknown');
  return f as Format;
}

const params = (req: FastifyRequest): Params => (req.query ?? {}) as Params;

/** GeoReport v2, public reads (no key, per the spec) and the keyed POST; errors in the spec's shape. */
async function georeportRoutes(app: FastifyInstance) {
  app.setErrorHandler(specErrorHandler);
  app.setNotFoundHandler((req, reply) => sendSpecError(req, reply, 'route_unknown'));
  // Open311 clients post forms (application/x-www-form-urlencoded); repeated fields become arrays.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_req, body, done) => {
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of new URLSearchParams(body as string)) {
        const had = out[k];
        out[k] = had === undefined ? v : Array.isArray(had) ? [...had, v] : [had, v];
      }
      done(null, out);
    },
  );
  const db = () => app.db;
  const tags = ['open311'];

  app.get('/services.:format', { schema: { tags } }, async (req, reply) => {
    const f = fmt(req);
    const path = await jurisdictionPath(db(), params(req).jurisdiction_id as string | undefined);
    return send(reply, f, 'services', (await catalogue(db(), path)).map(presentService));
  });
  app.get<{ Params: WithFormat & { service_code: string } }>(
    '/services/:service_code.:format',
    { schema: { tags } },
    async (req, reply) => {
      const f = fmt(req);
      const path = await jurisdictionPath(db(), params(req).jurisdiction_id as string | undefined);
      return send(
        reply,
        f,
        'service_definition',
        await serviceDefinition(db(), req.params.service_code, path),
      );
    },
  );
  app.post(
    '/requests.:format',
    { schema: { tags }, config: { rateLimit: { max: 120, timeWindow: '1 minute' } } },
    async (req, reply: FastifyReply) => {
      const f = fmt(req);
      const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {};
      // api_key may come in the query string too (some clients put it there).
      const p: Params = { ...params(req), ...(body as Params) };
      return send(reply, f, 'service_requests', await postRequest(db(), p, requestInfo(req)));
    },
  );
  app.get('/requests.:format', { schema: { tags } }, async (req, reply) => {
    const f = fmt(req);
    return send(reply, f, 'service_requests', await listRequests(db(), params(req)));
  });
  app.get<{ Params: WithFormat & { id: string } }>(
    '/requests/:id.:format',
    { schema: { tags } },
    async (req, reply) => {
      const f = fmt(req);
      return send(reply, f, 'service_requests', await getRequest(db(), req.params.id, params(req)));
    },
  );
  app.get<{ Params: WithFormat & { token: string } }>(
    '/tokens/:token.:format',
    { schema: { tags } },
    async (req, reply) => {
      const f = fmt(req);
      return send(reply, f, 'service_requests', await tokenLookup(db(), req.params.token));
    },
  );
}
