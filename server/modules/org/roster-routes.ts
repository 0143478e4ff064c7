import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../common/contracts/common.ts';
import {
  ROSTER_LIMITS,
  rosterExportQuery,
  rosterImportAccepted,
  rosterImportFields,
  rosterImportOut,
} from '../../../common/contracts/rosters.ts';
import { now } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { actorOf, command, query, requestInfo } from '../../platform/http.ts';
import { recordRosterExport, streamRoster } from './roster-export.ts';
import { createImport, getImport, importQueue, importTarget, runImport } from './roster-import.ts';
import { buildRosterTemplate, TEMPLATE_FILE_NAME } from './roster-template.ts';
import { inspectXlsx, looksLikeZip } from './roster-zip-guard.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Uploads waiting in this process hold their files in memory: past this, ask the caller to retry. */
const MAX_QUEUED_IMPORTS = 5;

/** RFC 6266 / 5987: an ASCII fallback for old clients, the real (Chinese) name in `filename*`. */
export function attachment(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

type Upload = { fields: Record<string, string>; file: { name: string; buffer: Buffer } | null };

/** Reads the form: text fields and one file named `file`, refusing (413) more than the cap. */
async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError('unsupported_file');
  const upload: Upload = { fields: {}, file: null };
  const parts = req.parts({
    limits: { fileSize: ROSTER_LIMITS.maxFileBytes, files: 1, fields: 10, fieldSize: 1024 },
  });
  for await (const part of parts) {
    if (part.type === 'field') {
      upload.fields[part.fieldname] = String(part.value);
      continue;
    }
    const buffer = await part.toBuffer();
    // toBuffer throws at the limit; a truncated stream that slipped past it is refused all the same.
    if (part.file.truncated || buffer.length > ROSTER_LIMITS.maxFileBytes)
      throw new AppError('payload_too_large');
    // Old browsers send a path ("C:\fakepath\name.xlsx"): keep the name only.
    const name = (part.filename ?? '').split(/[\\/]/).pop() || 'roster.xlsx';
    if (part.fieldname === 'file') upload.file = { name, buffer };
  }
  return upload;
}

function shanghaiDate(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d).replaceAll('-', '');
}

function sendXlsx(
  reply: FastifyReply,
  fileName: string,
  asciiName: string,
  body: Buffer | NodeJS.ReadableStream,
) {
  return reply
    .header('content-disposition', attachment(fileName, asciiName))
    .header('cache-control', 'no-store')
    .type(XLSX)
    .send(body);
}

/** 住户花名册: the template, imports with progress and a row-by-row report, and masked exports. */
export async function rosterRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['rosters'];
  const queue = importQueue();
  // Let a running import finish (or fail into its row) before the database closes.
  app.addHook('onClose', async () => {
    await queue.idle();
  });
  let template: Promise<Buffer> | undefined;

  r.get(
    '/api/rosters/template',
    { schema: { tags, summary: '下载住户花名册模板 (.xlsx)', produces: [XLSX] } },
    async (_req, reply) => {
      template ??= buildRosterTemplate();
      return sendXlsx(reply, TEMPLATE_FILE_NAME, 'roster-template.xlsx', await template);
    },
  );

  r.post(
    '/api/rosters/imports',
    {
      schema: {
        tags,
        summary: '上传住户花名册并开始导入',
        description:
          'multipart/form-data: `orgUnitId` (a community or compound), `mode` (all_or_nothing | valid_rows_only), ' +
          '`file` (.xlsx). Unsafe files are refused before anything is written; otherwise 202 with the import id ' +
          'to poll at GET /api/rosters/imports/:id.',
        consumes: ['multipart/form-data'],
        response: { 202: rosterImportAccepted },
      },
    },
    async (req, reply) => {
      const upload = await readUpload(req);
      const fields = rosterImportFields.safeParse(upload.fields);
      if (!fields.success) {
        throw new AppError(
          'validation_failed',
          fields.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message })),
        );
      }
      if (!upload.file) throw new AppError('validation_failed', [{ path: '/file', message: 'required' }]);
      const q = query(req);
      const unit = await importTarget(q, fields.data.orgUnitId);
      const { name, buffer } = upload.file;
      if (!/\.xlsx$/i.test(name) || !looksLikeZip(buffer)) throw new AppError('unsupported_file');
      const inspection = await inspectXlsx(buffer);
      if (queue.pending() >= MAX_QUEUED_IMPORTS) throw new AppError('too_many_requests');
      const fileName = name.slice(-200);
      const row = await createImport(req.server.db, q.actor, unit, {
        fileName,
        mode: fields.data.mode,
        estimatedRows: Math.max(inspection.maxSheetRows - 1, 0),
      });
      queue.push(() =>
        runImport({
          db: req.server.db,
          actor: actorOf(req),
          request: requestInfo(req),
          unit,
          importId: row.id,
          mode: fields.data.mode,
          fileName,
          file: buffer,
          log: (err) => req.log.error({ err, importId: row.id }, 'roster import failed'),
        }),
      );
      return reply.code(202).send({ id: row.id });
    },
  );

  r.get(
    '/api/rosters/imports/:id',
    { schema: { tags, summary: '导入进度与逐行报告', params: idParam, response: { 200: rosterImportOut } } },
    (req) => getImport(query(req), req.params.id),
  );

  r.get(
    '/api/rosters/export',
    {
      schema: {
        tags,
        summary: '导出住户花名册 (.xlsx，证件号脱敏)',
        querystring: rosterExportQuery,
        produces: [XLSX],
      },
    },
    async (req, reply) => {
      const scope = await command(req, (ctx) => recordRosterExport(ctx, req.query.orgUnitId));
      const safeName = scope.unit.name.replace(/[\\/:*?"<>|\r\n]/g, '_');
      return sendXlsx(
        reply,
        `${safeName}住户花名册-${shanghaiDate(now())}.xlsx`,
        'roster-export.xlsx',
        streamRoster(req.server.db, scope.unit),
      );
    },
  );
}
