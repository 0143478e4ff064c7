import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { launchBrowser, login, newContext, screenshot, scrollWidth, textOf, watchPage } from '../harness.ts';

// Open311 接入: community staff register an outside system, hand over its key (shown once), the
// system files a case with it over real HTTP, and staff revoke the key after a confirmation.
describe('open311: staff manage API clients; a client files with its key', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('creates a client, shows the key once, the key files a request, and revoking stops it', async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    const watch = watchPage(page);
    await login(page, '13900000003');
    await page.waitForURL(/\/admin$/);
    await page.goto('/admin/open311/clients');
    await page.getByRole('menuitem', { name: 'Open311 接入' }).waitFor();
    await page.getByRole('button', { name: '新建接入系统' }).click();
    const dialog = page.getByRole('dialog');
    const name = `随手拍 e2e ${Date.now().toString(36)}`;
    await dialog.getByLabel('系统名称').fill(name);
    await dialog.locator('.ant-select').click();
    await page.locator('.ant-select-tree-title', { hasText: '春熙社区' }).first().click();
    await screenshot(page, 'open311-create', false);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();

    const key = page.getByTestId('open311-key');
    await key.waitFor();
    const apiKey = (await textOf(key)).trim();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /复\s*制$/ })
      .click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /已复制$/ })
      .waitFor();
    expect(apiKey).toMatch(/^o311_[A-Za-z0-9_-]{43}$/);
    await screenshot(page, 'open311-key-once', false);
    await page.getByRole('button', { name: '我已保存密钥' }).click();
    const row = page.locator('tr', { hasText: name });
    await row.waitFor();
    expect(await textOf(row)).toContain('有效');
    expect(await textOf(row)).toContain(apiKey.slice(0, 11));
    expect(await page.content()).not.toContain(apiKey);

    // The outside system files a case with the key, and reads it back in XML without one.
    const form = new URLSearchParams({
      api_key: apiKey,
      service_code: 'damaged_road',
      'attribute[kind]': 'hazard',
      lat: '36.65',
      long: '117.12',
      description: '小区南门路面塌陷（e2e）',
    });
    const posted = await fetch(`${baseURL}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(posted.status).toBe(200);
    const [{ service_request_id: id }] = (await posted.json()) as { service_request_id: string }[];
    const xml = await (await fetch(`${baseURL}/open311/v2/requests/${id}.xml`)).text();
    expect(xml).toContain(`<service_request_id>${id}</service_request_id>`);
    expect(xml).toContain('<status>open</status>');

    await page.reload();
    await row.waitFor();
    expect(await textOf(row.locator('td').nth(3))).toBe('1');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(1440);
    await screenshot(page, 'open311-clients');

    await row.getByRole('button', { name: '吊销' }).click();
    const confirm = page.locator('.ant-popconfirm');
    await confirm.waitFor();
    expect(await textOf(confirm)).toContain(name);
    await screenshot(page, 'open311-revoke-confirm', false);
    await confirm.getByRole('button', { name: /^吊\s*销$/ }).click();
    await page.locator('tr', { hasText: name }).getByText('已吊销').waitFor();
    expect(await row.getByRole('button', { name: '吊销' }).count()).toBe(0);

    const refused = await fetch(`${baseURL}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual([{ code: 403, description: expect.any(String) }]);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('a grid worker has no Open311 menu entry and the page refuses them', async () => {
    const context = await newContext(browser, baseURL);
    const page = await context.newPage();
    await login(page, '13900000005');
    await page.waitForURL(/\/(admin|m)$/);
    await page.goto('/admin/open311/clients');
    await page.getByText('没有权限').first().waitFor();
    expect(await page.getByRole('menuitem', { name: 'Open311 接入' }).count()).toBe(0);
    await context.close();
  });
});
