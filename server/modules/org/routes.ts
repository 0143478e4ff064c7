import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../common/contracts/common.ts';
import {
  householdCreate,
  householdOut,
  householdPage,
  householdQuery,
  householdUpdate,
  memberBody,
  memberParams,
  orgUnitCreate,
  orgUnitList,
  orgUnitOut,
  orgUnitSearch,
  orgUnitUpdate,
  personCreate,
  personOut,
  personPage,
  personQuery,
  personUpdate,
  revealBody,
  revealOut,
} from '../../../common/contracts/org.ts';
import { command, query } from '../../platform/http.ts';
import * as households from './households.ts';
import * as orgUnits from './org-units.ts';
import * as persons from './persons.ts';

/** 人、地: the org tree, households and persons. Zod in → command/query → zod out; no SQL here. */
export async function orgRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['org'];

  r.get(
    '/api/org-units',
    { schema: { tags, querystring: orgUnitSearch, response: { 200: orgUnitList } } },
    async (req) => ({
      items: await orgUnits.listOrgUnits(query(req), req.query),
    }),
  );
  r.get('/api/org-units/:id', { schema: { tags, params: idParam, response: { 200: orgUnitOut } } }, (req) =>
    orgUnits.getOrgUnit(query(req), req.params.id),
  );
  r.get(
    '/api/org-units/:id/children',
    { schema: { tags, params: idParam, response: { 200: orgUnitList } } },
    async (req) => ({
      items: await orgUnits.listChildren(query(req), req.params.id),
    }),
  );
  r.post('/api/org-units', { schema: { tags, body: orgUnitCreate, response: { 200: orgUnitOut } } }, (req) =>
    command(req, (ctx) => orgUnits.createOrgUnit(ctx, req.body)),
  );
  r.patch(
    '/api/org-units/:id',
    { schema: { tags, params: idParam, body: orgUnitUpdate, response: { 200: orgUnitOut } } },
    (req) => command(req, (ctx) => orgUnits.updateOrgUnit(ctx, req.params.id, req.body)),
  );

  r.get(
    '/api/households',
    { schema: { tags, querystring: householdQuery, response: { 200: householdPage } } },
    (req) => households.listHouseholds(query(req), req.query),
  );
  r.get(
    '/api/households/:id',
    { schema: { tags, params: idParam, response: { 200: householdOut } } },
    (req) => households.getHousehold(query(req), req.params.id),
  );
  r.post(
    '/api/households',
    { schema: { tags, body: householdCreate, response: { 200: householdOut } } },
    (req) => command(req, (ctx) => households.createHousehold(ctx, req.body)),
  );
  r.patch(
    '/api/households/:id',
    { schema: { tags, params: idParam, body: householdUpdate, response: { 200: householdOut } } },
    (req) => command(req, (ctx) => households.updateHousehold(ctx, req.params.id, req.body)),
  );
  r.put(
    '/api/households/:id/members/:personId',
    { schema: { tags, params: memberParams, body: memberBody, response: { 200: householdOut } } },
    (req) =>
      command(req, (ctx) => households.putMember(ctx, req.params.id, req.params.personId, req.body.relation)),
  );
  r.delete(
    '/api/households/:id/members/:personId',
    { schema: { tags, params: memberParams, response: { 200: householdOut } } },
    (req) => command(req, (ctx) => households.removeMember(ctx, req.params.id, req.params.personId)),
  );

  r.get(
    '/api/persons',
    { schema: { tags, querystring: personQuery, response: { 200: personPage } } },
    (req) => persons.listPersons(query(req), req.query),
  );
  r.get('/api/persons/:id', { schema: { tags, params: idParam, response: { 200: personOut } } }, (req) =>
    persons.getPerson(query(req), req.params.id),
  );
  r.post('/api/persons', { schema: { tags, body: personCreate, response: { 200: personOut } } }, (req) =>
    command(req, (ctx) => persons.createPerson(ctx, req.body)),
  );
  r.patch(
    '/api/persons/:id',
    { schema: { tags, params: idParam, body: personUpdate, response: { 200: personOut } } },
    (req) => command(req, (ctx) => persons.updatePerson(ctx, req.params.id, req.body)),
  );
  r.post(
    '/api/persons/:id/reveal-id',
    { schema: { tags, params: idParam, body: revealBody, response: { 200: revealOut } } },
    (req) => command(req, (ctx) => persons.revealIdNumber(ctx, req.params.id, req.body.reason)),
  );
}
