import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, login, newContext, screenshot, textOf, watchPage } from '../harness.ts';

// The district admin walks every page of the admin shell: each must load its data (no error state,
// no uncaught error) and render in Chinese. Also: the org tree, and revealing an ID number with a reason.
describe('district admin pages', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: { errors: string[] };

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newContext(browser, baseURL);
    page = await context.newPage();
    watch = watchPage(page);
    await login(page, '13900000001');
    await page.waitForURL(/\/admin$/);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const listPages = [
    { menu: '住户', path: 'households', shot: 'admin-households' },
    { menu: '居民', path: 'persons', shot: 'admin-persons' },
    { menu: '党组织', path: 'party-orgs', shot: 'admin-party-orgs' },
    { menu: '网格', path: 'grids', shot: 'admin-grids' },
    { menu: '职能部门', path: 'departments', shot: 'admin-departments' },
    { menu: '共建单位', path: 'partner-units', shot: 'admin-partner-units' },
    { menu: '审计日志', path: 'audit', shot: 'admin-audit' },
    { menu: '账号', path: 'users', shot: 'admin-users' },
  ];

  for (const p of listPages) {
    it(`opens ${p.menu} with rows`, async () => {
      // By the item's text alone: 居民 is also the start of 居民公约 (积分管理).
      await page
        .getByRole('menuitem')
        .filter({ hasText: new RegExp(`^${p.menu}$`) })
        .click();
      await page.waitForURL(new RegExp(`/admin/${p.path}`));
      // Navigations are transitions: the old page stays on screen until the new one has loaded.
      await page.getByRole('heading', { name: p.menu, exact: true }).waitFor();
      await page.locator('.ant-table-row').first().waitFor();
      expect(await page.locator('.ant-result').count()).toBe(0);
      await screenshot(page, p.shot);
    });
  }

  it('disables and re-enables an account, confirming first', async () => {
    await page.goto('/admin/users?q=13900000006');
    const row = page.locator('.ant-table-row', { hasText: '13900000006' });
    await row.getByRole('button', { name: /停\s*用/ }).click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    expect(await textOf(confirm)).toContain('退出所有设备');
    await confirm.getByRole('button', { name: /停\s*用/ }).click();
    await row.getByText('已停用').waitFor();
    await row.getByRole('button', { name: /启\s*用/ }).click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /启\s*用/ })
      .click();
    await row.getByText('正常').waitFor();
  });

  it('browses the org tree down to a building', async () => {
    await page.getByRole('menuitem', { name: '组织架构' }).click();
    await page.waitForURL(/\/admin\/org-units/);
    const tree = page.getByTestId('org-tree');
    await tree.locator('.ant-tree-treenode').first().waitFor();
    // Open the first node of each level by clicking the rows of the right-hand children table.
    await tree.locator('.ant-tree-node-content-wrapper').first().click();
    for (let level = 0; level < 3; level++) {
      const child = page.locator('.ant-table-row').first();
      await child.waitFor();
      await child.click();
      await page.waitForURL(/\/admin\/org-units\/[0-9a-f-]{36}$/);
      await page.waitForTimeout(300);
    }
    const trail = await textOf(page.getByTestId('org-trail'));
    expect(trail.split('/').length).toBeGreaterThanOrEqual(4);
    await page.getByText('住户数').first().waitFor();
    await screenshot(page, 'admin-org-tree');
  });

  it('opens a party organisation', async () => {
    await page.getByRole('menuitem', { name: '党组织' }).click();
    await page.locator('a[href^="/admin/party-orgs/"]').first().click();
    await page.waitForURL(/\/admin\/party-orgs\/[0-9a-f-]{36}$/);
    await page.getByText('下级党组织').first().waitFor();
    await screenshot(page, 'admin-party-org');
  });

  it('reveals an ID number only with a reason, and the reveal is audited', async () => {
    await page.goto('/admin/persons?q=%E7%94%B0%E5%BF%97%E6%98%8E'); // 田志明
    await page.locator('.ant-table-row a').first().click();
    await page.waitForURL(/\/admin\/persons\/[0-9a-f-]{36}$/);
    const masked = await textOf(page.getByTestId('masked-id'));
    expect(masked).toMatch(/\*{8}/);
    await page.getByTestId('reveal-id').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('查看事由').waitFor();
    // Under load the first click can land while the modal is still animating in: click until the
    // empty reason is refused (the refusal itself is what this step checks).
    const refusal = dialog.getByText('请填写查看事由（至少 4 个字）');
    await expect
      .poll(
        async () => {
          await dialog.getByRole('button', { name: '确认查看' }).click();
          return refusal.isVisible();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(true);
    await dialog.getByLabel('查看事由').fill('核对低保申请材料');
    const reveal = page.waitForResponse((r) => r.url().endsWith('/reveal-id'));
    await dialog.getByRole('button', { name: '确认查看' }).click();
    expect((await reveal).status()).toBe(200);
    const full = await textOf(dialog.getByTestId('revealed-id'));
    expect(full).toMatch(/^\d{17}[\dX]$/);
    expect(full.slice(0, 6)).toBe(masked.slice(0, 6));
    await screenshot(page, 'admin-reveal-id', false);
    await dialog.getByRole('button', { name: '关闭' }).click();
    await page.getByText('核对低保申请材料').first().waitFor();
    expect(watch.errors).toEqual([]);
  });
});
