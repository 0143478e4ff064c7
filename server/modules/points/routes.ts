import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../common/contracts/common.ts';
import {
  accountOut,
  activateBody,
  baseBatchCreate,
  baseBatchOut,
  batchApprove,
  batchResult,
  claimCreate,
  claimOut,
  claimPage,
  claimQuery,
  claimTransition,
  consentBody,
  conventionIn,
  conventionOut,
  householdPointsOut,
  objectionCreate,
  objectionDecide,
  objectionList,
  objectionOut,
  objectionQuery,
  postingList,
  postingOut,
  postingPublish,
  postingQuery,
  rulebookIn,
  rulebookList,
  rulebookOut,
  rulebookQuery,
} from '../../../common/contracts/points.ts';
import { authorize } from '../../platform/access.ts';
import { shanghaiMonth } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { command, query, requestInfo } from '../../platform/http.ts';
import { communityPathOf, loadOrgUnit, pathIds } from '../org/index.ts';
import * as accounts from './accounts.ts';
import { createBaseBatch } from './base-batch.ts';
import * as claims from './claims.ts';
import * as postings from './postings.ts';
import * as rulebooks from './rulebooks.ts';

/** 积分制: rulebooks, claims and their review, accounts, postings and objections. No SQL here. */
export async function pointsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['points'];

  /** The unit to read for: the one asked for, or the actor's first grant. */
  const unitFor = async (
    req: { server: FastifyInstance },
    actor: ReturnType<typeof query>['actor'],
    id?: string,
  ) => {
    const unitId = id ?? actor.grants[0]?.orgUnitId;
    if (!unitId) throw new AppError('not_found');
    return loadOrgUnit(req.server.db, unitId);
  };

  r.get(
    '/api/points/rulebooks',
    { schema: { tags, querystring: rulebookQuery, response: { 200: rulebookList } } },
    async (req) => {
      const q = query(req);
      const unit = await unitFor(req, q.actor, req.query.orgUnitId);
      authorize(q.actor, 'points:read', {
        orgPath: unit.path,
        householdIds: q.actor.grants.flatMap((g) => g.householdId ?? []),
      });
      return { items: await rulebooks.listRulebooks(q.db, q.actor, unit.path) };
    },
  );
  r.get(
    '/api/points/rulebooks/:id',
    { schema: { tags, params: idParam, response: { 200: rulebookOut } } },
    async (req) => {
      const q = query(req);
      const book = await rulebooks.loadRulebook(q.db, req.params.id);
      // Rulebooks are public once in force; drafts only for those who may manage them.
      if (book.status === 'draft') authorize(q.actor, 'points:manage', { orgPath: book.orgPath });
      return rulebooks.presentRulebook(q.db, q.actor, book);
    },
  );
  r.post(
    '/api/points/rulebooks',
    { schema: { tags, body: rulebookIn, response: { 200: rulebookOut } } },
    (req) => command(req, (ctx) => rulebooks.createRulebook(ctx, req.body)),
  );
  r.put(
    '/api/points/rulebooks/:id',
    { schema: { tags, params: idParam, body: rulebookIn, response: { 200: rulebookOut } } },
    (req) => command(req, (ctx) => rulebooks.replaceDraft(ctx, req.params.id, req.body)),
  );
  r.post(
    '/api/points/rulebooks/:id/revise',
    { schema: { tags, params: idParam, response: { 200: rulebookOut } } },
    (req) => command(req, (ctx) => rulebooks.reviseRulebook(ctx, req.params.id)),
  );
  r.post(
    '/api/points/rulebooks/:id/activate',
    { schema: { tags, params: idParam, body: activateBody, response: { 200: rulebookOut } } },
    (req) => command(req, (ctx) => rulebooks.activateRulebook(ctx, req.params.id, req.body.effectiveFrom)),
  );
  r.post(
    '/api/points/conventions',
    { schema: { tags, body: conventionIn, response: { 200: conventionOut } } },
    (req) => command(req, (ctx) => rulebooks.publishConvention(ctx, req.body)),
  );

  r.get(
    '/api/points/claims',
    { schema: { tags, querystring: claimQuery, response: { 200: claimPage } } },
    (req) => claims.listClaims(query(req), req.query),
  );
  r.post('/api/points/claims', { schema: { tags, body: claimCreate, response: { 200: claimOut } } }, (req) =>
    command(req, (ctx) => claims.declareClaim(ctx, req.body)),
  );
  r.get('/api/points/claims/:id', { schema: { tags, params: idParam, response: { 200: claimOut } } }, (req) =>
    claims.getClaim(query(req), req.params.id),
  );
  r.post(
    '/api/points/claims/:id/transitions',
    { schema: { tags, params: idParam, body: claimTransition, response: { 200: claimOut } } },
    (req) => command(req, (ctx) => claims.transitionClaim(ctx, req.params.id, req.body)),
  );
  r.post(
    '/api/points/claims/batch-approve',
    { schema: { tags, body: batchApprove, response: { 200: batchResult } } },
    (req) =>
      claims.batchApprove(
        req.server.db,
        query(req).actor,
        requestInfo(req),
        req.body.claimIds,
        req.body.note,
      ),
  );
  r.post(
    '/api/points/base-batches',
    { schema: { tags, body: baseBatchCreate, response: { 200: baseBatchOut } } },
    (req) => command(req, (ctx) => createBaseBatch(ctx, req.body)),
  );

  r.get('/api/points/me', { schema: { tags, response: { 200: accountOut } } }, (req) =>
    accounts.getMyAccount(query(req)),
  );
  r.get(
    '/api/points/persons/:id/account',
    { schema: { tags, params: idParam, response: { 200: accountOut } } },
    (req) => accounts.getPersonAccount(query(req), req.params.id),
  );
  r.put(
    '/api/points/persons/:id/consent',
    { schema: { tags, params: idParam, body: consentBody, response: { 200: accountOut } } },
    (req) => command(req, (ctx) => accounts.setConsent(ctx, req.params.id, req.body.publicConsent)),
  );
  r.get(
    '/api/points/households/:id',
    { schema: { tags, params: idParam, response: { 200: householdPointsOut } } },
    (req) => accounts.householdPoints(query(req), req.params.id),
  );

  r.get(
    '/api/points/postings',
    { schema: { tags, querystring: postingQuery, response: { 200: postingList } } },
    async (req) => {
      const q = query(req);
      const unit = await unitFor(req, q.actor, req.query.communityId);
      // A resident's grant is their building: their community's postings are the ones they read.
      const communityPath = communityPathOf(unit.path);
      if (!communityPath) throw new AppError('validation_failed', { field: 'communityId' });
      const rows = await postings.listPostings(q.db, pathIds(communityPath)[2]);
      const items = [];
      for (const p of rows) {
        const { rows: _, ...rest } = await postings.presentPosting(q.db, q.actor, p);
        items.push(rest);
      }
      return { items };
    },
  );
  r.get(
    '/api/points/postings/:id',
    { schema: { tags, params: idParam, response: { 200: postingOut } } },
    async (req) => {
      const q = query(req);
      return postings.presentPosting(q.db, q.actor, await postings.loadPosting(q.db, req.params.id));
    },
  );
  r.post(
    '/api/points/postings',
    { schema: { tags, body: postingPublish, response: { 200: postingOut } } },
    (req) =>
      command(req, async (ctx) => {
        const p = await postings.publishPosting(
          ctx,
          req.body.communityId,
          req.body.period ?? shanghaiMonth(),
        );
        return postings.presentPosting(ctx.tx, ctx.actor, p);
      }),
  );

  r.get(
    '/api/points/objections',
    { schema: { tags, querystring: objectionQuery, response: { 200: objectionList } } },
    (req) => postings.listObjections(query(req), req.query),
  );
  r.post(
    '/api/points/objections',
    { schema: { tags, body: objectionCreate, response: { 200: objectionOut } } },
    (req) => command(req, (ctx) => postings.fileObjection(ctx, req.body.claimId, req.body.reason)),
  );
  r.post(
    '/api/points/objections/:id/decision',
    { schema: { tags, params: idParam, body: objectionDecide, response: { 200: objectionOut } } },
    (req) =>
      command(req, (ctx) => postings.decideObjection(ctx, req.params.id, req.body.decision, req.body.note)),
  );
}
