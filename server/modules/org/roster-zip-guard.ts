import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ROSTER_LIMITS } from '../../../common/contracts/rosters.ts';
import { AppError } from '../../platform/errors.ts';

// An .xlsx is a zip, and a zip can declare or hide gigabytes behind a few kilobytes. Before the
// spreadsheet parser sees the file we read the central directory (entry count, declared sizes,
// ratios), then inflate every entry ourselves with yauzl, which aborts as soon as an entry yields
// more bytes than it declared. The parser (JSZip inside exceljs) reads the same central directory,
// so it can only ever inflate what passed here.

export type ZipRefusal =
  | 'not_a_zip'
  | 'not_xlsx'
  | 'too_many_entries'
  | 'too_large_uncompressed'
  | 'compression_ratio'
  | 'encrypted'
  | 'unsupported_compression'
  | 'size_mismatch'
  | 'corrupt'
  | 'too_many_rows'
  | 'too_many_cells';

export type XlsxInspection = {
  entries: number;
  uncompressedBytes: number;
  /** `<row>` elements of the largest worksheet, header included: an upper bound on data rows + 1. */
  maxSheetRows: number;
};

type Limits = Omit<typeof ROSTER_LIMITS, 'maxFileBytes' | 'maxReportEntries'>;

function refuse(reason: ZipRefusal, extra: Record<string, unknown> = {}): never {
  throw new AppError('file_rejected', { reason, ...extra });
}

function open(buf: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    ),
  );
}

function readEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (e: Entry) => {
      entries.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

function openStream(zip: ZipFile, e: Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(e, (err, s) => (err ? reject(err) : resolve(s))),
  );
}

/** Counts `<row` and `<c` start tags (any namespace prefix) in a worksheet's XML as it streams by. */
function tagCounter() {
  const re = /<(?:[A-Za-z_][\w.-]*:)?(row|c)[\s>/]/g;
  let carry = '';
  const counts = { rows: 0, cells: 0 };
  return {
    counts,
    push(chunk: Buffer) {
      // latin1 maps bytes 1:1, so ASCII tags are found whatever the UTF-8 around them.
      const text = carry + chunk.toString('latin1');
      for (let m = re.exec(text); m; m = re.exec(text)) {
        // A tag lying wholly in the carried tail was counted with the previous chunk.
        if (m.index + m[0].length <= carry.length) continue;
        if (m[1] === 'row') counts.rows++;
        else counts.cells++;
      }
      re.lastIndex = 0;
      carry = text.slice(-40);
    },
  };
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;

/**
 * Refuses (422 file_rejected, with `details.reason`) any zip that is not a plausible .xlsx within
 * the limits; otherwise returns what it measured. Inflates at most `maxUncompressedBytes`.
 */
export async function inspectXlsx(buf: Buffer, limits: Limits = ROSTER_LIMITS): Promise<XlsxInspection> {
  let zip: ZipFile;
  try {
    zip = await open(buf);
  } catch {
    return refuse('not_a_zip');
  }
  try {
    // The end-of-central-directory record says how many entries follow: refuse before reading them.
    if (zip.entryCount > limits.maxZipEntries) refuse('too_many_entries', { limit: limits.maxZipEntries });
    let entries: Entry[];
    try {
      entries = await readEntries(zip);
    } catch {
      return refuse('not_a_zip');
    }
    let declared = 0;
    const names = new Set<string>();
    for (const e of entries) {
      names.add(e.fileName);
      if (e.isEncrypted()) refuse('encrypted');
      if (e.compressionMethod !== 0 && e.compressionMethod !== 8) refuse('unsupported_compression');
      declared += e.uncompressedSize;
      if (
        e.uncompressedSize >= limits.ratioCheckFromBytes &&
        e.uncompressedSize / Math.max(e.compressedSize, 1) > limits.maxCompressionRatio
      ) {
        refuse('compression_ratio', { limit: limits.maxCompressionRatio });
      }
    }
    if (declared > limits.maxUncompressedBytes)
      refuse('too_large_uncompressed', { limit: limits.maxUncompressedBytes });
    if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) refuse('not_xlsx');

    let inflated = 0;
    let maxSheetRows = 0;
    for (const e of entries) {
      if (e.fileName.endsWith('/')) continue;
      const counter = WORKSHEET.test(e.fileName) ? tagCounter() : null;
      try {
        const stream = await openStream(zip, e);
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          inflated += chunk.length;
          // Belt and braces: yauzl already stops an entry at its declared size.
          if (inflated > limits.maxUncompressedBytes) {
            stream.destroy();
            refuse('too_large_uncompressed', { limit: limits.maxUncompressedBytes });
          }
          counter?.push(chunk);
        }
      } catch (err) {
        if (err instanceof AppError) throw err;
        // yauzl's words for an entry that inflates to more (or fewer) bytes than it declared.
        return refuse(/bytes in the stream/.test(String(err)) ? 'size_mismatch' : 'corrupt');
      }
      if (counter) {
        if (counter.counts.rows > limits.maxRows + 1) refuse('too_many_rows', { limit: limits.maxRows });
        if (counter.counts.cells > limits.maxCells) refuse('too_many_cells', { limit: limits.maxCells });
        maxSheetRows = Math.max(maxSheetRows, counter.counts.rows);
      }
    }
    return { entries: entries.length, uncompressedBytes: inflated, maxSheetRows };
  } finally {
    zip.close();
  }
}

/** The zip signature every .xlsx starts with. */
export function looksLikeZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50;
}
