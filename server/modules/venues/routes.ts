import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../common/contracts/common.ts';
import {
  bookingIn,
  bookingList,
  bookingOut,
  bookingQuery,
  seriesCreated,
  seriesIn,
  seriesList,
  seriesQuery,
  sessionCancelIn,
  sessionList,
  sessionOut,
  sessionQuery,
  spaceIn,
  spaceOut,
  spaceUpdate,
  venueIn,
  venueList,
  venueOut,
  venueQuery,
  venueUpdate,
  visitFigures,
  visitFiguresQuery,
  visitsIn,
} from '../../../common/contracts/venues.ts';
import { command, query } from '../../platform/http.ts';
import * as bookings from './bookings.ts';
import { visitFiguresFor } from './figures.ts';
import * as services from './services.ts';
import * as venues from './venues.ts';

/** Venues with their spaces, bookings of the spaces, recurring services and their visits. */
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

  const spaceTags = ['venues: spaces'];
  r.post(
    '/api/venues/:id/spaces',
    { schema: { tags: spaceTags, params: idParam, body: spaceIn, response: { 200: spaceOut } } },
    (req) => command(req, (ctx) => venues.createSpace(ctx, req.params.id, req.body)),
  );
  r.patch(
    '/api/venues/spaces/:id',
    { schema: { tags: spaceTags, params: idParam, body: spaceUpdate, response: { 200: spaceOut } } },
    (req) => command(req, (ctx) => venues.updateSpace(ctx, req.params.id, req.body)),
  );

  const bookingTags = ['venues: bookings'];
  r.get(
    '/api/venues/bookings',
    { schema: { tags: bookingTags, querystring: bookingQuery, response: { 200: bookingList } } },
    (req) => bookings.listBookings(query(req), req.query),
  );
  r.post(
    '/api/venues/bookings',
    { schema: { tags: bookingTags, body: bookingIn, response: { 200: bookingOut } } },
    (req) =>
      command(req, async (ctx) => {
        const row = await bookings.bookSpace(ctx, {
          ...req.body,
          startsAt: new Date(req.body.startsAt),
          endsAt: new Date(req.body.endsAt),
        });
        return (await bookings.presentBookings(ctx.tx, ctx.actor, [row]))[0];
      }),
  );
  r.post(
    '/api/venues/bookings/:id/cancel',
    { schema: { tags: bookingTags, params: idParam, response: { 200: bookingOut } } },
    (req) =>
      command(req, async (ctx) => {
        const row = await bookings.cancelBooking(ctx, req.params.id);
        return (await bookings.presentBookings(ctx.tx, ctx.actor, [row]))[0];
      }),
  );

  const serviceTags = ['venues: services'];
  r.get(
    '/api/venues/services',
    { schema: { tags: serviceTags, querystring: seriesQuery, response: { 200: seriesList } } },
    (req) => services.listSeries(query(req), req.query),
  );
  r.post(
    '/api/venues/services',
    { schema: { tags: serviceTags, body: seriesIn, response: { 200: seriesCreated } } },
    (req) => command(req, (ctx) => services.createSeries(ctx, req.body)),
  );
  r.get(
    '/api/venues/sessions',
    { schema: { tags: serviceTags, querystring: sessionQuery, response: { 200: sessionList } } },
    (req) => services.listSessions(query(req), req.query),
  );
  r.put(
    '/api/venues/sessions/:id/visits',
    { schema: { tags: serviceTags, params: idParam, body: visitsIn, response: { 200: sessionOut } } },
    (req) => command(req, (ctx) => services.recordVisits(ctx, req.params.id, req.body)),
  );
  r.post(
    '/api/venues/sessions/:id/cancel',
    { schema: { tags: serviceTags, params: idParam, body: sessionCancelIn, response: { 200: sessionOut } } },
    (req) => command(req, (ctx) => services.cancelSession(ctx, req.params.id, req.body.note)),
  );
  r.get(
    '/api/venues/figures',
    { schema: { tags: serviceTags, querystring: visitFiguresQuery, response: { 200: visitFigures } } },
    (req) => visitFiguresFor(query(req), req.query),
  );
}
