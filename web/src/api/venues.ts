import type { z } from 'zod';
import type {
  BookingOut,
  bookingIn,
  SeriesOut,
  SessionOut,
  SpaceOut,
  seriesIn,
  spaceIn,
  spaceUpdate,
  VenueOut,
  VisitFigureRow,
  venueIn,
  venueUpdate,
} from '../../../common/contracts/venues.ts';
import { api } from './client.ts';

export type { BookingOut, SeriesOut, SessionOut, SpaceOut, VenueOut, VisitFigureRow };
export type VenueInput = z.input<typeof venueIn>;
export type VenuePatch = z.input<typeof venueUpdate>;
export type SpaceInput = z.input<typeof spaceIn>;
export type SpacePatch = z.input<typeof spaceUpdate>;
export type BookingInput = z.input<typeof bookingIn>;
export type SeriesInput = z.input<typeof seriesIn>;

/** One prefix: a booking, a session or a visit refreshes every venues view. */
export const venuesKeys = {
  all: ['venues'] as const,
  venue: (id: string) => ['venues', 'one', id] as const,
  bookings: (venueId: string, from: string) => ['venues', 'bookings', venueId, from] as const,
  series: (venueId?: string) => ['venues', 'series', venueId ?? ''] as const,
  sessions: (q: object) => ['venues', 'sessions', q] as const,
  figures: (from: string, to: string) => ['venues', 'figures', from, to] as const,
};

export const venuesApi = {
  venues: () => api.get<{ items: VenueOut[] }>('/api/venues').then((r) => r.items),
  venue: (id: string) => api.get<VenueOut>(`/api/venues/${id}`),
  createVenue: (v: VenueInput) => api.post<VenueOut>('/api/venues', v),
  updateVenue: (id: string, v: VenuePatch) => api.patch<VenueOut>(`/api/venues/${id}`, v),
  createSpace: (venueId: string, s: SpaceInput) => api.post<SpaceOut>(`/api/venues/${venueId}/spaces`, s),
  updateSpace: (id: string, s: SpacePatch) => api.patch<SpaceOut>(`/api/venues/spaces/${id}`, s),
  bookings: (q: { venueId: string; from: string; to: string }) =>
    api.get<{ items: BookingOut[] }>('/api/venues/bookings', q).then((r) => r.items),
  book: (b: BookingInput) => api.post<BookingOut>('/api/venues/bookings', b),
  cancelBooking: (id: string) => api.post<BookingOut>(`/api/venues/bookings/${id}/cancel`),
  series: (venueId?: string) =>
    api.get<{ items: SeriesOut[] }>('/api/venues/services', { venueId }).then((r) => r.items),
  createSeries: (s: SeriesInput) =>
    api.post<{ series: SeriesOut; generated: number; conflicts: number }>('/api/venues/services', s),
  sessions: (q: { venueId?: string; seriesId?: string; from: string; to: string; order?: 'asc' | 'desc' }) =>
    api.get<{ items: SessionOut[] }>('/api/venues/sessions', q).then((r) => r.items),
  recordVisits: (id: string, visits: number) =>
    api.put<SessionOut>(`/api/venues/sessions/${id}/visits`, { visits }),
  cancelSession: (id: string, note: string) =>
    api.post<SessionOut>(`/api/venues/sessions/${id}/cancel`, { note }),
  figures: (from: string, to: string) =>
    api.get<{ items: VisitFigureRow[] }>('/api/venues/figures', { from, to }).then((r) => r.items),
};
