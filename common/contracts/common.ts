import { z } from 'zod';
import { PERMISSIONS } from '../permissions.ts';

export const idParam = z.object({ id: z.uuid() });
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const allowed = z.array(z.enum(PERMISSIONS));

export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/**
 * A yes/no query parameter: "true"/"false"/"1"/"0" from a URL, or a boolean from a typed client.
 * (`z.coerce.boolean()` would read "false" as true.)
 */
export const queryBool = z.union([z.boolean(), z.stringbool()]);
