import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { runCaseJobs } from './modules/cases/index.ts';
import { runPostingJobs } from './modules/points/index.ts';
import { expireVouchers } from './modules/shop/index.ts';
import { runVoteJobs } from './modules/votes/index.ts';
import { runActivityReminders } from './modules/volunteers/index.ts';
import { deliverOutbox } from './platform/outbox.ts';
import { runToolboxJobs } from './modules/toolbox/index.ts';

const JOBS = ['postings', 'vouchers', 'cases', 'outbox', 'votes', 'activity_reminders', 'toolbox'] as const;
type Job = (typeof JOBS)[number];

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
        body: z.object({
          at: z.iso.datetime(),
          // Only these jobs (default: all). A journey that moves the clock months ahead for the
          // postings must not close the votes or unrated cases the later journeys still need.
          jobs: z.array(z.enum(JOBS)).min(1).optional(),
        }),
        response: {
          200: z.object({
            published: z.number(),
            closed: z.number(),
            credited: z.number(),
            vouchersExpired: z.number(),
            votesClosed: z.number(),
            activityReminders: z.number(),
          }),
        },
      },
    },
    async (req) => {
      const at = new Date(req.body.at);
      const run = (job: Job) => !req.body.jobs || req.body.jobs.includes(job);
      const postings = run('postings')
        ? await runPostingJobs(app.db, at)
        : { published: 0, closed: 0, credited: 0 };
      const vouchersExpired = run('vouchers') ? await expireVouchers(app.db, at) : 0;
      if (run('cases')) await runCaseJobs(app.db, at);
      if (run('outbox')) await deliverOutbox(app.db, at);
      const votesClosed = run('votes') ? (await runVoteJobs(app.db, at)).closed : 0;
      const activityReminders = run('activity_reminders') ? await runActivityReminders(app.db, at) : 0;
      if (run('toolbox')) await runToolboxJobs(app.db, at);
      return { ...postings, vouchersExpired, votesClosed, activityReminders };
    },
  );
}
