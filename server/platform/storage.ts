import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Where evidence photos live. Local directory by default; an S3-compatible one can implement the same. */
export type Storage = {
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer | null>;
};

export function localStorage(dir: string): Storage {
  const file = (key: string) => path.join(dir, key.slice(0, 2), key);
  return {
    async put(key, bytes) {
      await fs.mkdir(path.dirname(file(key)), { recursive: true });
      await fs.writeFile(file(key), bytes);
    },
    async get(key) {
      return fs.readFile(file(key)).catch(() => null);
    },
  };
}

export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/** Trusts the bytes, never the file name or the declared type. */
export function sniffImage(b: Buffer): ImageType | null {
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  return null;
}

/** Content-addressed keys: the same photo uploaded twice is stored once. */
export function contentKey(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}
