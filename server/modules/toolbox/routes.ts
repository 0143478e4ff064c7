import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../common/contracts/common.ts';
import {
  extendBody,
  lendBody,
  loanOut,
  loanPage,
  loanQuery,
  lostBody,
  returnBody,
  toolFiguresOut,
  toolIn,
  toolOut,
  toolPage,
  toolQuery,
  toolUpdate,
} from '../../../common/contracts/toolbox.ts';
import { command, query } from '../../platform/http.ts';
import { toolFigures } from './figures.ts';
import * as loans from './loans.ts';
import * as tools from './tools.ts';

/** 共享工具箱: the catalogue with availability, loans and returns, the figures. No SQL here. */
export async function toolboxRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['toolbox'];

  r.get(
    '/api/toolbox/tools',
    { schema: { tags, querystring: toolQuery, response: { 200: toolPage } } },
    (req) => tools.listTools(query(req), req.query),
  );
  r.get('/api/toolbox/tools/:id', { schema: { tags, params: idParam, response: { 200: toolOut } } }, (req) =>
    tools.getTool(query(req), req.params.id),
  );
  r.post('/api/toolbox/tools', { schema: { tags, body: toolIn, response: { 200: toolOut } } }, (req) =>
    command(req, (ctx) => tools.createTool(ctx, req.body)),
  );
  r.patch(
    '/api/toolbox/tools/:id',
    { schema: { tags, params: idParam, body: toolUpdate, response: { 200: toolOut } } },
    (req) => command(req, (ctx) => tools.updateTool(ctx, req.params.id, req.body)),
  );

  r.get(
    '/api/toolbox/loans',
    { schema: { tags, querystring: loanQuery, response: { 200: loanPage } } },
    (req) => loans.listLoans(query(req), req.query),
  );
  r.get('/api/toolbox/loans/:id', { schema: { tags, params: idParam, response: { 200: loanOut } } }, (req) =>
    loans.getLoan(query(req), req.params.id),
  );
  r.post('/api/toolbox/loans', { schema: { tags, body: lendBody, response: { 200: loanOut } } }, (req) =>
    command(req, (ctx) => loans.lend(ctx, req.body)),
  );
  r.post(
    '/api/toolbox/loans/:id/return',
    { schema: { tags, params: idParam, body: returnBody, response: { 200: loanOut } } },
    (req) => command(req, (ctx) => loans.returnLoan(ctx, req.params.id, req.body)),
  );
  r.post(
    '/api/toolbox/loans/:id/extend',
    { schema: { tags, params: idParam, body: extendBody, response: { 200: loanOut } } },
    (req) => command(req, (ctx) => loans.extendLoan(ctx, req.params.id, req.body)),
  );
  r.post(
    '/api/toolbox/loans/:id/lost',
    { schema: { tags, params: idParam, body: lostBody, response: { 200: loanOut } } },
    (req) => command(req, (ctx) => loans.markLost(ctx, req.params.id, req.body.note)),
  );

  r.get('/api/toolbox/figures', { schema: { tags, response: { 200: toolFiguresOut } } }, (req) =>
    toolFigures(query(req)),
  );
}
