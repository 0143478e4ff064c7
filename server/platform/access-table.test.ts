import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TABLE } from '../../common/access-table.ts';
import { isDocsRoute } from './access-hook.ts';
import { type TestApp, testApp } from '../../test/harness.ts';

let t: TestApp;
beforeAll(async () => {
  // With the test hooks on, so that every route in the table is registered.
  t = await testApp({ template: 'empty', config: { testHooks: true } });
});
afterAll(() => t.close());

describe('access table', () => {
  it('declares every registered API route', () => {
    const missing = t.registeredRoutes.filter((r) => !isDocsRoute(r.split(' ')[1]) && !(r in ACCESS_TABLE));
    expect(missing).toEqual([]);
  });

  it('has no entry for a route that does not exist', () => {
    const registered = new Set(t.registeredRoutes);
    expect(Object.keys(ACCESS_TABLE).filter((k) => !registered.has(k))).toEqual([]);
  });

  it('refuses every non-public route without a session (401), with a stable code', async () => {
    for (const [key, access] of Object.entries(ACCESS_TABLE)) {
      if (access === 'public') continue;
      const [method, url] = key.split(' ');
      const concrete = url.replace(/:[a-zA-Z]+/g, '00000000-0000-4000-8000-000000000000');
      const res = await t.call({ method: method as 'GET', url: concrete });
      expect([key, res.status, res.body?.error?.code]).toEqual([key, 401, 'unauthenticated']);
    }
  });
});
