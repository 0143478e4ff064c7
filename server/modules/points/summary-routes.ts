import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../common/contracts/common.ts';
import {
  awardCandidates,
  awardCreate,
  awardList,
  awardOut,
  awardQuery,
  awardWinnersIn,
  summaryOut,
  summaryQuery,
} from '../../../common/contracts/summaries.ts';
import { command, query } from '../../platform/http.ts';
import { attachment } from '../org/index.ts';
import * as awards from './awards.ts';
import { buildSummary, quarterlySummary, recordSummaryExport } from './summaries.ts';
import { summaryFileName, summaryWorkbook } from './summary-export.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 一季一汇总 and 一年一表彰: quarterly summaries (JSON and Excel) and the annual awards. No SQL here. */
export async function summaryRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['points'];

  r.get(
    '/api/points/summaries',
    {
      schema: {
        tags,
        summary: '季度积分汇总（社区或街道）',
        querystring: summaryQuery,
        response: { 200: summaryOut },
      },
    },
    (req) => quarterlySummary(query(req), req.query),
  );

  r.get(
    '/api/points/summaries/export',
    {
      schema: {
        tags,
        summary: '导出季度积分汇总 (.xlsx)',
        querystring: summaryQuery,
        produces: [XLSX],
      },
    },
    async (req, reply) => {
      const unit = await command(req, (ctx) => recordSummaryExport(ctx, req.query));
      const summary = await buildSummary(req.server.db, unit, req.query.quarter, req.query.masked);
      return reply
        .header(
          'content-disposition',
          attachment(summaryFileName(summary), `points-summary-${summary.quarter}.xlsx`),
        )
        .header('cache-control', 'no-store')
        .type(XLSX)
        .send(await summaryWorkbook(summary));
    },
  );

  r.get(
    '/api/points/awards',
    { schema: { tags, summary: '年度表彰列表', querystring: awardQuery, response: { 200: awardList } } },
    (req) => awards.listAwards(query(req), req.query),
  );
  r.post(
    '/api/points/awards',
    { schema: { tags, summary: '新建年度表彰类别（草稿）', body: awardCreate, response: { 200: awardOut } } },
    (req) => command(req, (ctx) => awards.createAward(ctx, req.body)),
  );
  r.get('/api/points/awards/:id', { schema: { tags, params: idParam, response: { 200: awardOut } } }, (req) =>
    awards.getAward(query(req), req.params.id),
  );
  r.get(
    '/api/points/awards/:id/candidates',
    {
      schema: {
        tags,
        summary: '表彰候选人（本年度积分榜）',
        params: idParam,
        response: { 200: awardCandidates },
      },
    },
    (req) => awards.awardCandidates(query(req), req.params.id),
  );
  r.put(
    '/api/points/awards/:id/winners',
    {
      schema: {
        tags,
        summary: '选定获奖人（仅草稿）',
        params: idParam,
        body: awardWinnersIn,
        response: { 200: awardOut },
      },
    },
    (req) => command(req, (ctx) => awards.setAwardWinners(ctx, req.params.id, req.body)),
  );
  r.post(
    '/api/points/awards/:id/publish',
    { schema: { tags, summary: '发布表彰（发布后不可更改）', params: idParam, response: { 200: awardOut } } },
    (req) => command(req, (ctx) => awards.publishAward(ctx, req.params.id)),
  );
}
