import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../common/contracts/common.ts';
import {
  cancelBody,
  counterView,
  itemIn,
  itemOut,
  itemPage,
  itemQuery,
  itemUpdate,
  providerCreate,
  providerList,
  providerOut,
  redeemBody,
  redemptionOut,
  redemptionPage,
  redemptionQuery,
  voucherLookup,
} from '../../../common/contracts/shop.ts';
import { authorize, scopeCondition } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { command, query } from '../../platform/http.ts';
import * as items from './items.ts';
import { ensureProvider, presentProvider } from './providers.ts';
import * as redemptions from './redemptions.ts';
import { shopProvider } from './schema.ts';

/** 积分超市: providers, the catalogue, redemptions and vouchers. No SQL beyond the provider list. */
export async function shopRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['shop'];

  r.get('/api/shop/providers', { schema: { tags, response: { 200: providerList } } }, async (req) => {
    const { actor, db } = query(req);
    const rows = await db
      .select()
      .from(shopProvider)
      .where(scopeCondition(actor, 'shop:manage', shopProvider.orgPath));
    return { items: rows.map(presentProvider) };
  });
  r.post(
    '/api/shop/providers',
    { schema: { tags, body: providerCreate, response: { 200: providerOut } } },
    (req) =>
      command(req, async (ctx) => {
        const p = await ensureProvider(ctx.tx, req.body.refType, req.body.refId);
        authorize(ctx.actor, 'shop:manage', { orgPath: p.orgPath });
        await recordAudit(ctx, {
          action: 'shop.provider_registered',
          subjectType: 'shop_provider',
          subjectId: p.id,
          orgPath: p.orgPath,
          orgUnitId: p.orgUnitId,
          summary: `登记积分超市服务提供方「${p.name}」`,
        });
        return presentProvider(p);
      }),
  );

  r.get('/api/shop/items', { schema: { tags, querystring: itemQuery, response: { 200: itemPage } } }, (req) =>
    items.listItems(query(req), req.query),
  );
  r.get('/api/shop/items/:id', { schema: { tags, params: idParam, response: { 200: itemOut } } }, (req) =>
    items.getItem(query(req), req.params.id),
  );
  r.post('/api/shop/items', { schema: { tags, body: itemIn, response: { 200: itemOut } } }, (req) =>
    command(req, (ctx) => items.createItem(ctx, req.body)),
  );
  r.patch(
    '/api/shop/items/:id',
    { schema: { tags, params: idParam, body: itemUpdate, response: { 200: itemOut } } },
    (req) => command(req, (ctx) => items.updateItem(ctx, req.params.id, req.body)),
  );

  r.post(
    '/api/shop/redemptions',
    { schema: { tags, body: redeemBody, response: { 200: redemptionOut } } },
    (req) => command(req, (ctx) => redemptions.redeem(ctx, req.body)),
  );
  r.get(
    '/api/shop/redemptions',
    { schema: { tags, querystring: redemptionQuery, response: { 200: redemptionPage } } },
    (req) => redemptions.listRedemptions(query(req), req.query),
  );
  r.get(
    '/api/shop/redemptions/:id',
    { schema: { tags, params: idParam, response: { 200: redemptionOut } } },
    (req) => redemptions.getRedemption(query(req), req.params.id),
  );
  r.post(
    '/api/shop/redemptions/:id/cancel',
    { schema: { tags, params: idParam, body: cancelBody, response: { 200: redemptionOut } } },
    (req) => command(req, (ctx) => redemptions.cancelRedemption(ctx, req.params.id, req.body.reason)),
  );

  r.get(
    '/api/shop/vouchers/:code',
    { schema: { tags, params: voucherLookup, response: { 200: counterView } } },
    (req) => redemptions.lookupVoucher(query(req), req.params.code),
  );
  r.post(
    '/api/shop/vouchers/:code/fulfil',
    { schema: { tags, params: voucherLookup, response: { 200: counterView } } },
    (req) => command(req, (ctx) => redemptions.fulfilVoucher(ctx, req.params.code)),
  );
}
