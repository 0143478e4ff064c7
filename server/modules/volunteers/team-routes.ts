import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../common/contracts/common.ts';
import {
  figuresOut,
  figuresQuery,
  joinIn,
  matchOut,
  matchQuery,
  memberIn,
  memberParams,
  myProfile,
  postIn,
  postUpdate,
  profileIn,
  teamDetail,
  teamIn,
  teamPage,
  teamQuery,
  teamUpdate,
  volunteerPage,
  volunteerQuery,
} from '../../../common/contracts/volunteers.ts';
import { command, query } from '../../platform/http.ts';
import { volunteerFigures } from './figures.ts';
import { matchVolunteers } from './matching.ts';
import * as teams from './teams.ts';

/** 志愿服务队: teams, posts, members, volunteer profiles, matching and figures. No SQL here. */
export async function teamRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['volunteers'];
  const base = '/api/volunteers';

  r.get(`${base}/teams`, { schema: { tags, querystring: teamQuery, response: { 200: teamPage } } }, (req) =>
    teams.listTeams(query(req), req.query),
  );
  r.post(`${base}/teams`, { schema: { tags, body: teamIn, response: { 200: teamDetail } } }, (req) =>
    command(req, (ctx) => teams.createTeam(ctx, req.body)),
  );
  r.get(`${base}/teams/:id`, { schema: { tags, params: idParam, response: { 200: teamDetail } } }, (req) =>
    teams.getTeam(query(req), req.params.id),
  );
  r.patch(
    `${base}/teams/:id`,
    { schema: { tags, params: idParam, body: teamUpdate, response: { 200: teamDetail } } },
    (req) => command(req, (ctx) => teams.updateTeam(ctx, req.params.id, req.body)),
  );
  r.post(
    `${base}/teams/:id/posts`,
    { schema: { tags, params: idParam, body: postIn, response: { 200: teamDetail } } },
    (req) => command(req, (ctx) => teams.createPost(ctx, req.params.id, req.body)),
  );
  r.patch(
    `${base}/posts/:id`,
    { schema: { tags, params: idParam, body: postUpdate, response: { 200: teamDetail } } },
    (req) => command(req, (ctx) => teams.updatePost(ctx, req.params.id, req.body)),
  );
  r.post(
    `${base}/teams/:id/members`,
    { schema: { tags, params: idParam, body: memberIn, response: { 200: teamDetail } } },
    (req) => command(req, (ctx) => teams.addMember(ctx, req.params.id, req.body)),
  );
  r.delete(
    `${base}/teams/:id/members/:memberId`,
    { schema: { tags, params: memberParams, response: { 200: teamDetail } } },
    (req) => command(req, (ctx) => teams.removeMember(ctx, req.params.id, req.params.memberId)),
  );
  r.post(
    `${base}/teams/:id/join`,
    { schema: { tags, params: idParam, body: joinIn, response: { 200: teamDetail } } },
    (req) => command(req, (ctx) => teams.joinTeam(ctx, req.params.id, req.body)),
  );
  r.get(`${base}/me`, { schema: { tags, response: { 200: myProfile } } }, (req) =>
    teams.getMyProfile(query(req)),
  );
  r.put(`${base}/me`, { schema: { tags, body: profileIn, response: { 200: myProfile } } }, (req) =>
    command(req, (ctx) => teams.putMyProfile(ctx, req.body)),
  );
  r.get(
    `${base}/profiles`,
    { schema: { tags, querystring: volunteerQuery, response: { 200: volunteerPage } } },
    (req) => teams.listVolunteers(query(req), req.query),
  );
  r.get(`${base}/match`, { schema: { tags, querystring: matchQuery, response: { 200: matchOut } } }, (req) =>
    matchVolunteers(query(req), req.query),
  );
  r.get(
    `${base}/figures`,
    { schema: { tags, querystring: figuresQuery, response: { 200: figuresOut } } },
    (req) => volunteerFigures(query(req), req.query),
  );
}
