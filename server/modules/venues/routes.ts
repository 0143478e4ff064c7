import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../common/contracts/common.ts';
import { venueIn, venueList, venueOut, venueQuery, venueUpdate } from '../../../common/contracts/venues.ts';
import { command, query } from '../../platform/http.ts';
import * as venues from './venues.ts';

/** The venue list: 党群服务中心, 邻里驿站, 议事长廊. */
export async function venuesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['venues'];
  r.get('/api/venues', { schema: { tags, querystring: venueQuery, response: { 200: venueList } } }, (req) =>
    venues.listVenues(query(req), req.query),
  );
  r.get('/api/venues/:id', { schema: { tags, params: idParam, response: { 200: venueOut } } }, (req) =>
    venues.getVenue(query(req), req.params.id),
  );
  r.post('/api/venues', { schema: { tags, body: venueIn, response: { 200: venueOut } } }, (req) =>
    command(req, (ctx) => venues.createVenue(ctx, req.body)),
  );
  r.patch(
    '/api/venues/:id',
    { schema: { tags, params: idParam, body: venueUpdate, response: { 200: venueOut } } },
    (req) => command(req, (ctx) => venues.updateVenue(ctx, req.params.id, req.body)),
  );
}
