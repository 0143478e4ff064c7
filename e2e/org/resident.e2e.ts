import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiSession,
  launchBrowser,
  login,
  newContext,
  PHONE,
  screenshot,
  scrollWidth,
  textOf,
  watchPage,
} from '../harness.ts';

type Household = { id: string; buildingId: string; address: string };

// The resident 田先生 on a 375 px phone: sees his own household, and a neighbour's reads "not found".
describe('resident on a phone', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: { errors: string[] };
  let own: Household;
  let neighbour: Household;

  beforeAll(async () => {
    // Look up his household and one next door (same building) as community staff, behind the UI.
    const resident = await apiSession(baseURL, '13900000007');
    const ownId = resident.me.roles.find((r) => r.role === 'resident')?.householdId ?? '';
    const staff = await apiSession(baseURL, '13900000003');
    own = (await staff.get<Household>(`/api/households/${ownId}`)).body;
    const sameBuilding = await staff.get<{ items: Household[] }>(
      `/api/households?orgUnitId=${own.buildingId}&pageSize=5`,
    );
    neighbour = sameBuilding.body.items.find((h) => h.id !== own.id)!;
    expect(neighbour).toBeDefined();

    browser = await launchBrowser();
    context = await newContext(browser, baseURL, PHONE);
    page = await context.newPage();
    watch = watchPage(page);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lands on the phone shell and sees 我的家', async () => {
    await login(page, '13900000007');
    await page.waitForURL(/\/m$/);
    await page.getByText('我的家').first().waitFor();
    const card = page.getByTestId('phone-household');
    await card.waitFor();
    expect(await textOf(card)).toContain(own.address);
    await page.getByText('田志明').first().waitFor();
    await screenshot(page, 'resident-home');
    // Usable at 375 px: nothing wider than the screen.
    const width = await scrollWidth(page);
    expect(width).toBeLessThanOrEqual(PHONE.width);
  });

  it("shows not found for a neighbour's household, which the API answers with 404", async () => {
    const response = page.waitForResponse((r) => r.url().endsWith(`/api/households/${neighbour.id}`));
    await page.goto(`/m/households/${neighbour.id}`);
    expect((await response).status()).toBe(404);
    const notFound = page.getByTestId('not-found');
    await notFound.waitFor();
    expect(await textOf(notFound)).toContain('找不到该住户');
    expect(await page.content()).not.toContain(neighbour.address);
    await screenshot(page, 'resident-neighbour-not-found');
  });

  it('switches to English and keeps the choice after a reload', async () => {
    await page.goto('/m');
    await page.getByTestId('phone-household').waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByText('My home').first().waitFor();
    await page.reload();
    await page.getByText('My home').first().waitFor();
    await screenshot(page, 'resident-home-en');
    const width = await scrollWidth(page);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    expect(watch.errors).toEqual([]);
  });
});
