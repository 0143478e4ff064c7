import { z } from 'zod';

/** The actions staff may take on an API client (the page shows only these buttons). */
export const OPEN311_CLIENT_ACTIONS = ['revoke'] as const;

export const open311ClientOut = z.object({
  id: z.string(),
  name: z.string(),
  orgUnitId: z.string(),
  /** Where its cases land: 社区 · …, from the subdistrict down. */
  place: z.string(),
  /** The first characters of the key, to tell keys apart. */
  keyPrefix: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  /** Service requests filed with this key. */
  requests: z.number().int(),
  actions: z.array(z.enum(OPEN311_CLIENT_ACTIONS)),
});
export type Open311ClientOut = z.infer<typeof open311ClientOut>;

export const open311ClientList = z.object({ items: z.array(open311ClientOut) });

export const open311ClientCreate = z.object({
  name: z.string().trim().min(2).max(60),
  /** A community, subdistrict or district the client files into. */
  orgUnitId: z.uuid(),
});

/** The key is in this answer only; the server keeps its hash. */
export const open311ClientCreated = z.object({ client: open311ClientOut, apiKey: z.string() });
