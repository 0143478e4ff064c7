import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  type CaseListName,
  caseFigures,
  caseListFilter,
  caseListPage,
  caseListQuery,
  categoryAdminList,
  categoryAdminParams,
  categoryAdminPut,
  categoryAdminQuery,
  dutySheet,
  dutySheetIndex,
  figuresQuery,
} from '../../../common/contracts/case-lists.ts';
import { idParam } from '../../../common/contracts/common.ts';
import { command, query } from '../../platform/http.ts';
import { attachment } from '../org/index.ts';
import { categoryCatalogue, deleteCategory, putCategory } from './category-admin.ts';
import { dutySheetIndex as loadDutySheetIndex, dutySheet as loadDutySheet } from './duty-sheet.ts';
import { caseFigures as figures } from './figures.ts';
import { exportCaseList } from './lists-export.ts';
import { listCaseRows } from './lists.ts';

// Anyone may read the duty sheet (its QR code and a printed copy hang at the gate): rate-limited.
const PUBLIC = { rateLimit: { max: 300, timeWindow: 60_000 } };
const HOST = /^[a-z0-9.-]+(:\d{1,5})?$/i;
/** The origin the sheet's QR code points to: the host the sheet was asked from, if it looks like one. */
function origin(req: FastifyRequest): string {
  const protocol = req.protocol === 'https' ? 'https' : 'http';
  return `${protocol}://${HOST.test(req.host) ? req.host : 'localhost'}`;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 民生诉求清单、治理任务清单, the category catalogue, the figures and the public duty sheet. No SQL here. */
export async function caseAdminRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];

  for (const list of ['demands', 'tasks'] as const satisfies CaseListName[]) {
    r.get(
      `/api/cases/lists/${list}`,
      { schema: { tags, querystring: caseListQuery, response: { 200: caseListPage } } },
      (req) => listCaseRows(query(req), list, req.query),
    );
    r.get(
      `/api/cases/lists/${list}/export.xlsx`,
      { schema: { tags, querystring: caseListFilter, produces: [XLSX] } },
      async (req, reply) => {
        const file = await command(req, (ctx) => exportCaseList(ctx, list, req.query));
        return reply
          .header('content-disposition', attachment(file.fileName, file.asciiName))
          .header('cache-control', 'no-store')
          .type(XLSX)
          .send(file.body);
      },
    );
  }

  r.get(
    '/api/cases/category-admin',
    { schema: { tags, querystring: categoryAdminQuery, response: { 200: categoryAdminList } } },
    (req) => categoryCatalogue(query(req), req.query.orgUnitId),
  );
  r.put(
    '/api/cases/category-admin/:orgUnitId/:code',
    {
      schema: {
        tags,
        params: categoryAdminParams,
        body: categoryAdminPut,
        response: { 200: categoryAdminList },
      },
    },
    (req) => command(req, (ctx) => putCategory(ctx, req.params.orgUnitId, req.params.code, req.body)),
  );
  r.delete(
    '/api/cases/category-admin/:orgUnitId/:code',
    { schema: { tags, params: categoryAdminParams, response: { 200: categoryAdminList } } },
    (req) => command(req, (ctx) => deleteCategory(ctx, req.params.orgUnitId, req.params.code)),
  );

  r.get(
    '/api/cases/figures',
    { schema: { tags, querystring: figuresQuery, response: { 200: caseFigures } } },
    (req) => figures(query(req), req.query),
  );

  r.get(
    '/api/public/communities/:id/duty-sheets',
    { config: PUBLIC, schema: { tags: ['public'], params: idParam, response: { 200: dutySheetIndex } } },
    (req) => loadDutySheetIndex(req.server.db, req.params.id),
  );
  r.get(
    '/api/public/compounds/:id/duty-sheet',
    { config: PUBLIC, schema: { tags: ['public'], params: idParam, response: { 200: dutySheet } } },
    (req) => loadDutySheet(req.server.db, req.params.id, origin(req)),
  );
}
