import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { runCaseJobs } from './modules/cases/index.ts';
import { runPostingJobs } from './modules/points/index.ts';
import { expireVouchers } from './modules/shop/index.ts';
import { runVoteJobs } from './modules/votes/index.ts';
import { deliverOutbox } from './platform/outbox.ts';

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
        response: {
          200: z.object({
            published: z.number(),
            closed: z.number(),
            credited: z.number(),
            vouchersExpired: z.number(),
            votesClosed: z.number(),
          }),
        },
      },
    },
    async (req) => {
      const at = new Date(req.body.at);
      const postings = await runPostingJobs(app.db, at);
      const vouchersExpired = await expireVouchers(app.db, at);
      await runCaseJobs(app.db, at);
      await deliverOutbox(app.db, at);
      const votes = await runVoteJobs(app.db, at);
      return { ...postings, vouchersExpired, votesClosed: votes.closed };
    },
  );
}
