import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import {
  deflatedEntry,
  manyRowsXlsx,
  rosterXlsx,
  storedEntry,
  xlsxAround,
  zip,
  zipBomb,
} from '../../../test/fixtures/roster-files.ts';
import { inspectXlsx, looksLikeZip } from './roster-zip-guard.ts';

async function refusal(buf: Buffer): Promise<unknown> {
  try {
    await inspectXlsx(buf);
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, ...(err.details as object) };
    throw err;
  }
  return 'accepted';
}

describe('xlsx zip guard', () => {
  it('measures a real roster', async () => {
    const buf = await rosterXlsx([{ 姓名: '张三' }, { 姓名: '李四' }]);
    expect(looksLikeZip(buf)).toBe(true);
    const r = await inspectXlsx(buf);
    expect(r.maxSheetRows).toBe(3);
    expect(r.uncompressedBytes).toBeGreaterThan(0);
  });

  it('refuses a bomb that declares its size, from the central directory alone', async () => {
    const bomb = await zipBomb(300 * 1024 * 1024, true);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const started = Date.now();
    expect(await refusal(bomb)).toMatchObject({ code: 'file_rejected', reason: 'compression_ratio' });
    // Nothing was inflated: this is bookkeeping, not 300 MB of zlib.
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a bomb that lies about its size, while inflating, at the declared size', async () => {
    const bomb = await zipBomb(300 * 1024 * 1024, false);
    expect(await refusal(bomb)).toMatchObject({ code: 'file_rejected', reason: 'size_mismatch' });
  });

  it('refuses many moderately compressed entries that add up past the total limit', async () => {
    // Random bytes do not compress: each entry claims 10 MiB from 128 KiB, a ratio under the limit.
    const entries = Array.from({ length: 6 }, (_, i) => ({
      ...deflatedEntry(`xl/media/${i}.bin`, randomBytes(128 * 1024)),
      declaredSize: 10 * 1024 * 1024,
    }));
    const buf = zip([
      storedEntry('[Content_Types].xml', '<Types/>'),
      storedEntry('xl/workbook.xml', '<workbook/>'),
      ...entries,
    ]);
    expect(await refusal(buf)).toMatchObject({ reason: 'too_large_uncompressed' });
  });

  it('refuses too many entries, a zip that is not a workbook, and garbage', async () => {
    const many = zip(Array.from({ length: 201 }, (_, i) => storedEntry(`f${i}.txt`, 'x')));
    expect(await refusal(many)).toMatchObject({ reason: 'too_many_entries' });
    expect(await refusal(zip([storedEntry('readme.txt', 'hello')]))).toMatchObject({ reason: 'not_xlsx' });
    expect(await refusal(Buffer.from('PK\u0003\u0004 but not really a zip'))).toMatchObject({
      reason: 'not_a_zip',
    });
  });

  it('refuses a sheet with more rows than the cap, counted while inflating', async () => {
    expect(await refusal(manyRowsXlsx(50_002))).toMatchObject({ reason: 'too_many_rows', limit: 50_000 });
    expect(await refusal(manyRowsXlsx(50_001))).toBe('accepted');
  });

  it('counts rows written with a namespace prefix and split across chunks', async () => {
    const rows = Array.from(
      { length: 3000 },
      (_, i) => `<x:row r="${i + 1}"><x:c r="A${i + 1}"/></x:row>`,
    ).join('');
    const r = await inspectXlsx(
      xlsxAround(deflatedEntry('xl/worksheets/sheet1.xml', `<x:worksheet>${rows}</x:worksheet>`)),
    );
    expect(r.maxSheetRows).toBe(3000);
  });
});
