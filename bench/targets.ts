import pg from 'pg';
import { BENCH_PASSWORD, BENCH_STAFF_PHONE } from './database.ts';
import type { Target } from './load.ts';

/** What the benchmark needs from the generated district: the staff member's community and some homes in it. */
export type Fixture = {
  communityId: string;
  householdIds: string[];
  households: number;
  persons: number;
  orgUnits: number;
  postgresVersion: string;
};

/** How many of the community's households the household benchmarks cycle through. */
const SAMPLE = 500;

export async function loadFixture(url: string): Promise<Fixture> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const grant = await client.query<{ org_unit_id: string; org_path: string }>(
      `select g.org_unit_id, g.org_path from role_grant g join user_account u on u.id = g.user_id
       where u.phone = $1 and g.role = 'community_staff'`,
      [BENCH_STAFF_PHONE],
    );
    if (grant.rowCount === 0)
      throw new Error(`no community staff ${BENCH_STAFF_PHONE}: run bench/generate.ts first`);
    const { org_unit_id: communityId, org_path: communityPath } = grant.rows[0];
    const homes = await client.query<{ id: string }>(
      `select id from household where org_path like $1 || '%' order by random() limit ${SAMPLE}`,
      [communityPath],
    );
    const sizes = await client.query<{ households: number; persons: number; units: number; version: string }>(
      `select (select count(*) from household)::int as households, (select count(*) from person)::int as persons,
              (select count(*) from org_unit)::int as units, current_setting('server_version') as version`,
    );
    const s = sizes.rows[0];
    return {
      communityId,
      householdIds: homes.rows.map((r) => r.id),
      households: s.households,
      persons: s.persons,
      orgUnits: s.units,
      postgresVersion: s.version,
    };
  } finally {
    await client.end();
  }
}

export const LOGIN_BODY = JSON.stringify({ phone: BENCH_STAFF_PHONE, password: BENCH_PASSWORD });

/** Signs in once and returns the `linli_session=…` cookie pair the read benchmarks send. */
export async function signIn(origin: string): Promise<string> {
  const res = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: LOGIN_BODY,
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const pair = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('linli_session='));
  if (!pair) throw new Error('login answered 200 without a linli_session cookie');
  return pair;
}

/** One request to each target before loading it: a benchmark of 401s or 404s would measure nothing. */
export async function assertAnswers(target: Target): Promise<void> {
  const res = await fetch(`${target.origin}${target.paths[0]}`, {
    method: target.method,
    headers: target.headers,
    body: target.body,
  });
  if (res.status !== 200)
    throw new Error(`${target.name}: ${res.status} ${(await res.text()).slice(0, 300)}`);
}

export function targets(linli: string, bare: string, fixture: Fixture, cookie: string): Target[] {
  const auth = { cookie };
  return [
    {
      name: 'bare: Fastify + pg, select by id',
      origin: bare,
      method: 'GET',
      paths: housePaths('/households', fixture),
    },
    {
      name: 'POST /api/auth/login',
      origin: linli,
      method: 'POST',
      paths: ['/api/auth/login'],
      headers: { 'content-type': 'application/json' },
      body: LOGIN_BODY,
    },
    {
      name: 'GET /api/org-units/:id/children',
      origin: linli,
      method: 'GET',
      paths: [`/api/org-units/${fixture.communityId}/children`],
      headers: auth,
    },
    {
      name: 'GET /api/households/:id',
      origin: linli,
      method: 'GET',
      paths: housePaths('/api/households', fixture),
      headers: auth,
    },
  ];
}

function housePaths(prefix: string, fixture: Fixture): string[] {
  return fixture.householdIds.map((id) => `${prefix}/${id}`);
}
