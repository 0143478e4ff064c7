import type { Executor } from '../db/client.ts';
import type { Actor } from './access.ts';

/**
 * Who else may see an uploaded photo. A photo belongs to its uploader's place, but evidence travels:
 * the department whistled for a case sees the resident's photo, the resident sees the department's
 * result photo. Each module that attaches files registers a reader that answers "does this actor see
 * something this file is attached to?" — platform knows no module, so app.ts hands the readers in.
 */
export type FileReader = (db: Executor, actor: Actor, fileId: string) => Promise<boolean>;

export async function anyReaderAllows(
  readers: readonly FileReader[],
  db: Executor,
  actor: Actor,
  fileId: string,
): Promise<boolean> {
  for (const read of readers) if (await read(db, actor, fileId)) return true;
  return false;
}
