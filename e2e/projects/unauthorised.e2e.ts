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
  textOf,
} from '../harness.ts';

// Who may not: a grid worker has no project pages; community B's staff never see community A's
// project (not found, not forbidden); a plan still in draft has no public page.
describe('projects: unauthorised', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  let projectA = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    const staff = await apiSession(baseURL, '13900000003');
    const list = await staff.get<{ items: { id: string }[] }>('/api/projects?pageSize=1');
    projectA = list.body.items[0].id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the grid worker is told the weekly board is not theirs', async () => {
    const context = await newContext(browser, baseURL, PHONE);
    const page = await context.newPage();
    await login(page, '13900000005');
    await page.waitForURL(/\/m$/);
    await page.goto('/admin/projects/weekly');
    const forbidden = page.getByTestId('forbidden');
    await forbidden.waitFor();
    expect(await textOf(forbidden)).toContain('没有权限');
    await context.close();
  });

  it("community B's staff get not found for community A's project", async () => {
    const context = await newContext(browser, baseURL, DESKTOP);
    const page = await context.newPage();
    await login(page, '13900000004');
    await page.waitForURL(/\/admin/);
    await page.goto(`/admin/projects/${projectA}`);
    await page.getByTestId('not-found').waitFor();
    await screenshot(page, 'projects-community-b-project-a');
    await context.close();
  });

  it('the public pages answer not found for what is not public', async () => {
    const res = await fetch(`${baseURL}/api/public/plans/00000000-0000-4000-8000-000000000000`);
    expect(res.status).toBe(404);
    const context = await newContext(browser, baseURL, PHONE);
    const page = await context.newPage();
    await page.goto('/board/plans/00000000-0000-4000-8000-000000000000');
    await page.getByTestId('not-found').waitFor();
    await context.close();
  });
});
