import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  acknowledgeBody,
  caseOut,
  checkInBody,
  dutyRosterCreate,
  dutyRosterList,
  dutyRosterOut,
  dutyRosterQuery,
} from '../../../common/contracts/cases.ts';
import { idParam } from '../../../common/contracts/common.ts';
import { command, query } from '../../platform/http.ts';
import * as duty from './duty.ts';
import * as emergency from './emergency.ts';

/** 突发事件 (1分钟响应、5分钟到位) and the community's on-duty list (值班表). No SQL here. */
export async function emergencyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];

  r.post(
    '/api/cases/:id/acknowledge',
    { schema: { tags, params: idParam, body: acknowledgeBody, response: { 200: caseOut } } },
    (req) => command(req, (ctx) => emergency.acknowledgeEmergency(ctx, req.params.id, req.body.note)),
  );
  r.post(
    '/api/cases/:id/check-in',
    { schema: { tags, params: idParam, body: checkInBody, response: { 200: caseOut } } },
    (req) => command(req, (ctx) => emergency.checkInEmergency(ctx, req.params.id, req.body)),
  );
  r.get(
    '/api/cases/duty-roster',
    { schema: { tags, querystring: dutyRosterQuery, response: { 200: dutyRosterList } } },
    (req) => duty.listDuty(query(req), req.query),
  );
  r.post(
    '/api/cases/duty-roster',
    { schema: { tags, body: dutyRosterCreate, response: { 200: dutyRosterOut } } },
    (req) => command(req, (ctx) => duty.addDuty(ctx, req.body)),
  );
  r.delete(
    '/api/cases/duty-roster/:id',
    { schema: { tags, params: idParam, response: { 200: z.object({ ok: z.literal(true) }) } } },
    (req) => command(req, (ctx) => duty.removeDuty(ctx, req.params.id)),
  );
}
