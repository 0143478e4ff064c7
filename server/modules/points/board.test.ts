import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoLandmarks } from '../../../test/demo-ids.ts';
import { type TestApp, testApp } from '../../../test/harness.ts';
import { pathIds, roomLabel } from '../org/index.ts';
import { presentRanking, rankingWindows } from './board.ts';
import { DEMO_CONVENTION } from './demo.ts';
import { UNNAMED } from './postings.ts';
import type { RankingRow } from './rankings.ts';
import { posting } from './schema.ts';

// The demo's ledger entries are dated at the two postings' close times (2026-10-08, 2026-11-08).
// The clock is pinned to 2026-11-30 (Asia/Shanghai) so "this month / quarter / year" stay put.
const NOW = new Date('2026-11-30T04:00:00Z');
const NOBODY = '00000000-0000-4000-8000-000000000000';

let t: TestApp;
let d: Awaited<ReturnType<typeof demoLandmarks>>;
let board: string;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
  t = await testApp();
  d = await demoLandmarks(t.db);
  board = `/api/public/communities/${d.communityA.id}/board`;
});
afterAll(async () => {
  vi.useRealTimers();
  await t.close();
});

/** What must never be on a public page about 田先生: his full name, phone, ID number and room. */
function assertNothingPrivate(text: string) {
  expect(text).not.toContain(d.tian.name);
  expect(text).not.toContain(d.tian.phone!);
  if (d.tian.idNumber) expect(text).not.toContain(d.tian.idNumber);
  expect(text).not.toContain(roomLabel(d.ownHousehold));
}

describe('public board (no login)', () => {
  it('lists every community with its subdistrict', async () => {
    const res = await t.call({ url: '/api/public/communities' });
    expect(res.status).toBe(200);
    expect(res.body.items).toContainEqual({
      id: d.communityA.id,
      name: '春熙社区',
      subdistrictId: d.communityA.parentId,
      subdistrictName: '平顶山街道',
    });
    expect(res.body.items.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['春熙社区', '杨梅江社区', '红旗社区']),
    );
  });

  it("shows 春熙社区's postings, 田*明's 150 points, the convention and rulebook in force", async () => {
    const res = await t.call({ url: board });
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b.community).toMatchObject({
      id: d.communityA.id,
      name: '春熙社区',
      subdistrictName: '平顶山街道',
    });
    expect(b.currentPosting).toBeNull();
    expect(b.pastPostings).toEqual([
      expect.objectContaining({ period: '2026-10', state: 'closed', rowCount: 6 }),
      expect.objectContaining({ period: '2026-09', state: 'closed', rowCount: 4 }),
    ]);
    // November holds October's posting (closed 2026-11-08); the quarter and year hold both.
    expect(b.rankings.month).toEqual({
      period: '2026-11',
      from: '2026-10-31T16:00:00.000Z',
      to: '2026-11-30T16:00:00.000Z',
      rows: [{ rank: 1, name: '田*明', points: 100 }],
    });
    expect(b.rankings.quarter).toMatchObject({
      period: '2026-Q4',
      rows: [{ rank: 1, name: '田*明', points: 150 }],
    });
    expect(b.rankings.year).toMatchObject({
      period: '2026',
      from: '2025-12-31T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
      rows: [{ rank: 1, name: '田*明', points: 150 }],
    });
    expect(b.convention).toMatchObject({
      title: '平顶山街道居民公约',
      version: 1,
      effectiveFrom: '2026-01-01',
    });
    // The quarterly revision (version 2) is in force since 2026-10-01, published by the subdistrict.
    expect(b.rulebook).toMatchObject({
      version: 2,
      orgUnitName: '平顶山街道',
      effectiveFrom: '2026-10-01',
      effectiveTo: null,
    });
    expect(b.qr.url).toBe(`http://localhost:80/board/${d.communityA.id}`);
    expect(b.qr.svg).toMatch(/^<svg /);
    assertNothingPrivate(res.raw.body);
  });

  it('answers a signed-in visitor exactly as it answers the public', async () => {
    const anonymous = await t.call({ url: board });
    for (const phone of ['13900000007', '13900000003']) {
      const signedIn = await t.call({ url: board, cookie: await t.login(phone) });
      expect(signedIn.status).toBe(200);
      expect({ ...signedIn.body, generatedAt: '' }).toEqual({ ...anonymous.body, generatedAt: '' });
    }
  });

  it('builds the QR code from the origin the visitor used, and ignores a forged host', async () => {
    const proxied = await t.app.inject({
      url: board,
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'linli.example.cn' },
    });
    expect(proxied.json().qr.url).toBe(`https://linli.example.cn/board/${d.communityA.id}`);
    const forged = await t.app.inject({ url: board, headers: { host: 'evil.example/"><script>' } });
    expect(forged.statusCode).toBe(200);
    expect(forged.json().qr.url).toBe(`http://localhost/board/${d.communityA.id}`);
  });

  it('shows a posting as published: masked names, whitelisted fields, its own QR code', async () => {
    const b = (await t.call({ url: board })).body;
    const october = b.pastPostings[0];
    const res = await t.call({ url: `/api/public/postings/${october.id}` });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: october.id,
      communityId: d.communityA.id,
      communityName: '春熙社区',
      period: '2026-10',
      state: 'closed',
      objections: 0,
    });
    expect(Object.keys(res.body).sort()).toEqual(
      [
        'id',
        'communityId',
        'communityName',
        'period',
        'state',
        'opensAt',
        'closesAt',
        'rows',
        'objections',
        'qr',
      ].sort(),
    );
    expect(res.body.rows).toHaveLength(6);
    for (const row of res.body.rows) {
      expect(row.name).toBe('田*明');
      expect(Object.keys(row).sort()).toEqual(
        ['claimId', 'name', 'participant', 'ruleTitle', 'kind', 'points', 'deedDate', 'revoked'].sort(),
      );
    }
    expect(res.body.rows.reduce((s: number, r: { points: number }) => s + r.points, 0)).toBe(100);
    expect(res.body.qr.url).toBe(`http://localhost:80/board/${d.communityA.id}/postings/${october.id}`);
    assertNothingPrivate(res.raw.body);
  });

  it('froze only masked names into the stored postings', async () => {
    const stored = await t.db.select().from(posting).where(eq(posting.communityId, d.communityA.id));
    expect(stored).toHaveLength(2);
    for (const p of stored) {
      const rows = JSON.parse(p.snapshot) as { name: string }[];
      expect(new Set(rows.map((r) => r.name))).toEqual(new Set(['田*明']));
      assertNothingPrivate(p.snapshot);
    }
  });

  it('serves the rulebook and the convention in force, without anyone’s allowed actions', async () => {
    const book = await t.call({ url: `/api/public/communities/${d.communityA.id}/rulebook` });
    expect(book.status).toBe(200);
    expect(book.body).toMatchObject({ version: 2, status: 'active', orgUnitName: '平顶山街道' });
    expect(book.body.chapters).toHaveLength(5);
    expect(book.body.chapters.flatMap((c: { articles: unknown[] }) => c.articles)).toHaveLength(14);
    expect(book.body).not.toHaveProperty('allowed');
    expect(book.body.qr.url).toBe(`http://localhost:80/board/${d.communityA.id}/rulebook`);

    const conv = await t.call({ url: `/api/public/communities/${d.communityA.id}/convention` });
    expect(conv.status).toBe(200);
    expect(conv.body).toMatchObject({
      title: '平顶山街道居民公约',
      body: DEMO_CONVENTION,
      orgUnitName: '平顶山街道',
      status: 'active',
    });
    expect(conv.body.qr.url).toBe(`http://localhost:80/board/${d.communityA.id}/convention`);
  });

  it('gives a community of a subdistrict without a rulebook an empty board, and 404 for the texts', async () => {
    const other = await t.call({ url: `/api/public/communities/${d.communityC.id}/board` });
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({
      currentPosting: null,
      pastPostings: [],
      convention: null,
      rulebook: null,
    });
    expect(other.body.rankings.year.rows).toEqual([]);
    for (const page of ['rulebook', 'convention']) {
      const res = await t.call({ url: `/api/public/communities/${d.communityC.id}/${page}` });
      expect([page, res.status, res.body.error.code]).toEqual([page, 404, 'not_found']);
    }
  });

  it('answers 404 not_found for unknown ids and for units that are not communities', async () => {
    const compound = pathIds(d.ownHousehold.orgPath)[3];
    const building = d.ownHousehold.buildingId;
    const subdistrict = d.communityA.parentId!;
    for (const id of [NOBODY, compound, building, subdistrict]) {
      for (const page of ['board', 'rulebook', 'convention']) {
        const res = await t.call({ url: `/api/public/communities/${id}/${page}` });
        expect([id, page, res.status, res.body.error.code]).toEqual([id, page, 404, 'not_found']);
      }
    }
    const posting = await t.call({ url: `/api/public/postings/${NOBODY}` });
    expect([posting.status, posting.body.error.code]).toEqual([404, 'not_found']);
    const malformed = await t.call({ url: '/api/public/postings/not-a-uuid' });
    expect([malformed.status, malformed.body.error.code]).toEqual([422, 'validation_failed']);
  });

  it('names a resident who withdrew consent 居民（未公开姓名）; a published posting stays as published', async () => {
    const tian = await t.login('13900000007');
    const withdraw = await t.call({
      method: 'PUT',
      url: `/api/points/persons/${d.tian.id}/consent`,
      cookie: tian,
      body: { publicConsent: false },
    });
    expect(withdraw.status).toBe(200);
    const b = (await t.call({ url: board })).body;
    expect(b.rankings.year.rows).toEqual([{ rank: 1, name: UNNAMED, points: 150 }]);
    expect(b.rankings.month.rows).toEqual([{ rank: 1, name: UNNAMED, points: 100 }]);
    expect(JSON.stringify(b.rankings)).not.toContain('田');
    // "The posting is frozen as published": withdrawal governs what is published from now on.
    for (const p of b.pastPostings) {
      const shown = await t.call({ url: `/api/public/postings/${p.id}` });
      expect(new Set(shown.body.rows.map((r: { name: string }) => r.name))).toEqual(new Set(['田*明']));
    }
    await t.call({
      method: 'PUT',
      url: `/api/points/persons/${d.tian.id}/consent`,
      cookie: tian,
      body: { publicConsent: true },
    });
    expect((await t.call({ url: board })).body.rankings.year.rows[0].name).toBe('田*明');
  });
});

describe('rankings on the board', () => {
  const row = (earned: number, over: Partial<RankingRow> = {}): RankingRow => ({
    accountId: crypto.randomUUID(),
    personId: crypto.randomUUID(),
    displayName: '欧阳娜娜',
    publicConsent: true,
    earned,
    balance: earned,
    ...over,
  });

  it('shares a rank between equal points and names organisations in full', () => {
    const shown = presentRanking([
      row(50),
      row(50, { publicConsent: false }),
      row(20, { personId: null, displayName: '春熙志愿服务社' }),
    ]);
    expect(shown).toEqual([
      { rank: 1, name: '欧**娜', points: 50 },
      { rank: 1, name: UNNAMED, points: 50 },
      { rank: 3, name: '春熙志愿服务社', points: 20 },
    ]);
  });

  it('cuts months, quarters and years at midnight in Asia/Shanghai', () => {
    // 2027-01-01 00:30 in Shanghai is still 2026 in UTC.
    const w = rankingWindows(new Date('2026-12-31T16:30:00Z'));
    expect(w.month).toMatchObject({ period: '2027-01' });
    expect(w.quarter.period).toBe('2027-Q1');
    expect(w.quarter.from.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(w.quarter.to.toISOString()).toBe('2027-03-31T16:00:00.000Z');
    expect(w.year.period).toBe('2027');
    const dec = rankingWindows(new Date('2026-12-31T15:59:59Z'));
    expect([dec.month.period, dec.quarter.period, dec.year.period]).toEqual(['2026-12', '2026-Q4', '2026']);
    expect(dec.month.to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});
