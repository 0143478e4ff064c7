import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../common/contracts/common.ts';
import {
  departmentCreate,
  departmentList,
  departmentOut,
  departmentQuery,
  departmentUpdate,
} from '../../../common/contracts/departments.ts';
import { gridCreate, gridOut, gridPage, gridQuery, gridUpdate } from '../../../common/contracts/grids.ts';
import {
  partnerUnitCreate,
  partnerUnitOut,
  partnerUnitPage,
  partnerUnitQuery,
  partnerUnitUpdate,
} from '../../../common/contracts/partners.ts';
import {
  partyMemberBody,
  partyMemberParams,
  partyOrgCreate,
  partyOrgOut,
  partyOrgPage,
  partyOrgQuery,
  partyOrgUpdate,
} from '../../../common/contracts/party.ts';
import { command, query } from '../../platform/http.ts';
import * as departments from './departments.ts';
import * as grids from './grids.ts';
import * as partners from './partners.ts';
import * as party from './party.ts';

/**
 * The structures that hang off the org tree: the party organisation, grids, departments and partner
 * units. Zod in → command/query → zod out; no SQL here.
 */
export async function structureRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  const partyTags = ['party'];
  r.get(
    '/api/party-orgs',
    { schema: { tags: partyTags, querystring: partyOrgQuery, response: { 200: partyOrgPage } } },
    (req) => party.listPartyOrgs(query(req), req.query),
  );
  r.get(
    '/api/party-orgs/:id',
    { schema: { tags: partyTags, params: idParam, response: { 200: partyOrgOut } } },
    (req) => party.getPartyOrg(query(req), req.params.id),
  );
  r.post(
    '/api/party-orgs',
    { schema: { tags: partyTags, body: partyOrgCreate, response: { 200: partyOrgOut } } },
    (req) => command(req, (ctx) => party.createPartyOrg(ctx, req.body)),
  );
  r.patch(
    '/api/party-orgs/:id',
    { schema: { tags: partyTags, params: idParam, body: partyOrgUpdate, response: { 200: partyOrgOut } } },
    (req) => command(req, (ctx) => party.updatePartyOrg(ctx, req.params.id, req.body)),
  );
  r.put(
    '/api/party-orgs/:id/members/:personId',
    {
      schema: {
        tags: partyTags,
        params: partyMemberParams,
        body: partyMemberBody,
        response: { 200: partyOrgOut },
      },
    },
    (req) => command(req, (ctx) => party.putPartyMember(ctx, req.params.id, req.params.personId, req.body)),
  );
  r.delete(
    '/api/party-orgs/:id/members/:personId',
    { schema: { tags: partyTags, params: partyMemberParams, response: { 200: partyOrgOut } } },
    (req) => command(req, (ctx) => party.removePartyMember(ctx, req.params.id, req.params.personId)),
  );

  const gridTags = ['grids'];
  r.get(
    '/api/grids',
    { schema: { tags: gridTags, querystring: gridQuery, response: { 200: gridPage } } },
    (req) => grids.listGrids(query(req), req.query),
  );
  r.get(
    '/api/grids/:id',
    { schema: { tags: gridTags, params: idParam, response: { 200: gridOut } } },
    (req) => grids.getGrid(query(req), req.params.id),
  );
  r.post('/api/grids', { schema: { tags: gridTags, body: gridCreate, response: { 200: gridOut } } }, (req) =>
    command(req, (ctx) => grids.createGrid(ctx, req.body)),
  );
  r.patch(
    '/api/grids/:id',
    { schema: { tags: gridTags, params: idParam, body: gridUpdate, response: { 200: gridOut } } },
    (req) => command(req, (ctx) => grids.updateGrid(ctx, req.params.id, req.body)),
  );

  const departmentTags = ['departments'];
  r.get(
    '/api/departments',
    { schema: { tags: departmentTags, querystring: departmentQuery, response: { 200: departmentList } } },
    (req) => departments.listDepartments(query(req), req.query),
  );
  r.get(
    '/api/departments/:id',
    { schema: { tags: departmentTags, params: idParam, response: { 200: departmentOut } } },
    (req) => departments.getDepartment(query(req), req.params.id),
  );
  r.post(
    '/api/departments',
    { schema: { tags: departmentTags, body: departmentCreate, response: { 200: departmentOut } } },
    (req) => command(req, (ctx) => departments.createDepartment(ctx, req.body)),
  );
  r.patch(
    '/api/departments/:id',
    {
      schema: {
        tags: departmentTags,
        params: idParam,
        body: departmentUpdate,
        response: { 200: departmentOut },
      },
    },
    (req) => command(req, (ctx) => departments.updateDepartment(ctx, req.params.id, req.body)),
  );

  const partnerTags = ['partners'];
  r.get(
    '/api/partner-units',
    { schema: { tags: partnerTags, querystring: partnerUnitQuery, response: { 200: partnerUnitPage } } },
    (req) => partners.listPartnerUnits(query(req), req.query),
  );
  r.post(
    '/api/partner-units',
    { schema: { tags: partnerTags, body: partnerUnitCreate, response: { 200: partnerUnitOut } } },
    (req) => command(req, (ctx) => partners.createPartnerUnit(ctx, req.body)),
  );
  r.patch(
    '/api/partner-units/:id',
    {
      schema: {
        tags: partnerTags,
        params: idParam,
        body: partnerUnitUpdate,
        response: { 200: partnerUnitOut },
      },
    },
    (req) => command(req, (ctx) => partners.updatePartnerUnit(ctx, req.params.id, req.body)),
  );
}
