import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiSession,
  DESKTOP,
  launchBrowser,
  login,
  newContext,
  PHONE,
  screenshot,
  watchPage,
} from '../harness.ts';

type Page = { items: { id: string; title: string; secret: boolean; state: string }[] };

// Who may not: a department's staff have no vote pages; community B's staff do not find community
// A's motions; the grid worker reads motions but gets no buttons; nobody signed out reads an
// unpublished result.
describe('votes: unauthorised', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  let motionId = '';
  beforeAll(async () => {
    browser = await launchBrowser();
    const staff = await apiSession(baseURL, '13900000003');
    const list = await staff.get<Page>('/api/votes?state=open');
    motionId = list.body.items.find((m) => m.title.includes('幸福家园小区停车'))!.id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps the vote pages from those outside the scope or without the permission', async () => {
    const context = await newContext(browser, baseURL, DESKTOP);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    // Department staff: no votes:read at all.
    await login(page, '13900000008');
    await page.waitForURL(/\/admin\/cases\/whistles/);
    await page.goto('/admin/votes');
    await page.getByTestId('forbidden').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('motions-table').count()).toBe(0);
    await context.close();

    // Community B's staff: the list holds none of A's motions and A's motion is "not found".
    const b = await newContext(browser, baseURL, DESKTOP);
    const pb = await b.newPage();
    await login(pb, '13900000004');
    await pb.waitForURL(/\/admin$/);
    await pb.goto('/admin/votes');
    await pb.getByTestId('motions-table').waitFor();
    expect(await pb.getByTestId('motions-table').locator('.ant-table-row').count()).toBe(0);
    await pb.goto(`/admin/votes/${motionId}`);
    await pb.getByTestId('not-found').waitFor();
    await screenshot(pb, 'votes-other-community-not-found');
    await b.close();

    // The grid worker reads A's motions but holds no moves and no paper-ballot entry.
    const g = await newContext(browser, baseURL, PHONE);
    const pg = await g.newPage();
    await login(pg, '13900000005');
    await pg.waitForURL(/\/m$/);
    await pg.goto(`/admin/votes/${motionId}`);
    await pg.getByTestId('result-card').waitFor();
    expect(await pg.getByTestId('motion-close').count()).toBe(0);
    expect(await pg.getByTestId('elector-search').count()).toBe(0);
    await g.close();
    expect(errors).toEqual([]);

    // Signed out: an open motion has no public result.
    const res = await fetch(`${baseURL}/api/public/votes/${motionId}`);
    expect(res.status).toBe(404);
    const anon = await newContext(browser, baseURL, PHONE);
    const pa = await anon.newPage();
    await pa.goto(`/public/votes/${motionId}`);
    await pa.getByTestId('not-found').waitFor();
    await anon.close();
  });
});
