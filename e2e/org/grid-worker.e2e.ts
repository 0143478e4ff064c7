import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  launchBrowser,
  login,
  newContext,
  PHONE,
  screenshot,
  scrollWidth,
  textOf,
  watchPage,
} from '../harness.ts';

// The grid worker of community A works on a phone: search households in the grid, open one, and
// switch to the desktop shell and back.
describe('grid worker on a phone', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: { errors: string[] };

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, baseURL, PHONE);
    page = await context.newPage();
    watch = watchPage(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('searches households in scope and opens one', async () => {
    await login(page, '13900000005');
    await page.waitForURL(/\/m$/);
    await page.getByText('辖区住户').waitFor();
    const search = page.getByTestId('phone-search').locator('input');
    await search.fill('0007');
    await search.press('Enter');
    const item = page.locator('.ant-list-item', { hasText: '田志明' });
    await item.waitFor();
    await screenshot(page, 'grid-worker-search');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await item.click();
    await page.waitForURL(/\/m\/households\/[0-9a-f-]{36}$/);
    expect(await textOf(page.getByTestId('phone-household'))).toContain('1单元 302');
    await screenshot(page, 'grid-worker-household');
  });

  it('switches to the desktop shell and back', async () => {
    await page.getByTestId('to-desktop').click();
    await page.waitForURL(/\/admin$/);
    await page.getByTestId('to-phone').waitFor();
    await page.getByTestId('to-phone').click();
    await page.waitForURL(/\/m$/);
    await page.getByText('辖区住户').waitFor();
    expect(watch.errors).toEqual([]);
  });
});
