import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../test/harness.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';
import { orgUnit } from './modules/org/schema.ts';
import { userAccount } from './platform/schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ template: 'empty' });
});
afterAll(() => t.close());

describe('platform', () => {
  it('reports health with the database kind and the newest migration', async () => {
    const res = await t.call({ url: '/api/health' });
    expect(res.status).toBe(200);
    const journal = JSON.parse(fs.readFileSync('migrations/meta/_journal.json', 'utf8'));
    expect(res.body).toMatchObject({
      status: 'ok',
      migration: journal.entries.at(-1).tag,
      migrations: journal.entries.length,
    });
    expect(res.body.db).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
  });

  it('serves OpenAPI 3 documenting the org routes', async () => {
    const res = await t.call({ url: '/api/openapi.json' });
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/households/{id}', '/api/auth/login']),
    );
    expect((await t.app.inject({ url: '/api/docs/' })).statusCode).toBe(200);
  });

  it('answers errors in Chinese by default and in English on request, with a stable code', async () => {
    const zh = await t.call({ url: '/api/auth/me' });
    expect(zh.body.error).toMatchObject({ code: 'unauthenticated', message: '请先登录' });
    const en = await t.app.inject({ url: '/api/auth/me', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.json().error).toMatchObject({ code: 'unauthenticated', message: 'Please sign in first' });
    expect(en.json().error.requestId).toBeTruthy();
    const unknown = await t.call({ url: '/api/no-such-thing' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('route_not_found');
  });

  it('turns malformed input into 422 validation_failed, never 500', async () => {
    const res = await t.call({ method: 'POST', url: '/api/auth/login', body: { phone: 1 } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"phone": ',
    });
    expect(broken.statusCode).toBe(422);
    expect(broken.json().error.code).toBe('validation_failed');
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<x/>',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.code).toBe('unsupported_media_type');
  });

  it('seeds the demo district only into an empty database', async () => {
    expect(await seedDemoIfEmpty(t.db)).toBe(true);
    const units = await t.db.$count(orgUnit);
    const users = await t.db.$count(userAccount);
    expect(units).toBe(1 + 2 + 4 + 12 + 60);
    expect(await seedDemoIfEmpty(t.db)).toBe(false);
    expect(await t.db.$count(orgUnit)).toBe(units);
    expect(await t.db.$count(userAccount)).toBe(users);
  });
});

describe('web app serving', () => {
  it('serves index.html for client routes, 404 for a missing asset or API path', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-web-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>邻里</title>');
    const web = await testApp({ template: 'empty', config: { webDir: dir } });
    try {
      const page = await web.app.inject({ url: '/admin/households/123' });
      expect([page.statusCode, page.body]).toEqual([200, '<!doctype html><title>邻里</title>']);
      expect((await web.app.inject({ url: '/assets/gone-1234.js' })).statusCode).toBe(404);
      expect((await web.app.inject({ url: '/api/nope' })).json().error.code).toBe('route_not_found');
      // A file added after start-up (a rebuild) is served without a restart.
      fs.writeFileSync(path.join(dir, 'late.js'), 'export {};');
      expect((await web.app.inject({ url: '/late.js' })).statusCode).toBe(200);
    } finally {
      await web.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
