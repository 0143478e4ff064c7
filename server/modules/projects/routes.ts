import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../common/contracts/common.ts';
import {
  milestoneMark,
  milestoneOut,
  monthlyOut,
  monthlyQuery,
  planIn,
  planOut,
  planPage,
  planQuery,
  planTransition,
  planUpdate,
  projectIn,
  projectOut,
  projectPage,
  projectQuery,
  projectTransition,
  projectUpdate,
  publicPlanOut,
  publicProjectList,
  publicProjectQuery,
  quarterlyOut,
  quarterlyQuery,
  ratingIn,
  residentProjectPage,
  residentProjectQuery,
  unitsOut,
  unitsQuery,
  updateIn,
  weeklyOut,
  weeklyQuery,
} from '../../../common/contracts/projects.ts';
import { z } from 'zod';
import { command, query } from '../../platform/http.ts';
import { attachment } from '../org/index.ts';
import { quarterlyFileName, quarterlyWorkbook } from './export.ts';
import * as plans from './plans.ts';
import * as projects from './projects.ts';
import * as views from './views.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 一事一策 and 暖心实项目: plans, projects, the weekly/monthly/quarterly views, ratings, public pages. */
export async function projectsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['projects'];

  // 一事一策
  r.get(
    '/api/projects/plans',
    { schema: { tags, querystring: planQuery, response: { 200: planPage } } },
    (req) => plans.listPlans(query(req), req.query),
  );
  r.post('/api/projects/plans', { schema: { tags, body: planIn, response: { 200: planOut } } }, (req) =>
    command(req, (ctx) => plans.createPlan(ctx, req.body)),
  );
  r.get('/api/projects/plans/:id', { schema: { tags, params: idParam, response: { 200: planOut } } }, (req) =>
    plans.getPlan(query(req), req.params.id),
  );
  r.patch(
    '/api/projects/plans/:id',
    { schema: { tags, params: idParam, body: planUpdate, response: { 200: planOut } } },
    (req) => command(req, (ctx) => plans.updatePlan(ctx, req.params.id, req.body)),
  );
  r.post(
    '/api/projects/plans/:id/transitions',
    { schema: { tags, params: idParam, body: planTransition, response: { 200: planOut } } },
    (req) => command(req, (ctx) => plans.transitionPlan(ctx, req.params.id, req.body)),
  );
  r.post(
    '/api/projects/plans/:id/updates',
    {
      schema: { tags, params: idParam, body: updateIn.omit({ spentFen: true }), response: { 200: planOut } },
    },
    (req) => command(req, (ctx) => plans.addPlanUpdate(ctx, req.params.id, req.body)),
  );
  r.post(
    '/api/projects/milestones/:id',
    { schema: { tags, params: idParam, body: milestoneMark, response: { 200: milestoneOut } } },
    (req) => command(req, (ctx) => projects.markMilestone(ctx, req.params.id, req.body)),
  );

  // 暖心实项目
  r.get(
    '/api/projects',
    { schema: { tags, querystring: projectQuery, response: { 200: projectPage } } },
    (req) => projects.listProjects(query(req), req.query),
  );
  r.get(
    '/api/projects/units',
    { schema: { tags, querystring: unitsQuery, response: { 200: unitsOut } } },
    (req) => projects.responsibleUnits(query(req), req.query.orgUnitId),
  );
  r.post('/api/projects', { schema: { tags, body: projectIn, response: { 200: projectOut } } }, (req) =>
    command(req, (ctx) => projects.createProject(ctx, req.body)),
  );
  r.get('/api/projects/:id', { schema: { tags, params: idParam, response: { 200: projectOut } } }, (req) =>
    projects.getProject(query(req), req.params.id),
  );
  r.patch(
    '/api/projects/:id',
    { schema: { tags, params: idParam, body: projectUpdate, response: { 200: projectOut } } },
    (req) => command(req, (ctx) => projects.updateProject(ctx, req.params.id, req.body)),
  );
  r.post(
    '/api/projects/:id/transitions',
    { schema: { tags, params: idParam, body: projectTransition, response: { 200: projectOut } } },
    (req) => command(req, (ctx) => projects.transitionProject(ctx, req.params.id, req.body)),
  );
  r.post(
    '/api/projects/:id/updates',
    { schema: { tags, params: idParam, body: updateIn, response: { 200: projectOut } } },
    (req) => command(req, (ctx) => projects.addProjectUpdate(ctx, req.params.id, req.body)),
  );

  // 周调度、月研判、季总结
  r.get(
    '/api/projects/weekly',
    { schema: { tags, summary: '周调度', querystring: weeklyQuery, response: { 200: weeklyOut } } },
    (req) => views.weeklyBoard(query(req), req.query),
  );
  r.get(
    '/api/projects/monthly',
    { schema: { tags, summary: '月研判', querystring: monthlyQuery, response: { 200: monthlyOut } } },
    (req) => views.monthlyReview(query(req), req.query),
  );
  r.get(
    '/api/projects/quarterly',
    { schema: { tags, summary: '季总结', querystring: quarterlyQuery, response: { 200: quarterlyOut } } },
    (req) => views.quarterlySummary(query(req), req.query),
  );
  r.get(
    '/api/projects/quarterly/export',
    { schema: { tags, summary: '导出季总结 (.xlsx)', querystring: quarterlyQuery, produces: [XLSX] } },
    async (req, reply) => {
      await command(req, (ctx) => views.recordQuarterlyExport(ctx, req.query));
      const summary = await views.quarterlySummary(query(req), req.query);
      return reply
        .header(
          'content-disposition',
          attachment(quarterlyFileName(summary), `projects-summary-${summary.quarter}.xlsx`),
        )
        .header('cache-control', 'no-store')
        .type(XLSX)
        .send(await quarterlyWorkbook(summary));
    },
  );

  // Residents
  r.get(
    '/api/projects/resident',
    { schema: { tags, querystring: residentProjectQuery, response: { 200: residentProjectPage } } },
    (req) => views.residentProjects(query(req), req.query),
  );
  r.post(
    '/api/projects/:id/ratings',
    {
      schema: {
        tags,
        params: idParam,
        body: ratingIn,
        response: { 200: z.object({ score: z.number().int(), comment: z.string() }) },
      },
    },
    (req) => command(req, (ctx) => views.rateProject(ctx, req.params.id, req.body)),
  );

  // Public progress pages: no login, masked.
  r.get(
    '/api/public/communities/:id/projects',
    {
      schema: {
        tags,
        params: idParam,
        querystring: publicProjectQuery,
        response: { 200: publicProjectList },
      },
    },
    (req) => views.publicProjects(req.server.db, req.params.id, req.query.year),
  );
  r.get(
    '/api/public/plans/:id',
    { schema: { tags, params: idParam, response: { 200: publicPlanOut } } },
    (req) => plans.publicPlan(req.server.db, req.params.id),
  );
}
