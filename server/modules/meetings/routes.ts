import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../common/contracts/common.ts';
import {
  agendaIn,
  bodyIn,
  bodyList,
  bodyOut,
  bodyQuery,
  bodyUpdate,
  checkInBody,
  checkInOut,
  checkinCodeOut,
  decisionIn,
  figuresQuery,
  meetingFigures,
  meetingIn,
  meetingOut,
  meetingPage,
  meetingQuery,
  meetingTransition,
  minutesIn,
  publicMeetingList,
  publicOutcome,
  taskComplete,
  taskOut,
  taskPage,
  taskQuery,
} from '../../../common/contracts/meetings.ts';
import { command, query } from '../../platform/http.ts';
import type { RotatingQr } from '../../platform/rotating-qr.ts';
import * as bodies from './bodies.ts';
import { checkIn, checkinCode } from './checkin.ts';
import { decide } from './decisions.ts';
import { meetingFigures as figures } from './figures.ts';
import * as meetings from './meetings.ts';
import { publicOutcome as outcome, publicMeetings } from './public.ts';
import { completeTask, listTasks } from './tasks.ts';

const agendaItemParams = z.object({ id: z.uuid(), itemId: z.uuid() });

/** 议事: bodies, meetings with agenda, check-in, minutes and decisions, tasks, figures, outcomes. */
export async function meetingsRoutes(app: FastifyInstance, opts: { qrSecret: string }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['meetings'];
  const qr: RotatingQr = { secret: opts.qrSecret };

  r.get(
    '/api/meetings/bodies',
    { schema: { tags, querystring: bodyQuery, response: { 200: bodyList } } },
    (req) => bodies.listBodies(query(req), req.query),
  );
  r.get(
    '/api/meetings/bodies/:id',
    { schema: { tags, params: idParam, response: { 200: bodyOut } } },
    (req) => bodies.getBody(query(req), req.params.id),
  );
  r.post('/api/meetings/bodies', { schema: { tags, body: bodyIn, response: { 200: bodyOut } } }, (req) =>
    command(req, (ctx) => bodies.createBody(ctx, req.body)),
  );
  r.patch(
    '/api/meetings/bodies/:id',
    { schema: { tags, params: idParam, body: bodyUpdate, response: { 200: bodyOut } } },
    (req) => command(req, (ctx) => bodies.updateBody(ctx, req.params.id, req.body)),
  );

  r.get(
    '/api/meetings/figures',
    { schema: { tags, querystring: figuresQuery, response: { 200: meetingFigures } } },
    (req) => figures(query(req), req.query),
  );
  r.get(
    '/api/meetings/tasks',
    { schema: { tags, querystring: taskQuery, response: { 200: taskPage } } },
    (req) => listTasks(query(req), req.query),
  );
  r.post(
    '/api/meetings/tasks/:id/complete',
    { schema: { tags, params: idParam, body: taskComplete, response: { 200: taskOut } } },
    (req) => command(req, (ctx) => completeTask(ctx, req.params.id, req.body.result)),
  );

  r.get(
    '/api/meetings',
    { schema: { tags, querystring: meetingQuery, response: { 200: meetingPage } } },
    (req) => meetings.listMeetings(query(req), req.query),
  );
  r.post('/api/meetings', { schema: { tags, body: meetingIn, response: { 200: meetingOut } } }, (req) =>
    command(req, (ctx) => meetings.scheduleMeeting(ctx, req.body)),
  );
  r.get('/api/meetings/:id', { schema: { tags, params: idParam, response: { 200: meetingOut } } }, (req) =>
    meetings.getMeeting(query(req), req.params.id),
  );
  r.post(
    '/api/meetings/:id/transitions',
    { schema: { tags, params: idParam, body: meetingTransition, response: { 200: meetingOut } } },
    (req) => command(req, (ctx) => meetings.transitionMeeting(ctx, req.params.id, req.body)),
  );
  r.post(
    '/api/meetings/:id/agenda',
    {
      schema: {
        tags,
        params: idParam,
        body: z.object({ items: z.array(agendaIn).min(1).max(30) }),
        response: { 200: meetingOut },
      },
    },
    (req) => command(req, (ctx) => meetings.addAgenda(ctx, req.params.id, req.body.items)),
  );
  r.delete(
    '/api/meetings/:id/agenda/:itemId',
    { schema: { tags, params: agendaItemParams, response: { 200: meetingOut } } },
    (req) => command(req, (ctx) => meetings.removeAgenda(ctx, req.params.id, req.params.itemId)),
  );
  r.post(
    '/api/meetings/:id/register',
    { schema: { tags, params: idParam, response: { 200: meetingOut } } },
    (req) => command(req, (ctx) => meetings.registerFor(ctx, req.params.id)),
  );
  r.get(
    '/api/meetings/:id/checkin-code',
    { schema: { tags, params: idParam, response: { 200: checkinCodeOut } } },
    (req) => checkinCode(query(req), qr, req.params.id),
  );
  r.post(
    '/api/meetings/:id/check-in',
    { schema: { tags, params: idParam, body: checkInBody, response: { 200: checkInOut } } },
    (req) => command(req, (ctx) => checkIn(ctx, qr, req.params.id, req.body.code)),
  );
  r.put(
    '/api/meetings/:id/minutes',
    { schema: { tags, params: idParam, body: minutesIn, response: { 200: meetingOut } } },
    (req) => command(req, (ctx) => meetings.writeMinutes(ctx, req.params.id, req.body.text)),
  );
  r.post(
    '/api/meetings/:id/decisions',
    { schema: { tags, params: idParam, body: decisionIn, response: { 200: meetingOut } } },
    (req) => command(req, (ctx) => decide(ctx, req.params.id, req.body)),
  );

  // 议事结果公开: no login, masked.
  r.get(
    '/api/public/communities/:id/meetings',
    { schema: { tags, params: idParam, response: { 200: publicMeetingList } } },
    (req) => publicMeetings(req.server.db, req.params.id),
  );
  r.get(
    '/api/public/meetings/:id',
    { schema: { tags, params: idParam, response: { 200: publicOutcome } } },
    (req) => outcome(req.server.db, req.params.id),
  );
}
