import { createHash } from 'node:crypto';
import { and, count, eq, like, sql } from 'drizzle-orm';
import { maskName } from '../../../common/masking.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { auditEvent } from '../../platform/schema.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { civicCase } from '../cases/schema.ts';
import { orgUnit, person } from '../org/schema.ts';
import { open311Client, open311Request } from './schema.ts';

// Conformance with Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2), written from its text:
// - every resource in .json and .xml; XML has a declaration and the spec's root elements
//   (<services><service>, <service_definition>, <service_requests><request>, <errors><error>);
// - errors are a list of { code, description } where code is the HTTP status: 400 for missing or
//   bad input, 403 for a missing or bad api_key, 404 for an unknown service_code, id or token;
// - dates are ISO 8601 with a zone; status is `open` or `closed`;
// - GET requests defaults to the last 90 days, returns at most 1000, service_request_id (comma
//   list) overrides every other filter, status and service_code filter.

/** A small, strict XML reader for the tests: elements, text, self-closing tags, the five entities. */
type Node = { name: string; children: Node[]; text: string };
function parseXml(src: string): Node {
  const decl = src.match(/^<\?xml version="1\.0" encoding="utf-8"\?>\n/);
  if (!decl) throw new Error(`no XML declaration: ${src.slice(0, 60)}`);
  let i = decl[0].length;
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  function element(): Node {
    const open = src.slice(i).match(/^<([a-z_][a-z0-9_]*)(\/?)>/i);
    if (!open) throw new Error(`expected an element at ${i}: ${src.slice(i, i + 40)}`);
    i += open[0].length;
    const node: Node = { name: open[1], children: [], text: '' };
    if (open[2] === '/') return node;
    for (;;) {
      if (src.startsWith(`</${node.name}>`, i)) {
        i += node.name.length + 3;
        return node;
      }
      if (src[i] === '<') node.children.push(element());
      else {
        const end = src.indexOf('<', i);
        if (end < 0) throw new Error('unterminated text');
        if (src.slice(i, end).includes('>')) throw new Error('unescaped > in text');
        node.text += decode(src.slice(i, end));
        i = end;
      }
    }
  }
  const root = element();
  if (i !== src.length) throw new Error(`trailing content: ${src.slice(i, i + 40)}`);
  return root;
}
const kids = (n: Node, name: string) => n.children.filter((c) => c.name === name);
const kid = (n: Node, name: string) => {
  const [c] = kids(n, name);
  if (!c) throw new Error(`<${n.name}> has no <${name}>`);
  return c;
};
const textOf = (n: Node, name: string) => kid(n, name).text;

const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];

let t: TestApp;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
let staffA: string;
let staffB: string;
let tian: string;
let grid: string;
let building: typeof orgUnit.$inferSelect;
let subdistrictId: string;
let keyA: string;
let clientAId: string;

// biome-ignore lint/suspicious/noExplicitAny: the bodies of many resources, read field by field
type Raw = { status: number; type: string; text: string; json: any };
async function o311(
  method: 'GET' | 'POST',
  url: string,
  opts: { form?: Record<string, string>; json?: unknown; raw?: string; lang?: string } = {},
): Promise<Raw> {
  const headers: Record<string, string> = {};
  let payload: string | undefined;
  if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    payload = new URLSearchParams(opts.form).toString();
  } else if (opts.raw !== undefined) {
    headers['content-type'] = 'application/json';
    payload = opts.raw;
  } else if (opts.json !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(opts.json);
  }
  if (opts.lang) headers['accept-language'] = opts.lang;
  const res = await t.app.inject({ method, url, headers, payload });
  const type = String(res.headers['content-type'] ?? '');
  return {
    status: res.statusCode,
    type,
    text: res.body,
    json: type.startsWith('application/json') ? JSON.parse(res.body) : undefined,
  };
}

/** A spec error: the status, and the body [{code, description}] (JSON) or <errors><error> (XML). */
function expectSpecError(r: Raw, status: number, format: 'json' | 'xml' = 'json') {
  expect([r.status, r.text]).toEqual([status, expect.any(String)]);
  if (format === 'json') {
    expect(r.type).toMatch(/^application\/json/);
    expect(r.json).toEqual([{ code: status, description: expect.any(String) }]);
    expect(r.json[0].description.length).toBeGreaterThan(3);
  } else {
    expect(r.type).toMatch(/^text\/xml/);
    const root = parseXml(r.text);
    expect(root.name).toBe('errors');
    const errs = kids(root, 'error');
    expect(errs).toHaveLength(1);
    expect(textOf(errs[0], 'code')).toBe(String(status));
    expect(textOf(errs[0], 'description').length).toBeGreaterThan(3);
  }
}

const caseCount = async () => (await t.db.select({ n: count() }).from(civicCase))[0].n;

beforeAll(async () => {
  t = await testApp();
  d = await demoLandmarks(t.db);
  [building] = await t.db.select().from(orgUnit).where(eq(orgUnit.id, d.ownHousehold.buildingId));
  subdistrictId = d.communityA.parentId!;
  staffA = await t.login('13900000003');
  staffB = await t.login('13900000004');
  grid = await t.login('13900000005');
  tian = await t.login('13900000007');
});
afterAll(async () => {
  expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  await t.close();
});

describe('API clients (staff routes)', () => {
  it('401 without a session, 403 without the permission', async () => {
    for (const [method, url] of [
      ['GET', '/api/open311/clients'],
      ['POST', '/api/open311/clients'],
      ['POST', '/api/open311/clients/00000000-0000-4000-8000-000000000000/revoke'],
    ] as const) {
      const r = await t.call({ method, url, body: method === 'POST' ? {} : undefined });
      expect([url, r.status, r.body.error.code]).toEqual([url, 401, 'unauthenticated']);
      const f = await t.call({ method, url, cookie: tian, body: method === 'POST' ? {} : undefined });
      expect([url, f.status, f.body.error.code]).toEqual([url, 403, 'forbidden']);
    }
  });

  it('creates a key shown once and stored hashed; bad places and names are refused', async () => {
    const before = (await t.db.select({ n: count() }).from(open311Client))[0].n;
    const outOfScope = await t.call({
      method: 'POST',
      url: '/api/open311/clients',
      cookie: staffB,
      body: { name: '随手拍', orgUnitId: d.communityA.id },
    });
    expect([outOfScope.status, outOfScope.body.error.code]).toEqual([404, 'not_found']);
    const atBuilding = await t.call({
      method: 'POST',
      url: '/api/open311/clients',
      cookie: staffA,
      body: { name: '随手拍', orgUnitId: building.id },
    });
    expect([atBuilding.status, atBuilding.body.error.code]).toEqual([422, 'open311_client_unit_invalid']);
    expect(atBuilding.body.error.message).toBe('接入系统只能挂在社区、街道或区一级');
    const noName = await t.call({
      method: 'POST',
      url: '/api/open311/clients',
      cookie: staffA,
      body: { name: ' ', orgUnitId: d.communityA.id },
    });
    expect([noName.status, noName.body.error.code]).toEqual([422, 'validation_failed']);
    expect((await t.db.select({ n: count() }).from(open311Client))[0].n).toBe(before);

    const made = await t.call({
      method: 'POST',
      url: '/api/open311/clients',
      cookie: staffA,
      body: { name: '城市随手拍', orgUnitId: d.communityA.id },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    keyA = made.body.apiKey;
    clientAId = made.body.client.id;
    expect(keyA).toMatch(/^o311_[A-Za-z0-9_-]{43}$/); // 256 bits, base64url
    expect(made.body.client).toMatchObject({
      name: '城市随手拍',
      orgUnitId: d.communityA.id,
      keyPrefix: keyA.slice(0, 11),
      revokedAt: null,
      requests: 0,
      actions: ['revoke'],
    });
    expect(made.body.client.place).toContain('春熙社区');

    // Stored as its SHA-256 only; the list never shows it again.
    const [row] = await t.db.select().from(open311Client).where(eq(open311Client.id, clientAId));
    expect(row.keyHash).toBe(createHash('sha256').update(keyA).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(keyA);
    const list = await t.call({ url: '/api/open311/clients', cookie: staffA });
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(clientAId);
    expect(JSON.stringify(list.body)).not.toContain(keyA);
    const listB = await t.call({ url: '/api/open311/clients', cookie: staffB });
    expect(listB.body.items.map((c: { id: string }) => c.id)).not.toContain(clientAId);

    const [audit] = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'open311.client_created'), eq(auditEvent.subjectId, clientAId)));
    expect(audit.summary).toContain('城市随手拍');
    expect(audit.summary).not.toContain(keyA);
  });

  it('revokes in scope only, once; a revoked key files nothing (403)', async () => {
    const made = await t.call({
      method: 'POST',
      url: '/api/open311/clients',
      cookie: staffA,
      body: { name: '旧版小程序', orgUnitId: d.communityA.id },
    });
    const { client, apiKey } = made.body;
    const url = `/api/open311/clients/${client.id}/revoke`;
    const b = await t.call({ method: 'POST', url, cookie: staffB });
    expect([b.status, b.body.error.code]).toEqual([404, 'not_found']);
    const missing = await t.call({
      method: 'POST',
      url: '/api/open311/clients/00000000-0000-4000-8000-000000000000/revoke',
      cookie: staffA,
    });
    expect(missing.status).toBe(404);
    const ok = await t.call({ method: 'POST', url, cookie: staffA });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: client.id, actions: [] });
    expect(ok.body.revokedAt).toMatch(/T/);
    const again = await t.call({ method: 'POST', url, cookie: staffA });
    expect([again.status, again.body.error.code]).toEqual([409, 'open311_client_revoked']);
    const [audit] = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'open311.client_revoked'), eq(auditEvent.subjectId, client.id)));
    expect(audit).toBeDefined();

    const before = await caseCount();
    const r = await o311('POST', '/open311/v2/requests.json', {
      form: {
        api_key: apiKey,
        service_code: 'broken_bin',
        address_id: building.id,
        'attribute[kind]': 'demand',
      },
    });
    expectSpecError(r, 403);
    expect(await caseCount()).toBe(before);
  });
});

describe('GET services', () => {
  it('lists one service per category in JSON with the spec fields', async () => {
    const r = await o311('GET', '/open311/v2/services.json');
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/json; charset=utf-8');
    expect(Array.isArray(r.json)).toBe(true);
    const light = r.json.find((s: { service_code: string }) => s.service_code === 'stairwell_light');
    expect(light).toEqual({
      service_code: 'stairwell_light',
      service_name: '楼道灯不亮',
      description: expect.stringContaining('楼道灯不亮'),
      metadata: true,
      type: 'realtime',
      keywords: '安全隐患, 民生诉求',
      group: '安全隐患',
    });
    for (const s of r.json) expect(Object.keys(s)).toEqual(Object.keys(light));
    expect(r.json.map((s: { service_code: string }) => s.service_code)).toContain('damaged_road');
  });

  it('the same list in XML: <services><service>…', async () => {
    const json = (await o311('GET', '/open311/v2/services.json')).json;
    const r = await o311('GET', '/open311/v2/services.xml');
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/xml; charset=utf-8');
    const root = parseXml(r.text);
    expect(root.name).toBe('services');
    const services = kids(root, 'service');
    expect(services).toHaveLength(json.length);
    const light = services.find((s) => textOf(s, 'service_code') === 'stairwell_light')!;
    expect(light.children.map((c) => c.name)).toEqual([
      'service_code',
      'service_name',
      'description',
      'metadata',
      'type',
      'keywords',
      'group',
    ]);
    expect(textOf(light, 'metadata')).toBe('true');
    expect(textOf(light, 'type')).toBe('realtime');
    expect(textOf(light, 'service_name')).toBe('楼道灯不亮');
  });

  it('answers for a jurisdiction; an unknown one or an unknown format is a 404 in the spec shape', async () => {
    const r = await o311('GET', `/open311/v2/services.json?jurisdiction_id=${d.communityA.id}`);
    expect(r.status).toBe(200);
    expect(r.json.length).toBeGreaterThan(5);
    expectSpecError(await o311('GET', '/open311/v2/services.json?jurisdiction_id=nope'), 404);
    expectSpecError(await o311('GET', `/open311/v2/services.xml?jurisdiction_id=${building.id}`), 404, 'xml');
    expectSpecError(await o311('GET', '/open311/v2/services.csv'), 404);
    expectSpecError(await o311('GET', '/open311/v2/nothing.xml'), 404, 'xml');
  });
});

describe('GET service definition', () => {
  it('gives the attributes: kind as a singlevaluelist of the category kinds, optional anonymity', async () => {
    const r = await o311('GET', '/open311/v2/services/stairwell_light.json');
    expect(r.status).toBe(200);
    expect(r.json.service_code).toBe('stairwell_light');
    const [kind, anon] = r.json.attributes;
    expect(kind).toEqual({
      variable: true,
      code: 'kind',
      datatype: 'singlevaluelist',
      required: true,
      datatype_description: expect.any(String),
      order: 1,
      description: '事项类型',
      values: [
        { key: 'hazard', name: '安全隐患' },
        { key: 'demand', name: '民生诉求' },
      ],
    });
    expect(anon).toMatchObject({ code: 'anonymous', datatype: 'singlevaluelist', required: false, order: 2 });
    // One kind: nothing to choose, so not required.
    const dispute = await o311('GET', '/open311/v2/services/neighbour_dispute.json');
    expect(dispute.json.attributes[0]).toMatchObject({ required: false, values: [{ key: 'dispute' }] });
  });

  it('in XML: <service_definition><attributes><attribute>…<values><value><key/><name/>', async () => {
    const r = await o311('GET', '/open311/v2/services/stairwell_light.xml');
    expect(r.status).toBe(200);
    const root = parseXml(r.text);
    expect(root.name).toBe('service_definition');
    expect(textOf(root, 'service_code')).toBe('stairwell_light');
    const attrs = kids(kid(root, 'attributes'), 'attribute');
    expect(attrs).toHaveLength(2);
    expect(attrs[0].children.map((c) => c.name)).toEqual([
      'variable',
      'code',
      'datatype',
      'required',
      'datatype_description',
      'order',
      'description',
      'values',
    ]);
    expect(textOf(attrs[0], 'datatype')).toBe('singlevaluelist');
    expect(textOf(attrs[0], 'required')).toBe('true');
    const values = kids(kid(attrs[0], 'values'), 'value');
    expect(values.map((v) => [textOf(v, 'key'), textOf(v, 'name')])).toEqual([
      ['hazard', '安全隐患'],
      ['demand', '民生诉求'],
    ]);
  });

  it('an unknown service_code is a 404 in both formats', async () => {
    expectSpecError(await o311('GET', '/open311/v2/services/no_such.json'), 404);
    const xml = await o311('GET', '/open311/v2/services/no_such.xml', { lang: 'en' });
    expectSpecError(xml, 404, 'xml');
    expect(xml.text).toContain('<description>service_code not found</description>');
  });
});

describe('POST requests', () => {
  const post = (form: Record<string, string>, format: 'json' | 'xml' = 'json') =>
    o311('POST', `/open311/v2/requests.${format}`, { form });

  it('refuses a missing, wrong or malformed api_key with 403, in the spec shape, filing nothing', async () => {
    const before = await caseCount();
    const base = { service_code: 'broken_bin', address_id: building.id, 'attribute[kind]': 'demand' };
    expectSpecError(await post(base), 403);
    expectSpecError(await post({ ...base, api_key: 'o311_wrong' }, 'xml'), 403, 'xml');
    expectSpecError(await post({ ...base, api_key: '' }), 403);
    expectSpecError(await o311('POST', '/open311/v2/requests.json', { json: { ...base, api_key: 42 } }), 403);
    expect(await caseCount()).toBe(before);
  });

  it('400 for missing service_code, location, kind or bad values; 404 for an unknown service', async () => {
    const before = await caseCount();
    const k = { api_key: keyA };
    expectSpecError(await post({ ...k, address_id: building.id }), 400);
    expectSpecError(await post({ ...k, service_code: 'broken_bin', 'attribute[kind]': 'demand' }), 400);
    expectSpecError(await post({ ...k, service_code: 'no_such', address_id: building.id }), 404);
    expectSpecError(
      await post({ ...k, service_code: 'no_such', address_id: building.id }, 'xml'),
      404,
      'xml',
    );
    // stairwell_light has two kinds: the client must choose one of them.
    expectSpecError(await post({ ...k, service_code: 'stairwell_light', address_id: building.id }), 400);
    expectSpecError(
      await post({
        ...k,
        service_code: 'stairwell_light',
        address_id: building.id,
        'attribute[kind]': 'dispute',
      }),
      400,
    );
    expectSpecError(await post({ ...k, service_code: 'neighbour_dispute', lat: '95', long: '116' }), 400);
    expectSpecError(await post({ ...k, service_code: 'neighbour_dispute', lat: '36.6' }), 400);
    expectSpecError(
      await post({
        ...k,
        service_code: 'neighbour_dispute',
        lat: '36.6',
        long: '116.9',
        media_url: 'file:///etc/passwd',
      }),
      400,
    );
    expectSpecError(
      await post({
        ...k,
        service_code: 'neighbour_dispute',
        address_string: 'x',
        'attribute[anonymous]': 'maybe',
      }),
      400,
    );
    expectSpecError(await o311('POST', '/open311/v2/requests.json', { raw: '{bad' }), 400);
    expect(await caseCount()).toBe(before);
  });

  it('400 for an address_id outside the client area, not a place, or not an id', async () => {
    const before = await caseCount();
    const base = { api_key: keyA, service_code: 'neighbour_dispute' };
    const [bBuilding] = await t.db
      .select()
      .from(orgUnit)
      .where(eq(orgUnit.id, d.siblingCommunity.buildingId));
    for (const id of [
      d.communityB.id,
      bBuilding.id,
      subdistrictId,
      'not-an-id',
      '00000000-0000-4000-8000-000000000000',
    ]) {
      const r = await post({ ...base, address_id: id });
      expectSpecError(r, 400);
    }
    expect(await caseCount()).toBe(before);
  });

  let formCase: { id: string; token: string };
  it('files a form-encoded request as a case at the address_id, visible to the community staff', async () => {
    const r = await post({
      api_key: keyA,
      service_code: 'stairwell_light',
      'attribute[kind]': 'hazard',
      address_id: building.id,
      description: '2单元5楼楼道灯不亮，联系电话13812345678',
      media_url: 'https://img.example.org/p/1.jpg',
      first_name: '测试',
      last_name: '欧阳',
      email: 'oy@example.org',
      phone: '13812345678',
      device_id: 'dev-1',
      account_id: 'acc-7',
    });
    expect(r.status, r.text).toBe(200);
    expect(r.json).toEqual([
      {
        service_request_id: expect.any(String),
        token: expect.any(String),
        service_notice: '网格员将在 24 小时内核实，办结时限 72 小时',
        account_id: 'acc-7',
      },
    ]);
    formCase = { id: r.json[0].service_request_id, token: r.json[0].token };
    const seen = await t.call({ url: `/api/cases/${formCase.id}`, cookie: staffA });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      kind: 'hazard',
      categoryCode: 'stairwell_light',
      orgUnitId: building.id,
      state: 'reported',
      reportedVia: 'open311',
      reporterName: '欧阳测试',
      anonymous: false,
    });
    expect(seen.body.description).toContain('附件：https://img.example.org/p/1.jpg');
    expect(seen.body.timeline[0].actorName).toBe('Open311·城市随手拍');
    // Out of community B's sight.
    expect((await t.call({ url: `/api/cases/${formCase.id}`, cookie: staffB })).status).toBe(404);
    const [req] = await t.db.select().from(open311Request).where(eq(open311Request.id, formCase.token));
    expect(req).toMatchObject({
      clientId: clientAId,
      caseId: formCase.id,
      email: 'oy@example.org',
      deviceId: 'dev-1',
    });
    const [audit] = await t.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'cases.case_reported'), eq(auditEvent.subjectId, formCase.id)));
    expect(audit.actorName).toBe('Open311·城市随手拍');
  });

  it('files a JSON request at lat/long in the client community, answering in XML', async () => {
    const r = await o311('POST', '/open311/v2/requests.xml', {
      json: {
        api_key: keyA,
        service_code: 'damaged_road',
        lat: 36.651,
        long: 117.12,
        attribute: { kind: 'demand', anonymous: 'true' },
        description: '小区门口路面塌陷',
      },
    });
    expect(r.status, r.text).toBe(200);
    const root = parseXml(r.text);
    expect(root.name).toBe('service_requests');
    const [req] = kids(root, 'request');
    expect(req.children.map((c) => c.name)).toEqual([
      'service_request_id',
      'token',
      'service_notice',
      'account_id',
    ]);
    expect(kid(req, 'account_id').text).toBe('');
    const id = textOf(req, 'service_request_id');
    const seen = await t.call({ url: `/api/cases/${id}`, cookie: staffA });
    expect(seen.body).toMatchObject({
      orgUnitId: d.communityA.id,
      lat: 36.651,
      lng: 117.12,
      kind: 'demand',
      anonymous: true,
      reporterName: 'Open311·城市随手拍',
    });
  });

  it('files with only an address_string, kept on the case', async () => {
    const r = await post({
      api_key: keyA,
      service_code: 'neighbour_dispute',
      address_string: '春熙路 12 号门口',
    });
    expect(r.status, r.text).toBe(200);
    const seen = await t.call({ url: `/api/cases/${r.json[0].service_request_id}`, cookie: staffA });
    expect(seen.body).toMatchObject({
      orgUnitId: d.communityA.id,
      address: '春熙路 12 号门口',
      kind: 'dispute',
    });
  });

  it('a subdistrict client must name the place with address_id', async () => {
    const admin = await t.login('13900000002');
    const made = await t.call({
      method: 'POST',
      url: '/api/open311/clients',
      cookie: admin,
      body: { name: '街道12345热线', orgUnitId: subdistrictId },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    const base = { api_key: made.body.apiKey, service_code: 'neighbour_dispute' };
    const before = await caseCount();
    expectSpecError(await post({ ...base, lat: '36.6', long: '117.1' }), 400);
    expect(await caseCount()).toBe(before);
    const r = await post({ ...base, address_id: d.communityB.id });
    expect(r.status, r.text).toBe(200);
    const seen = await t.call({ url: `/api/cases/${r.json[0].service_request_id}`, cookie: staffB });
    expect(seen.body).toMatchObject({ orgUnitId: d.communityB.id, reportedVia: 'open311' });
  });

  it('GET tokens/{token} answers the service_request_id; an unknown token is a 404', async () => {
    const j = await o311('GET', `/open311/v2/tokens/${formCase.token}.json`);
    expect(j.json).toEqual([{ service_request_id: formCase.id, token: formCase.token }]);
    const x = parseXml((await o311('GET', `/open311/v2/tokens/${formCase.token}.xml`)).text);
    expect(x.name).toBe('service_requests');
    expect(textOf(kid(x, 'request'), 'service_request_id')).toBe(formCase.id);
    expect(textOf(kid(x, 'request'), 'token')).toBe(formCase.token);
    expectSpecError(await o311('GET', '/open311/v2/tokens/00000000-0000-4000-8000-000000000000.json'), 404);
    expectSpecError(await o311('GET', '/open311/v2/tokens/abc.xml'), 404, 'xml');
  });

  it('counts the requests each client filed', async () => {
    const list = await t.call({ url: '/api/open311/clients', cookie: staffA });
    const mine = list.body.items.find((c: { id: string }) => c.id === clientAId);
    expect(mine.requests).toBe(3);
  });
});

describe('GET requests', () => {
  const post = async (form: Record<string, string>) => {
    const r = await o311('POST', '/open311/v2/requests.json', { form: { api_key: keyA, ...form } });
    expect(r.status, r.text).toBe(200);
    return r.json[0].service_request_id as string;
  };
  let fresh: string;
  let old: string;
  let closed: string;
  let whistled: string;
  let dispute: string;
  let dispatched: string;
  let member: typeof person.$inferSelect;
  beforeAll(async () => {
    [member] = await t.db
      .select()
      .from(person)
      .where(and(like(person.orgPath, `${d.communityA.path}%`), sql`'party_member' = any(${person.tags})`))
      .limit(1);
    dispatched = await post({
      service_code: 'suggestion',
      address_id: building.id,
      description: '建议增设充电桩',
    });
    for (const [cookie, body] of [
      [grid, { action: 'check_valid' }],
      [staffA, { action: 'classify', level: 'community' }],
      [staffA, { action: 'dispatch', assignee: { type: 'party_member', ref: member.id } }],
    ] as const) {
      const res = await t.call({ method: 'POST', url: `/api/cases/${dispatched}/transitions`, cookie, body });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    dispute = await post({
      service_code: 'neighbour_dispute',
      address_id: building.id,
      description: '楼上邻居半夜吵闹',
    });
    fresh = await post({
      service_code: 'broken_bin',
      'attribute[kind]': 'demand',
      address_id: building.id,
      description: '垃圾桶破了，请联系 13987654321，住3单元502，或1-2-301，或302室',
      first_name: '梅梅',
      last_name: '韩',
      media_url: 'https://img.example.org/bin.jpg',
    });
    old = await post({ service_code: 'broken_bin', 'attribute[kind]': 'demand', address_id: building.id });
    await t.db
      .update(civicCase)
      .set({ createdAt: new Date(Date.now() - 100 * 86_400_000) })
      .where(eq(civicCase.id, old));
    closed = await post({ service_code: 'parking', 'attribute[kind]': 'demand', address_id: building.id });
    const inv = await t.call({
      method: 'POST',
      url: `/api/cases/${closed}/transitions`,
      cookie: grid,
      body: { action: 'check_invalid', note: '现场无此情况' },
    });
    expect(inv.status, JSON.stringify(inv.body)).toBe(200);
    whistled = await post({
      service_code: 'damaged_road',
      'attribute[kind]': 'hazard',
      address_id: building.id,
    });
    const move = async (action: string, extra: object = {}) => {
      const res = await t.call({
        method: 'POST',
        url: `/api/cases/${whistled}/transitions`,
        cookie: action === 'check_valid' ? grid : staffA,
        body: { action, note: '说明', ...extra },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await move('check_valid');
    await move('classify', { level: 'community' });
    const deps = await t.call({ url: '/api/departments', cookie: staffA });
    const chengguan = deps.body.items.find((x: { code: string }) => x.code === 'chengguan').id;
    const w = await t.call({
      method: 'POST',
      url: `/api/cases/${whistled}/whistles`,
      cookie: staffA,
      body: {
        departmentIds: [chengguan],
        summary: '道路塌陷需城管处置',
        deadline: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      },
    });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
  });

  const ids = (rows: { service_request_id: string }[]) => rows.map((r) => r.service_request_id);

  it('lists the last 90 days by default, newest first, with every spec field', async () => {
    const r = await o311('GET', '/open311/v2/requests.json');
    expect(r.status).toBe(200);
    expect(r.json.length).toBeLessThanOrEqual(1000);
    expect(ids(r.json)).toEqual(expect.arrayContaining([fresh, closed, whistled]));
    expect(ids(r.json)).not.toContain(old);
    const times = r.json.map((x: { requested_datetime: string }) => Date.parse(x.requested_datetime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const row = r.json.find((x: { service_request_id: string }) => x.service_request_id === fresh);
    expect(Object.keys(row)).toEqual(REQUEST_FIELDS);
    const seen = (await t.call({ url: `/api/cases/${fresh}`, cookie: staffA })).body;
    const pending = seen.timers.filter((x: { state: string }) => x.state === 'pending');
    const due = pending.length
      ? Math.min(...pending.map((x: { dueAt: string }) => Date.parse(x.dueAt)))
      : Date.parse(seen.checkDueAt);
    expect(row).toMatchObject({
      status: 'open',
      status_notes: '已点单·待网格核实',
      service_name: '垃圾桶破损',
      service_code: 'broken_bin',
      agency_responsible: '春熙社区',
      address_id: building.id,
      media_url: 'https://img.example.org/bin.jpg',
      lat: null,
      long: null,
    });
    expect(row.requested_datetime).toMatch(W3C);
    expect(row.updated_datetime).toMatch(W3C);
    expect(row.expected_datetime).toMatch(W3C);
    expect(Date.parse(row.expected_datetime)).toBe(Math.floor(due / 1000) * 1000);
    expect(row.address).toBe(seen.place);
    // A phone number in the text is masked for the public.
    expect(row.description).toBe(
      '垃圾桶破了，请联系 139****4321，住3单元***，或***，或***室\n附件：https://img.example.org/bin.jpg',
    );
  });

  it('start_date and end_date widen or narrow the window; bad dates are a 400', async () => {
    const since = new Date(Date.now() - 120 * 86_400_000).toISOString();
    const wide = await o311('GET', `/open311/v2/requests.json?start_date=${encodeURIComponent(since)}`);
    expect(ids(wide.json)).toEqual(expect.arrayContaining([old, fresh]));
    const until = new Date(Date.now() - 95 * 86_400_000).toISOString();
    const early = await o311(
      'GET',
      `/open311/v2/requests.json?start_date=${encodeURIComponent(since)}&end_date=${encodeURIComponent(until)}`,
    );
    expect(ids(early.json)).toContain(old);
    expect(ids(early.json)).not.toContain(fresh);
    expectSpecError(await o311('GET', '/open311/v2/requests.json?start_date=yesterday'), 400);
    expectSpecError(await o311('GET', '/open311/v2/requests.xml?end_date=2020-13-45T99:00:00Z'), 400, 'xml');
  });

  it('service_request_id takes a comma list and overrides the other filters', async () => {
    const r = await o311('GET', `/open311/v2/requests.json?service_request_id=${old},${closed}&status=open`);
    expect(ids(r.json).sort()).toEqual([old, closed].sort());
    const none = await o311('GET', '/open311/v2/requests.json?service_request_id=nope');
    expect(none.json).toEqual([]);
  });

  it('filters by status open or closed (closed: invalid, duplicate, withdrawn, closed) and service_code', async () => {
    const open = await o311('GET', '/open311/v2/requests.json?status=open');
    expect(ids(open.json)).toContain(fresh);
    expect(ids(open.json)).not.toContain(closed);
    expect(open.json.every((x: { status: string }) => x.status === 'open')).toBe(true);
    const shut = await o311('GET', '/open311/v2/requests.json?status=closed');
    expect(ids(shut.json)).toContain(closed);
    expect(ids(shut.json)).not.toContain(fresh);
    const row = shut.json.find((x: { service_request_id: string }) => x.service_request_id === closed);
    expect(row).toMatchObject({ status: 'closed', status_notes: '经核实不予受理', expected_datetime: null });
    const both = await o311('GET', '/open311/v2/requests.json?status=open,closed');
    expect(ids(both.json)).toEqual(expect.arrayContaining([fresh, closed]));
    expectSpecError(await o311('GET', '/open311/v2/requests.json?status=pending'), 400);
    const bins = await o311('GET', '/open311/v2/requests.json?service_code=broken_bin,parking');
    expect(ids(bins.json)).toEqual(expect.arrayContaining([fresh, closed]));
    expect(ids(bins.json)).not.toContain(whistled);
    expect(
      bins.json.every((x: { service_code: string }) => ['broken_bin', 'parking'].includes(x.service_code)),
    ).toBe(true);
  });

  it('names the whistled department as agency_responsible and the stage in status_notes', async () => {
    const r = await o311('GET', `/open311/v2/requests/${whistled}.json`);
    expect(r.status).toBe(200);
    expect(r.json).toHaveLength(1);
    expect(r.json[0]).toMatchObject({
      service_request_id: whistled,
      status: 'open',
      status_notes: '社区已吹哨·待部门报到',
      agency_responsible: '区城市管理局',
    });
    expect(r.json[0].expected_datetime).toMatch(W3C);
  });

  it('names a party member holding the order masked, as every public page does', async () => {
    const r = await o311('GET', `/open311/v2/requests/${dispatched}.json`);
    expect(r.json[0]).toMatchObject({
      status: 'open',
      status_notes: '已派单·待接单',
      agency_responsible: `党员${maskName(member.name)}`,
    });
    expect(r.text).not.toContain(member.name);
    expect(r.json[0].expected_datetime).toMatch(W3C);
  });

  it('GET requests/{id} in XML: <service_requests><request> with the spec elements; unknown → 404', async () => {
    const r = await o311('GET', `/open311/v2/requests/${fresh}.xml`);
    expect(r.status).toBe(200);
    const root = parseXml(r.text);
    expect(root.name).toBe('service_requests');
    const reqs = kids(root, 'request');
    expect(reqs).toHaveLength(1);
    expect(reqs[0].children.map((c) => c.name)).toEqual(REQUEST_FIELDS);
    expect(textOf(reqs[0], 'status')).toBe('open');
    expect(textOf(reqs[0], 'requested_datetime')).toMatch(W3C);
    expect(kid(reqs[0], 'lat').children).toEqual([]);
    // The 90-day window is for lists: an old request is still found by its id.
    expect((await o311('GET', `/open311/v2/requests/${old}.json`)).json[0].service_request_id).toBe(old);
    expectSpecError(await o311('GET', '/open311/v2/requests/00000000-0000-4000-8000-000000000000.json'), 404);
    expectSpecError(await o311('GET', '/open311/v2/requests/123.xml'), 404, 'xml');
    expectSpecError(
      await o311('GET', `/open311/v2/requests/${fresh}.json?jurisdiction_id=${d.communityB.id}`),
      404,
    );
  });

  it('never shows a reporter name, a room number or a neighbour dispute text', async () => {
    const all = [
      (await o311('GET', '/open311/v2/requests.json?status=open,closed')).text,
      (await o311('GET', '/open311/v2/requests.xml')).text,
      (await o311('GET', `/open311/v2/requests/${fresh}.xml`)).text,
    ];
    for (const text of all) {
      expect(text).not.toContain('欧阳测试');
      expect(text).not.toContain('韩梅');
      expect(text).not.toContain('田志明');
      expect(text).not.toContain('13987654321');
      expect(text).not.toContain('oy@example.org');
      expect(text).not.toContain('半夜吵闹');
    }
    const row = JSON.parse(all[0]).find(
      (x: { service_request_id: string }) => x.service_request_id === dispute,
    );
    expect(row.description).toBe('邻里纠纷（矛盾纠纷，内容不公开）');
    const xmlRoot = parseXml(all[1]);
    for (const req of kids(xmlRoot, 'request'))
      expect(textOf(req, 'address')).not.toMatch(/\d{3,4}室|单元\d{3}/);
  });

  it('scopes a list to a jurisdiction', async () => {
    const inB = await o311('GET', `/open311/v2/requests.json?jurisdiction_id=${d.communityB.id}`);
    expect(inB.status).toBe(200);
    expect(ids(inB.json)).not.toContain(fresh);
    const inA = await o311('GET', `/open311/v2/requests.json?jurisdiction_id=${d.communityA.id}`);
    expect(ids(inA.json)).toContain(fresh);
  });

  it('answers at most 1000 requests', async () => {
    // 1001 copies of one request, under a code of their own, straight into the table.
    await t.db.execute(sql`
      insert into civic_case (district_id, community_id, org_unit_id, org_path, kind, category_code,
        category_name, description, reporter_name, reported_via, state, check_due_at)
      select district_id, community_id, org_unit_id, org_path, kind, 'bulk_only', category_name,
        description || ' #' || g, reporter_name, reported_via, state, check_due_at
      from civic_case, generate_series(1, 1001) g where civic_case.id = ${fresh}`);
    const r = await o311('GET', '/open311/v2/requests.json?service_code=bulk_only');
    expect(r.status).toBe(200);
    expect(r.json).toHaveLength(1000);
  });
});
