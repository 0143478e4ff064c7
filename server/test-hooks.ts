import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { runPostingJobs } from './modules/points/index.ts';

/**
 * Only with LINLI_TEST_HOOKS=1: lets a browser test move the scheduler's clock ("the posting window
 * closes") against a running server, whose embedded database no second process may open.
 */
export async function testHookRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/test/run-jobs',
    {
      schema: {
        hide: true,
        body: z.object({ at: z.iso.datetime() }),
        response: { 200: z.object({ published: z.number(), closed: z.number(), credited: z.number() }) },
      },
    },
    (req) => runPostingJobs(app.db, new Date(req.body.at)),
  );
}
