import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  DESKTOP,
  launchBrowser,
  login,
  newContext,
  PHONE,
  screenshot,
  scrollWidth,
  textOf,
  watchPage,
} from '../harness.ts';

// Votes in the browser: 田志明 votes for his household on the phone (and his household is then shown
// as voted); community staff see the motions, enter a paper ballot for another household, and read
// the art. 278 result with its thresholds.
describe('votes: the phone ballot and the desktop pages', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('田志明 votes on 幸福家园 parking on his phone, once', async () => {
    const context = await newContext(browser, baseURL, PHONE);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await login(page, '13900000007');
    await page.waitForURL(/\/m$/);
    await page.getByTestId('tile-votes').click();
    await page.waitForURL(/\/m\/votes$/);
    const card = page
      .getByTestId('open-motions')
      .getByTestId('motion-card')
      .filter({ hasText: '幸福家园小区停车' });
    await card.waitFor();
    expect(await textOf(card)).toContain('请投票');
    await page.getByTestId('published-motions').waitFor();
    await screenshot(page, 'votes-phone-list');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

    await card.click();
    await page.getByTestId('ballot-form').waitFor();
    await page.getByTestId('ballot-form').getByText('同意', { exact: true }).click();
    await screenshot(page, 'votes-phone-ballot');
    await page.getByTestId('ballot-submit').click();
    await page.getByRole('dialog').waitFor();
    await screenshot(page, 'votes-phone-confirm', false);
    await page.getByTestId('ballot-confirm').click();
    const voted = page.getByTestId('ballot-voted');
    await voted.waitFor();
    expect(await textOf(voted)).toContain('您家的选择：同意');
    await screenshot(page, 'votes-phone-voted');

    // A published art. 278 result, secret: tallies and thresholds, no choice of anyone.
    await page.goto('/m/votes');
    await page
      .getByTestId('published-motions')
      .getByTestId('motion-card')
      .filter({ hasText: '电梯' })
      .click();
    await page.getByTestId('vote-result').waitFor();
    expect(await page.getByTestId('rule-check').count()).toBe(4);
    await screenshot(page, 'votes-phone-result');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('staff list the motions, enter a paper ballot and read the art. 278 result', async () => {
    const context = await newContext(browser, baseURL, DESKTOP);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await login(page, '13900000003');
    await page.waitForURL(/\/admin$/);
    await page.getByRole('menuitem', { name: '民主表决' }).click();
    await page.waitForURL(/\/admin\/votes$/);
    await page
      .getByTestId('motions-table')
      .locator('.ant-table-row', { hasText: '幸福家园小区停车' })
      .waitFor();
    await screenshot(page, 'votes-desktop-list');

    await page.getByTestId('motion-create').click();
    await page.getByRole('dialog').getByTestId('motion-title').fill('3号楼加装电动车充电桩');
    await page.getByTestId('motion-rule').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '重大事项' })
      .click();
    await screenshot(page, 'votes-desktop-create', false);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    await page
      .getByTestId('motions-table')
      .locator('.ant-table-row', { hasText: '幸福家园小区停车' })
      .getByRole('link')
      .click();
    await page.waitForURL(/\/admin\/votes\/[0-9a-f-]+$/);
    await page.getByTestId('elector-search').locator('input').fill('2号楼 1单元 101');
    await page.getByTestId('elector-search').locator('input').press('Enter');
    const enter = page.getByTestId('paper-enter').first();
    await enter.waitFor();
    await enter.click();
    await page.getByRole('dialog').getByText('反对').click();
    await page.getByTestId('paper-save').click();
    await page.getByText('已录入').first().waitFor();
    await page.getByText('已投票 · 纸质票').first().waitFor();
    await screenshot(page, 'votes-desktop-paper');

    await page.goto('/admin/votes');
    await page
      .getByTestId('motions-table')
      .locator('.ant-table-row', { hasText: '电梯' })
      .getByRole('link')
      .click();
    await page.getByTestId('vote-result').waitFor();
    const checks = await page.getByTestId('rule-check').allTextContents();
    expect(checks[0]).toMatch(/参与业主人数.*≥ 2\/3/);
    expect(checks[3]).toMatch(/同意面积.*㎡.*≥ 3\/4/);
    await screenshot(page, 'votes-desktop-result');
    const href = await page.getByTestId('public-link').getAttribute('href');
    expect(errors).toEqual([]);
    await context.close();

    // The public result page, with no session: tallies and thresholds only.
    const anon = await newContext(browser, baseURL, PHONE);
    const pub = await anon.newPage();
    await pub.goto(href ?? '');
    await pub.getByTestId('vote-result').waitFor();
    expect(await textOf(pub.getByTestId('public-vote-title'))).toContain('电梯');
    await screenshot(pub, 'votes-public-result');
    await anon.close();
  });
});
