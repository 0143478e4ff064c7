import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../common/contracts/common.ts';
import {
  figuresQuery,
  myPartner,
  participantList,
  partnerFigures,
  partnerIn,
  partnerList,
  partnerOut,
  partnerQuery,
  projectDetail,
  projectIn,
  projectList,
  projectOut,
  projectQuery,
  projectTransition,
  reasonIn,
} from '../../../common/contracts/partner-projects.ts';
import { command, query } from '../../platform/http.ts';
import { partnerFigures as figures } from './figures.ts';
import * as partners from './partners.ts';
import * as projects from './projects.ts';

/** 幸福家园合伙人 (/api/partners) and their cooperative projects (/api/partner-projects). */
export async function partnersRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['partners'];
  r.get(
    '/api/partners',
    { schema: { tags, querystring: partnerQuery, response: { 200: partnerList } } },
    (req) => partners.listPartners(query(req), req.query),
  );
  r.get('/api/partners/me', { schema: { tags, response: { 200: myPartner } } }, (req) =>
    partners.myPartner(query(req)),
  );
  r.post('/api/partners', { schema: { tags, body: partnerIn, response: { 200: partnerOut } } }, (req) =>
    command(req, (ctx) => partners.registerPartner(ctx, req.body)),
  );
  r.get('/api/partners/:id', { schema: { tags, params: idParam, response: { 200: partnerOut } } }, (req) =>
    partners.getPartner(query(req), req.params.id),
  );
  r.post(
    '/api/partners/:id/approve',
    { schema: { tags, params: idParam, response: { 200: partnerOut } } },
    (req) => command(req, (ctx) => partners.decidePartner(ctx, req.params.id, 'approve')),
  );
  for (const move of ['decline', 'suspend'] as const)
    r.post(
      `/api/partners/:id/${move}`,
      { schema: { tags, params: idParam, body: reasonIn, response: { 200: partnerOut } } },
      (req) => command(req, (ctx) => partners.decidePartner(ctx, req.params.id, move, req.body.reason)),
    );

  const ptags = ['partner-projects'];
  r.get(
    '/api/partner-projects',
    { schema: { tags: ptags, querystring: projectQuery, response: { 200: projectList } } },
    (req) => projects.listProjects(query(req), req.query),
  );
  r.get(
    '/api/partner-projects/figures',
    { schema: { tags: ptags, querystring: figuresQuery, response: { 200: partnerFigures } } },
    (req) => figures(query(req), req.query),
  );
  r.post(
    '/api/partner-projects',
    { schema: { tags: ptags, body: projectIn, response: { 200: projectOut } } },
    (req) => command(req, (ctx) => projects.createProject(ctx, req.body)),
  );
  r.get(
    '/api/partner-projects/:id',
    { schema: { tags: ptags, params: idParam, response: { 200: projectDetail } } },
    (req) => projects.getProject(query(req), req.params.id),
  );
  r.post(
    '/api/partner-projects/:id/transitions',
    { schema: { tags: ptags, params: idParam, body: projectTransition, response: { 200: projectDetail } } },
    (req) =>
      command(req, (ctx) => projects.transitionProject(ctx, req.params.id, req.body.action, req.body.note)),
  );
  r.post(
    '/api/partner-projects/:id/join',
    { schema: { tags: ptags, params: idParam, response: { 200: projectDetail } } },
    (req) => command(req, (ctx) => projects.joinProject(ctx, req.params.id)),
  );
  r.post(
    '/api/partner-projects/:id/leave',
    { schema: { tags: ptags, params: idParam, response: { 200: projectDetail } } },
    (req) => command(req, (ctx) => projects.leaveProject(ctx, req.params.id)),
  );
  r.get(
    '/api/partner-projects/:id/participants',
    { schema: { tags: ptags, params: idParam, response: { 200: participantList } } },
    (req) => projects.listParticipants(query(req), req.params.id),
  );
}
