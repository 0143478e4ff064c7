import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isTableRoute, routeKey } from '../common/access-table.ts';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { appliedMigrationCount, latestMigrationTag } from './db/migrate.ts';
import { orgRoutes, nameOrgUnits, rosterRoutes, structureRoutes } from './modules/org/index.ts';
import { boardRoutes, pointsRoutes, summaryRoutes } from './modules/points/index.ts';
import { figuresRoutes, shopRoutes } from './modules/shop/index.ts';
import { caseFileReader, casesRoutes } from './modules/cases/index.ts';
import { votesRoutes } from './modules/votes/index.ts';
import { open311Routes } from './modules/open311/index.ts';
import { projectFileReader, projectsRoutes } from './modules/projects/index.ts';
import { meetingsRoutes } from './modules/meetings/index.ts';
import { activityRoutes } from './modules/volunteers/index.ts';
import { teamRoutes } from './modules/volunteers/index.ts';
import { venuesRoutes } from './modules/venues/index.ts';
import { partnersRoutes } from './modules/partners/index.ts';
import { toolboxRoutes } from './modules/toolbox/index.ts';
import { registerAccessHook } from './platform/access-hook.ts';
import { fileRoutes } from './platform/file-routes.ts';
import { testHookRoutes } from './test-hooks.ts';
import { localStorage } from './platform/storage.ts';
import { auditRoutes } from './platform/audit-routes.ts';
import { authRoutes } from './platform/auth-routes.ts';
import { registerErrorHandler, sendError } from './platform/errors.ts';
import { userRoutes } from './platform/user-routes.ts';
import { inboxRoutes } from './platform/inbox-routes.ts';

export type BuildOptions = { database: Database; config: Config; logger?: boolean };

/** Builds the whole HTTP application; `registeredRoutes` lists every route for the access-table test. */
export async function buildApp({ database, config, logger = false }: BuildOptions) {
  const app = Fastify({
    logger: logger ? { level: 'info' } : false,
    trustProxy: true,
    bodyLimit: 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();
  const registeredRoutes: string[] = [];
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const m of methods)
      if (m !== 'HEAD' && isTableRoute(r.url)) registeredRoutes.push(routeKey(m, r.url));
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', database.db);
  registerErrorHandler(app);

  // Plain HTTP is the default on a community's own server: no HSTS or upgrade-insecure-requests then.
  await app.register(helmet, {
    hsts: config.secureCookies,
    contentSecurityPolicy: {
      directives: {
        'upgrade-insecure-requests': config.secureCookies ? [] : null,
        'img-src': ["'self'", 'data:', 'blob:'],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Linli 邻里 API', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'linli_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const policy = { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs };
  registerAccessHook(app, policy);

  const migration = latestMigrationTag(config.migrationsDir);
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['platform'],
        response: {
          200: z.object({
            status: z.literal('ok'),
            db: z.enum(['pglite', 'postgres']),
            migration: z.string(),
            migrations: z.number(),
          }),
        },
      },
    },
    async () => ({
      status: 'ok' as const,
      db: database.kind,
      migration,
      migrations: await appliedMigrationCount(database),
    }),
  );
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(authRoutes, {
    policy,
    secureCookies: config.secureCookies,
    loginRateLimit: config.loginRateLimit,
    nameOrgUnits: (ids) => nameOrgUnits(database.db, ids),
  });
  await app.register(userRoutes, { nameOrgUnits: (ids) => nameOrgUnits(database.db, ids) });
  await app.register(auditRoutes);
  await app.register(inboxRoutes);
  await app.register(orgRoutes);
  await app.register(structureRoutes);
  await app.register(rosterRoutes);
  await app.register(pointsRoutes);
  await app.register(shopRoutes);
  await app.register(figuresRoutes);
  await app.register(summaryRoutes);
  await app.register(boardRoutes);
  await app.register(casesRoutes);
  await app.register(votesRoutes);
  await app.register(open311Routes);
  await app.register(projectsRoutes);
  await app.register(venuesRoutes);
  await app.register(partnersRoutes);
  await app.register(toolboxRoutes);
  await app.register(meetingsRoutes, { qrSecret: config.qrSecret });
  await app.register(activityRoutes, { qrSecret: config.qrSecret });
  await app.register(teamRoutes);
  await app.register(fileRoutes, {
    storage: localStorage(path.join(config.dataDir, 'files')),
    readers: [caseFileReader, projectFileReader],
  });

  if (config.testHooks) await app.register(testHookRoutes);

  await serveWeb(app, config.webDir);
  await app.ready();
  return { app, registeredRoutes };
}

/**
 * The built web app. Files are looked up per request (wildcard), so a rebuilt dist/web is served
 * without a restart. A missing file with an extension is a 404 (a stale /assets/x.js must not get
 * index.html back); any other path is a client-side route and gets index.html.
 */
async function serveWeb(app: FastifyInstance, webDir: string) {
  const hasWeb = fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDir, wildcard: true, index: 'index.html' });
  app.setNotFoundHandler((req, reply) => {
    const pathname = req.url.split('?')[0];
    const isPage = req.method === 'GET' && !pathname.startsWith('/api') && !/\.[a-z0-9]+$/i.test(pathname);
    if (!hasWeb || !isPage) return sendError(req, reply, 'route_not_found');
    return reply.sendFile('index.html');
  });
}
