import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { idParam } from '../../common/contracts/common.ts';
import { can, type Grant } from './access.ts';
import { AppError } from './errors.ts';
import { anyReaderAllows, type FileReader } from './file-readers.ts';
import { actorOf } from './http.ts';
import { fileObject } from './schema.ts';
import { contentKey, MAX_IMAGE_BYTES, sniffImage, type Storage } from './storage.ts';

/**
 * Evidence photos. An upload belongs to the uploader's own place (a resident's household, a worker's
 * unit), and is readable by whoever sees that place, or sees something it is attached to (readers).
 */
export async function fileRoutes(
  app: FastifyInstance,
  opts: { storage: Storage; readers?: readonly FileReader[] },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/files',
    {
      schema: {
        tags: ['files'],
        response: { 200: z.object({ id: z.string(), mime: z.string(), size: z.number() }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      if (!req.isMultipart()) throw new AppError('unsupported_media_type');
      const part = await req.file({ limits: { fileSize: MAX_IMAGE_BYTES } });
      if (!part) throw new AppError('validation_failed', { field: 'file' });
      const bytes = await part.toBuffer().catch(() => {
        throw new AppError('file_too_large');
      });
      if (part.file.truncated) throw new AppError('file_too_large');
      const mime = sniffImage(bytes);
      if (!mime) throw new AppError('not_an_image');
      const home: Grant | undefined = actor.grants.find((g) => g.role === 'resident') ?? actor.grants[0];
      if (!home) throw new AppError('forbidden');
      const key = contentKey(bytes);
      await opts.storage.put(key, bytes);
      const [row] = await app.db
        .insert(fileObject)
        .values({
          storageKey: key,
          mime,
          size: bytes.length,
          orgPath: home.orgPath,
          householdId: home.householdId,
          uploadedBy: actor.userId,
        })
        .returning();
      return { id: row.id, mime, size: row.size };
    },
  );

  r.get('/api/files/:id', { schema: { tags: ['files'], params: idParam } }, async (req, reply) => {
    const actor = actorOf(req);
    const [f] = await app.db.select().from(fileObject).where(eq(fileObject.id, req.params.id));
    if (!f) throw new AppError('not_found');
    const ownPlace = { orgPath: f.orgPath, householdIds: f.householdId ? [f.householdId] : [] };
    const visible =
      f.uploadedBy === actor.userId ||
      can(actor, 'org:read', ownPlace) ||
      (await anyReaderAllows(opts.readers ?? [], app.db, actor, f.id));
    // Not visible is not found: a file id never confirms that someone else's photo exists.
    if (!visible) throw new AppError('not_found');
    const bytes = await opts.storage.get(f.storageKey);
    if (!bytes) throw new AppError('not_found');
    return reply.header('content-type', f.mime).header('cache-control', 'private, max-age=86400').send(bytes);
  });
}
