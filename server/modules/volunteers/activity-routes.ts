import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  activityCancel,
  activityCodeOut,
  activityCodeQuery,
  activityIn,
  activityOut,
  activityPage,
  activityQuery,
  activityScanIn,
  activityScanOut,
  activityUpdate,
  attendanceIn,
  capacityIn,
  myHoursOut,
  myHoursQuery,
} from '../../../common/contracts/activities.ts';
import { idParam } from '../../../common/contracts/common.ts';
import { command, query } from '../../platform/http.ts';
import type { RotatingQr } from '../../platform/rotating-qr.ts';
import * as activities from './activities.ts';
import { activityCode, checkIn, checkOut, confirmAttendance } from './attendance.ts';
import { myHours } from './hours.ts';
import { cancelSignup, setCapacity, signUp } from './signups.ts';

/** 志愿活动: activities, sign-up with waiting list, QR check-in/out, attendance → hours → points. */
export async function activityRoutes(app: FastifyInstance, opts: { qrSecret: string }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['volunteer activities'];
  const qr: RotatingQr = { secret: opts.qrSecret };
  const base = '/api/volunteers/activities';

  r.get(base, { schema: { tags, querystring: activityQuery, response: { 200: activityPage } } }, (req) =>
    activities.listActivities(query(req), req.query),
  );
  r.post(base, { schema: { tags, body: activityIn, response: { 200: activityOut } } }, (req) =>
    command(req, (ctx) => activities.createActivity(ctx, req.body)),
  );
  r.get(
    `${base}/my-hours`,
    { schema: { tags, querystring: myHoursQuery, response: { 200: myHoursOut } } },
    (req) => myHours(query(req), req.query),
  );
  r.get(`${base}/:id`, { schema: { tags, params: idParam, response: { 200: activityOut } } }, (req) =>
    activities.getActivity(query(req), req.params.id),
  );
  r.patch(
    `${base}/:id`,
    { schema: { tags, params: idParam, body: activityUpdate, response: { 200: activityOut } } },
    (req) => command(req, (ctx) => activities.updateActivity(ctx, req.params.id, req.body)),
  );
  r.post(
    `${base}/:id/cancel`,
    { schema: { tags, params: idParam, body: activityCancel, response: { 200: activityOut } } },
    (req) => command(req, (ctx) => activities.cancelActivity(ctx, req.params.id, req.body.reason)),
  );
  r.put(
    `${base}/:id/capacity`,
    { schema: { tags, params: idParam, body: capacityIn, response: { 200: activityOut } } },
    (req) => command(req, (ctx) => setCapacity(ctx, req.params.id, req.body.capacity)),
  );
  r.post(`${base}/:id/signup`, { schema: { tags, params: idParam, response: { 200: activityOut } } }, (req) =>
    command(req, (ctx) => signUp(ctx, req.params.id)),
  );
  r.delete(
    `${base}/:id/signup`,
    { schema: { tags, params: idParam, response: { 200: activityOut } } },
    (req) => command(req, (ctx) => cancelSignup(ctx, req.params.id)),
  );
  r.get(
    `${base}/:id/code`,
    { schema: { tags, params: idParam, querystring: activityCodeQuery, response: { 200: activityCodeOut } } },
    (req) => activityCode(query(req), qr, req.params.id, req.query.purpose),
  );
  r.post(
    `${base}/:id/check-in`,
    { schema: { tags, params: idParam, body: activityScanIn, response: { 200: activityScanOut } } },
    (req) => command(req, (ctx) => checkIn(ctx, qr, req.params.id, req.body.code)),
  );
  r.post(
    `${base}/:id/check-out`,
    { schema: { tags, params: idParam, body: activityScanIn, response: { 200: activityScanOut } } },
    (req) => command(req, (ctx) => checkOut(ctx, qr, req.params.id, req.body.code)),
  );
  r.post(
    `${base}/:id/attendance`,
    { schema: { tags, params: idParam, body: attendanceIn, response: { 200: activityOut } } },
    (req) => command(req, (ctx) => confirmAttendance(ctx, req.params.id, req.body)),
  );
}
