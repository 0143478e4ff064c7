import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { figuresOut, figuresQuery, settlementOut, settlementQuery } from '../../../common/contracts/shop.ts';
import { command, query } from '../../platform/http.ts';
import { attachment } from '../org/index.ts';
import { shopFigures } from './figures.ts';
import { exportSettlement, getSettlement, settlementFileName, settlementWorkbook } from './settlement.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 兑换总价值 and the providers' monthly settlement statements (JSON and Excel). No SQL here. */
export async function figuresRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['shop'];

  r.get(
    '/api/shop/figures',
    {
      schema: {
        tags,
        summary: '积分兑换统计（兑换积分、兑换总价值，按项目、提供方、社区、月份）',
        querystring: figuresQuery,
        response: { 200: figuresOut },
      },
    },
    (req) => shopFigures(query(req), req.query),
  );

  r.get(
    '/api/shop/settlements',
    {
      schema: {
        tags,
        summary: '服务提供方月度结算单（按核销时间）',
        querystring: settlementQuery,
        response: { 200: settlementOut },
      },
    },
    (req) => getSettlement(query(req), req.query),
  );

  r.get(
    '/api/shop/settlements/export',
    {
      schema: {
        tags,
        summary: '导出服务提供方月度结算单 (.xlsx)',
        querystring: settlementQuery,
        produces: [XLSX],
      },
    },
    async (req, reply) => {
      const statement = await command(req, (ctx) => exportSettlement(ctx, req.query));
      return reply
        .header(
          'content-disposition',
          attachment(settlementFileName(statement), `settlement-${statement.month}.xlsx`),
        )
        .header('cache-control', 'no-store')
        .type(XLSX)
        .send(await settlementWorkbook(statement));
    },
  );
}
