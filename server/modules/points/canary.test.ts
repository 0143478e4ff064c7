import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ACCESS_TABLE } from '../../../common/access-table.ts';
import { maskName, maskPhone } from '../../../common/masking.ts';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { execRows } from '../../db/client.ts';
import { makeIdNumber } from '../org/demo.ts';
import { runPostingJobs } from './index.ts';
import { UNNAMED } from './postings.ts';

// The "Canary scan": residents with unique names, phones, ID numbers and a room go through
// the real claim flow onto a closed posting, an open posting and the rankings; then every public
// (no-login) route is crawled, following the ids its answers contain, and no answer may carry any
// of those values unmasked. The clock is pinned so that everything lands in one month.

type Canary = { name: string; phone: string; idNumber: string; consent: boolean; id?: string };
const CANARIES: Canary[] = [
  {
    name: '金丝雀甲乙',
    phone: '13757392846',
    idNumber: makeIdNumber('510104', 1985, 3, 17, 271),
    consent: true,
  },
  {
    name: '银丝雀丙丁',
    phone: '13768203917',
    idNumber: makeIdNumber('510105', 1979, 11, 4, 638),
    consent: false,
  },
  { name: '鑫鹬', phone: '15839274061', idNumber: makeIdNumber('510106', 1991, 7, 29, 415), consent: true },
];
const ROOM = '雀9173';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const NOBODY = '00000000-0000-4000-8000-000000000000';

/** Every run of 5 digits in a number: a fragment longer than 4 digits identifies a phone or an ID. */
function fragments(digits: string, len = 5): string[] {
  const out: string[] = [];
  for (let i = 0; i + len <= digits.length; i++) out.push(digits.slice(i, i + len));
  return out;
}

/**
 * What of the canaries a response body gives away: a full name, the hidden middle of a name, a
 * non-consenting person's masked name, or any 5-digit fragment of a phone or an ID number (masked
 * phones, 137****2846, have none). Ids are stripped first: a UUID is not a phone.
 */
function leaks(body: string): string[] {
  const digits = body.replace(UUID, '');
  const found: string[] = [];
  for (const c of CANARIES) {
    const chars = [...c.name];
    const secrets = [c.name, c.idNumber, c.phone, ...(chars.length > 2 ? [chars.slice(1, -1).join('')] : [])];
    if (!c.consent) secrets.push(maskName(c.name));
    for (const s of secrets) if (body.includes(s)) found.push(s);
    for (const f of [...fragments(c.phone), ...fragments(c.idNumber)]) {
      if (digits.includes(f)) found.push(`${f} (of ${c.phone} / ${c.idNumber})`);
    }
  }
  if (body.includes(ROOM)) found.push(ROOM);
  return found;
}

let t: TestApp;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
let staff: string;

const at = (iso: string) => vi.setSystemTime(new Date(iso));

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  at('2026-12-10T02:00:00Z');
  t = await testApp();
  d = await demoLandmarks(t.db);
  staff = await t.login('13900000003');
  const grid = await t.login('13900000005');
  const committee = await t.login('13900000006');

  // Community staff register a household in 田先生's building and the canaries in it.
  const h = await t.call({
    method: 'POST',
    url: '/api/households',
    cookie: staff,
    body: { buildingId: d.ownHousehold.buildingId, unitNo: '', room: ROOM },
  });
  expect(h.status).toBe(200);
  for (const [i, c] of CANARIES.entries()) {
    const p = await t.call({
      method: 'POST',
      url: '/api/persons',
      cookie: staff,
      body: {
        orgUnitId: d.communityA.id,
        householdId: h.body.id,
        relation: i === 0 ? 'head' : 'member',
        name: c.name,
        phone: c.phone,
        idNumber: c.idNumber,
      },
    });
    expect(p.status).toBe(200);
    c.id = p.body.id;
    const consent = await t.call({
      method: 'PUT',
      url: `/api/points/persons/${c.id}/consent`,
      cookie: staff,
      body: { publicConsent: c.consent },
    });
    expect(consent.status).toBe(200);
  }

  // One posting that closes and credits (so the canaries rank), and one left open. The claims'
  // descriptions carry the room, a phone and ID numbers on purpose: descriptions must never be public.
  await earn(grid, committee, 'C01', '2026-12-09', (c) => `${ROOM} 楼道清理，联系 ${c.phone}`);
  const first = await publish(committee, '2026-11');
  at('2026-12-18T02:00:00Z');
  const jobs = await runPostingJobs(t.db, new Date());
  expect(jobs.credited).toBeGreaterThanOrEqual(CANARIES.length);
  expect(new Date(first.closesAt).getTime()).toBeLessThan(Date.now());
  // Sessions idle out over a week: sign in again on the later day.
  at('2026-12-19T02:00:00Z');
  const [grid2, committee2] = [await t.login('13900000005'), await t.login('13900000006')];
  await earn(grid2, committee2, 'C02', '2026-12-18', (c) => `调解 ${ROOM} 邻里纠纷，身份证 ${c.idNumber}`);
  await publish(committee2, '2026-12');
  at('2026-12-20T02:00:00Z');
  staff = await t.login('13900000003');
});

/** The grid worker declares on each canary's behalf (that is the field check); the committee approves. */
async function earn(
  grid: string,
  committee: string,
  ruleCode: string,
  deedDate: string,
  description: (c: Canary) => string,
) {
  for (const c of CANARIES) {
    const claim = await t.call({
      method: 'POST',
      url: '/api/points/claims',
      cookie: grid,
      body: { ruleCode, personId: c.id, quantity: 1, deedDate, description: description(c) },
    });
    expect([claim.status, claim.body.state]).toEqual([200, 'checked']);
    const ok = await t.call({
      method: 'POST',
      url: `/api/points/claims/${claim.body.id}/transitions`,
      cookie: committee,
      body: { action: 'approve' },
    });
    expect([ok.status, ok.body.state]).toEqual([200, 'approved']);
  }
}

async function publish(committee: string, period: string) {
  const res = await t.call({
    method: 'POST',
    url: '/api/points/postings',
    cookie: committee,
    body: { communityId: d.communityA.id, period },
  });
  expect(res.status).toBe(200);
  return res.body;
}

afterAll(async () => {
  vi.useRealTimers();
  await t.close();
});

/** The public routes of a production server (test hooks exist only with LINLI_TEST_HOOKS=1). */
function publicRoutes(): string[] {
  return Object.entries(ACCESS_TABLE)
    .filter(([key, access]) => access === 'public' && !key.includes(' /api/test/'))
    .map(([key]) => key);
}

type Hit = { key: string; url: string; status: number; body: string };

/**
 * Calls every public route of the access table without a cookie. Routes with an `:id` are called
 * with every id the crawl has seen so far (plus an unknown one, and the ids a passer-by holds from a
 * printed notice: published votes), until no new URL turns up. Open311 routes take both formats and
 * the service codes the catalogue lists; its POST carries an API key, as a civic-tech client's would.
 */
async function crawlPublic(): Promise<Hit[]> {
  const routes = publicRoutes();
  const ids = new Set<string>([NOBODY]);
  const printed = await execRows<{ id: string }>(
    t.db,
    sql`select id from vote_motion where state = 'published'`,
  );
  for (const { id } of printed) ids.add(id);
  const codes = new Set<string>(['no_such_service']);
  const client = await t.call({
    method: 'POST',
    url: '/api/open311/clients',
    cookie: staff,
    body: { name: '金丝雀市民热线', orgUnitId: d.communityA.id },
  });
  expect(client.status).toBe(200);
  const seen = new Set<string>();
  const hits: Hit[] = [];
  const open311Request = {
    api_key: client.body.apiKey,
    service_code: 'broken_bin',
    address_id: d.ownHousehold.buildingId,
    description: '楼下垃圾桶破损',
    attribute: { kind: 'hazard' },
  };
  const bodies: Record<string, unknown> = {
    'POST /api/auth/login': { phone: CANARIES[0].phone, password: CANARIES[0].idNumber },
    'POST /open311/v2/requests.:format': open311Request,
  };
  const valuesOf = (param: string): string[] =>
    param === ':format' ? ['json', 'xml'] : param === ':service_code' ? [...codes] : [...ids];
  const expand = (pattern: string): string[] => {
    const param = pattern.match(/:[A-Za-z_]+/)?.[0];
    if (!param) return [pattern];
    return valuesOf(param).flatMap((v) => expand(pattern.replace(param, v)));
  };
  for (let round = 0; round < 6; round++) {
    let fresh = 0;
    for (const key of routes) {
      const [method, pattern] = key.split(' ');
      for (const url of expand(pattern)) {
        if (seen.has(`${method} ${url}`)) continue;
        seen.add(`${method} ${url}`);
        fresh++;
        const res = await t.app.inject({
          method: method as 'GET',
          url,
          ...(method === 'POST' ? { payload: (bodies[key] ?? {}) as object } : {}),
        });
        hits.push({ key, url, status: res.statusCode, body: res.body });
        if (res.statusCode !== 200) continue;
        for (const id of res.body.match(UUID) ?? []) ids.add(id.toLowerCase());
        for (const m of res.body.matchAll(/"service_code":"([a-z0-9_]+)"/g)) codes.add(m[1]);
      }
    }
    if (fresh === 0) return hits;
  }
  throw new Error('the public crawl did not settle');
}

describe('canary scan of the public routes', () => {
  let hits: Hit[];
  beforeAll(async () => {
    hits = await crawlPublic();
  });

  it('reached every public route with a 200 answer', () => {
    const answered = new Set(hits.filter((h) => h.status === 200).map((h) => h.key));
    const unanswered = publicRoutes().filter((key) => !answered.has(key) && key !== 'POST /api/auth/login');
    expect(unanswered).toEqual([]);
    // The crawl followed the board into both canary postings and every community.
    const boards = hits.filter((h) => h.key === 'GET /api/public/communities/:id/board' && h.status === 200);
    expect(boards.length).toBeGreaterThanOrEqual(4);
    const postings = hits.filter((h) => h.key === 'GET /api/public/postings/:id' && h.status === 200);
    expect(postings.length).toBeGreaterThanOrEqual(4);
  });

  it('finds no canary name, phone, ID number or room in any public answer', () => {
    const found = hits.flatMap((h) => leaks(h.body).map((leak) => `${h.key} ${h.url}: ${leak}`));
    expect(found).toEqual([]);
  });

  it('shows the consenting canaries masked, in the postings and the rankings, and the other unnamed', () => {
    const board = hits.find(
      (h) => h.url === `/api/public/communities/${d.communityA.id}/board` && h.status === 200,
    )!;
    const b = JSON.parse(board.body);
    expect(b.currentPosting).toMatchObject({ period: '2026-12', state: 'open', rowCount: CANARIES.length });
    const ranked = b.rankings.month.rows.map((r: { name: string }) => r.name);
    expect(ranked).toEqual(expect.arrayContaining(['金***乙', '鑫*', UNNAMED]));
    for (const period of ['2026-11', '2026-12']) {
      const summary = [b.currentPosting, ...b.pastPostings].find((p) => p.period === period);
      const shown = JSON.parse(hits.find((h) => h.url === `/api/public/postings/${summary.id}`)!.body);
      expect(shown.rows.map((r: { name: string }) => r.name).sort()).toEqual(
        ['金***乙', '鑫*', UNNAMED].sort(),
      );
    }
  });

  it('would catch a leak: the scanner finds the canaries where staff may see them', async () => {
    const [a] = CANARIES;
    const person = await t.call({ url: `/api/persons/${a.id}`, cookie: staff });
    expect(person.status).toBe(200);
    expect(leaks(person.raw.body)).toEqual(expect.arrayContaining([a.name, a.phone, ROOM]));
    const revealed = await t.call({
      method: 'POST',
      url: `/api/persons/${a.id}/reveal-id`,
      cookie: staff,
      body: { reason: '核对积分申报身份' },
    });
    expect(revealed.status).toBe(200);
    expect(leaks(revealed.raw.body)).toContain(a.idNumber);
    // A single five-digit fragment is enough; the masked forms are not leaks.
    expect(leaks(`{"x":"tail ${a.phone.slice(3, 8)}"}`)).not.toEqual([]);
    expect(leaks(JSON.stringify({ name: maskName(a.name), phone: maskPhone(a.phone) }))).toEqual([]);
    expect(leaks(JSON.stringify({ name: maskName(CANARIES[1].name) }))).toEqual([maskName(CANARIES[1].name)]);
  });
});
