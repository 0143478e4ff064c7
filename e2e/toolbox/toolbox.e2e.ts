import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiSession,
  launchBrowser,
  login,
  newContext,
  PHONE,
  screenshot,
  textOf,
  watchPage,
} from '../harness.ts';

// 共享工具箱 in the browser: 孙社工 lends a 铝合金人字梯 to 田志明 at the desk, 田志明 sees it under
// 我借的工具 on his phone, 孙社工 takes it back (confirming first), and the ladder's history shows both.

describe('toolbox: lend a ladder, the borrower sees it, take it back, the history shows both', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  let desk: Page;
  let phone: Page;
  let deskErrors: string[];
  let phoneErrors: string[];
  let ladderId = '';
  beforeAll(async () => {
    browser = await launchBrowser();
    desk = await (await newContext(browser, baseURL)).newPage();
    deskErrors = watchPage(desk).errors;
    phone = await (await newContext(browser, baseURL, PHONE)).newPage();
    phoneErrors = watchPage(phone).errors;
    const staff = await apiSession(baseURL, '13900000003');
    const tools = await staff.get<{ items: { id: string; name: string }[] }>(
      '/api/toolbox/tools?q=铝合金人字梯',
    );
    ladderId = tools.body.items[0].id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('staff lend the ladder to 田志明 from the tools page', async () => {
    await login(desk, '13900000003');
    await desk.waitForURL(/\/admin/);
    await desk.getByRole('menuitem', { name: '工具管理' }).click();
    await desk.waitForURL(/\/admin\/toolbox$/);
    await desk.getByTestId('tools-table').locator('.ant-table-row').first().waitFor();
    await desk.getByTestId('toolbox-figures').locator('.ant-statistic').first().waitFor();
    await screenshot(desk, 'toolbox-tools');
    await desk.getByTestId('add-tool').click();
    const form = desk.locator('.ant-modal', { hasText: '添加工具' });
    await form.getByTestId('tool-name').waitFor();
    await screenshot(desk, 'toolbox-tool-form', false);
    await form.getByRole('button', { name: /取\s*消/ }).click();
    await form.waitFor({ state: 'hidden' });
    await desk.getByTestId('tool-search').locator('input').fill('不存在的工具');
    await desk.getByTestId('tool-search').locator('input').press('Enter');
    await desk.getByTestId('tools-table').getByText('没有符合条件的工具').waitFor();
    await screenshot(desk, 'toolbox-tools-empty', false);
    await desk.getByTestId('tool-search').locator('input').fill('人字梯');
    await desk.getByTestId('tool-search').locator('input').press('Enter');
    const row = desk.locator('.ant-table-row', { hasText: '铝合金人字梯' });
    await row.waitFor();
    expect(await textOf(row)).toContain('3/3 可借');
    await row.getByTestId('lend-tool').click();
    const modal = desk.locator('.ant-modal', { hasText: '借出「铝合金人字梯」' });
    await modal.waitFor();
    // Pick the borrower: type, wait for the option, take it; retry if the pick is lost under load.
    for (let attempt = 0; attempt < 3; attempt++) {
      await modal.locator('.ant-select').first().click();
      await desk.keyboard.type('田志明');
      const option = desk.locator('.ant-select-dropdown:visible .ant-select-item-option', {
        hasText: '田志明',
      });
      await option.first().waitFor();
      await option.first().click();
      if ((await textOf(modal.locator('.ant-select').first())).includes('田志明')) break;
    }
    await screenshot(desk, 'toolbox-lend-dialog', false);
    await modal.getByRole('button', { name: /确认借出/ }).click();
    await desk.getByText(/已借出给田志明/).waitFor();
    await row.getByText('2/3 可借').waitFor();
  });

  it('田志明 sees the ladder under 我借的工具 on his phone, with its due date', async () => {
    await login(phone, '13900000007');
    await phone.waitForURL(/\/m/);
    await phone.getByTestId('tile-my-loans').waitFor();
    await screenshot(phone, 'toolbox-phone-home');
    await phone.getByTestId('tile-my-loans').click();
    await phone.waitForURL(/\/m\/toolbox\/loans/);
    const card = phone.getByTestId('my-loan').filter({ hasText: '铝合金人字梯' });
    await card.waitFor();
    expect(await textOf(card)).toMatch(/请于 \d{4}-\d{2}-\d{2} 前归还/);
    await screenshot(phone, 'toolbox-phone-my-loans');
    await phone.goto('/m/toolbox');
    await phone.getByTestId('phone-tool').first().waitFor();
    const ladder = phone.getByTestId('phone-tool').filter({ hasText: '铝合金人字梯' });
    expect(await textOf(ladder)).toContain('2/3 可借');
    expect(await textOf(ladder)).toContain('领取地点');
    await screenshot(phone, 'toolbox-phone-catalogue');
  });

  it('staff take it back, confirming first, and the history shows the loan and the return', async () => {
    await desk.goto('/admin/toolbox/loans?state=out&q=人字梯');
    const row = desk.locator('.ant-table-row', { hasText: '田志明' });
    await row.waitFor();
    await row.getByTestId('return-loan').click();
    const confirm = desk.locator('.ant-modal-confirm');
    await confirm.waitFor();
    expect(await textOf(confirm)).toContain('确认归还「铝合金人字梯」');
    await screenshot(desk, 'toolbox-return-confirm', false);
    await confirm.getByRole('button', { name: /归\s*还/ }).click();
    await desk.getByText('已归还').first().waitFor();
    await row.waitFor({ state: 'detached' });

    await desk.goto(`/admin/toolbox/tools/${ladderId}`);
    const history = desk.getByTestId('loans-table');
    const first = history.locator('.ant-table-row').first();
    await first.waitFor();
    expect(await textOf(first)).toContain('田志明');
    expect(await textOf(first)).toContain('已归还');
    await first.locator('.ant-table-row-expand-icon').click();
    const timeline = history.locator('.ant-timeline');
    await timeline.waitFor();
    expect(await textOf(timeline)).toMatch(/借出[\s\S]*归还/);
    await screenshot(desk, 'toolbox-tool-history');

    await desk.goto('/admin/toolbox/loans?state=overdue');
    await desk.locator('.ant-table-row').first().waitFor();
    await screenshot(desk, 'toolbox-loans-overdue');
    expect(deskErrors).toEqual([]);
    expect(phoneErrors).toEqual([]);
  });

  it('staff of another community cannot see the ladder; the borrower keeps the history', async () => {
    const other = await apiSession(baseURL, '13900000004');
    expect((await other.get(`/api/toolbox/tools/${ladderId}`)).status).toBe(404);
    await phone.goto('/m/toolbox/loans');
    await phone.getByTestId('my-loans-history').filter({ hasText: '铝合金人字梯' }).waitFor();
  });
});
