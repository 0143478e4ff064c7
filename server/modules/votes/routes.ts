import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../common/contracts/common.ts';
import {
  ballotIn,
  ballotOut,
  electorPage,
  electorQuery,
  motionCreate,
  motionDetail,
  motionPage,
  motionQuery,
  motionTransition,
  paperBallotIn,
  publicVoteOut,
  voteResultOut,
} from '../../../common/contracts/votes.ts';
import { command, query } from '../../platform/http.ts';
import { castBallot, enterPaperBallot, listElectors } from './ballots.ts';
import { createMotion, getMotion, getResult, listMotions, transition } from './motions.ts';
import { publicVote } from './public.ts';

/** 表决: motions, ballots on the phone and on paper, results; a public page per published result. */
export async function votesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['votes'];

  r.get('/api/votes', { schema: { tags, querystring: motionQuery, response: { 200: motionPage } } }, (req) =>
    listMotions(query(req), req.query),
  );
  r.post('/api/votes', { schema: { tags, body: motionCreate, response: { 200: motionDetail } } }, (req) =>
    command(req, (ctx) => createMotion(ctx, req.body)),
  );
  r.get('/api/votes/:id', { schema: { tags, params: idParam, response: { 200: motionDetail } } }, (req) =>
    getMotion(query(req), req.params.id),
  );
  r.post(
    '/api/votes/:id/transitions',
    { schema: { tags, params: idParam, body: motionTransition, response: { 200: motionDetail } } },
    (req) => command(req, (ctx) => transition(ctx, req.params.id, req.body.action, req.body.note)),
  );
  r.post(
    '/api/votes/:id/ballots',
    { schema: { tags, params: idParam, body: ballotIn, response: { 200: ballotOut } } },
    (req) => command(req, (ctx) => castBallot(ctx, req.params.id, req.body)),
  );
  r.post(
    '/api/votes/:id/paper-ballots',
    { schema: { tags, params: idParam, body: paperBallotIn, response: { 200: ballotOut } } },
    (req) => command(req, (ctx) => enterPaperBallot(ctx, req.params.id, req.body)),
  );
  r.get(
    '/api/votes/:id/electors',
    { schema: { tags, params: idParam, querystring: electorQuery, response: { 200: electorPage } } },
    (req) => listElectors(query(req), req.params.id, req.query),
  );
  r.get(
    '/api/votes/:id/results',
    { schema: { tags, params: idParam, response: { 200: voteResultOut } } },
    (req) => getResult(query(req), req.params.id),
  );
  r.get(
    '/api/public/votes/:id',
    { schema: { tags: ['public'], params: idParam, response: { 200: publicVoteOut } } },
    (req) => publicVote(req.server.db, req.params.id),
  );
}
