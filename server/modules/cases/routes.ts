import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  caseCategoryList,
  caseCategoryQuery,
  caseCreate,
  caseOut,
  casePage,
  caseQuery,
  caseTransition,
  duplicateList,
  duplicatesQuery,
  reportInBody,
  whistleCreate,
  whistleList,
  whistleQuery,
  whistleResultBody,
} from '../../../common/contracts/cases.ts';
import { idParam } from '../../../common/contracts/common.ts';
import { AppError } from '../../platform/errors.ts';
import { command, query } from '../../platform/http.ts';
import { loadOrgUnit } from '../org/index.ts';
import { caseAdminRoutes } from './admin-routes.ts';
import * as cases from './cases.ts';
import { emergencyRoutes } from './duty-routes.ts';
import { categoriesAt } from './categories.ts';
import * as whistles from './whistles.ts';

/** 四单、三事三议、吹哨报到: cases from report to rating. No SQL here. */
export async function casesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];

  r.get(
    '/api/cases/categories',
    { schema: { tags, querystring: caseCategoryQuery, response: { 200: caseCategoryList } } },
    async (req) => {
      const q = query(req);
      const unitId = req.query.orgUnitId ?? q.actor.grants[0]?.orgUnitId;
      if (!unitId) throw new AppError('not_found');
      const unit = await loadOrgUnit(q.db, unitId);
      return { items: await categoriesAt(q.db, unit.path) };
    },
  );
  r.get(
    '/api/cases/duplicates',
    { schema: { tags, querystring: duplicatesQuery, response: { 200: duplicateList } } },
    (req) => cases.findDuplicates(query(req), req.query),
  );
  r.post('/api/cases', { schema: { tags, body: caseCreate, response: { 200: caseOut } } }, (req) =>
    command(req, (ctx) => cases.reportCase(ctx, req.body)),
  );
  r.get('/api/cases', { schema: { tags, querystring: caseQuery, response: { 200: casePage } } }, (req) =>
    cases.listCases(query(req), req.query),
  );
  r.get(
    '/api/cases/whistles',
    { schema: { tags, querystring: whistleQuery, response: { 200: whistleList } } },
    (req) => whistles.listWhistles(query(req), req.query),
  );
  r.get('/api/cases/:id', { schema: { tags, params: idParam, response: { 200: caseOut } } }, (req) =>
    cases.getCase(query(req), req.params.id),
  );
  r.post(
    '/api/cases/:id/transitions',
    { schema: { tags, params: idParam, body: caseTransition, response: { 200: caseOut } } },
    (req) => command(req, (ctx) => cases.transitionCase(ctx, req.params.id, req.body)),
  );
  r.post(
    '/api/cases/:id/whistles',
    { schema: { tags, params: idParam, body: whistleCreate, response: { 200: caseOut } } },
    (req) => command(req, (ctx) => whistles.whistleCase(ctx, req.params.id, req.body)),
  );
  r.post(
    '/api/cases/whistles/:id/report-in',
    { schema: { tags, params: idParam, body: reportInBody, response: { 200: caseOut } } },
    (req) => command(req, (ctx) => whistles.reportIn(ctx, req.params.id, req.body.note)),
  );
  r.post(
    '/api/cases/whistles/:id/result',
    { schema: { tags, params: idParam, body: whistleResultBody, response: { 200: caseOut } } },
    (req) => command(req, (ctx) => whistles.recordResult(ctx, req.params.id, req.body)),
  );
  await caseAdminRoutes(app);
  await emergencyRoutes(app);
}
