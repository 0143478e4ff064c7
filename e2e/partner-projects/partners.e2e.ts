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

// 幸福家园合伙人 in the browser: a resident of 幸福家园小区 (13900000014) applies on the phone with a
// talent, 孙社工 approves at the desk, the new partner proposes a summer art class, 孙社工 approves
// it, and another resident (13900000015) joins it on the phone; the desk sees the participant.

const TITLE = '少儿暑期美术班';

describe('partners: register, approve, propose a summer art class, approve it, a neighbour joins', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  let desk: Page;
  let partnerPhone: Page;
  let neighbourPhone: Page;
  const errors: string[][] = [];
  let partnerName = '';
  let neighbourName = '';
  let projectId = '';
  beforeAll(async () => {
    browser = await launchBrowser();
    desk = await (await newContext(browser, baseURL)).newPage();
    partnerPhone = await (await newContext(browser, baseURL, PHONE)).newPage();
    neighbourPhone = await (await newContext(browser, baseURL, PHONE)).newPage();
    for (const p of [desk, partnerPhone, neighbourPhone]) errors.push(watchPage(p).errors);
    partnerName = (await apiSession(baseURL, '13900000014')).me.user.displayName;
    neighbourName = (await apiSession(baseURL, '13900000015')).me.user.displayName;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a resident applies on the phone with a talent and an intro', async () => {
    await login(partnerPhone, '13900000014');
    await partnerPhone.waitForURL(/\/m/);
    await partnerPhone.getByTestId('tile-partner').waitFor();
    await screenshot(partnerPhone, 'partners-phone-home');
    await partnerPhone.getByTestId('tile-partner').click();
    await partnerPhone.waitForURL(/\/m\/partner-projects\/partner$/);
    const form = partnerPhone.getByTestId('partner-form');
    await form.waitFor();
    await screenshot(partnerPhone, 'partners-phone-register');
    await form.getByLabel('绘画').check();
    await form.getByLabel('手工编织').check();
    await partnerPhone.getByTestId('partner-intro').fill('美院毕业，暑假想给小区孩子上美术课。');
    await partnerPhone.getByTestId('partner-submit').click();
    await partnerPhone.getByTestId('my-partner').getByText('审核中').waitFor();
    await screenshot(partnerPhone, 'partners-phone-pending');
  });

  it('staff approve the application from the partners list', async () => {
    await login(desk, '13900000003');
    await desk.waitForURL(/\/admin/);
    await desk.getByRole('menuitem', { name: '幸福家园合伙人' }).click();
    await desk.waitForURL(/\/admin\/community-partners/);
    await desk.getByTestId('partners-table').locator('.ant-table-row').first().waitFor();
    await screenshot(desk, 'partners-desk-list');
    // The reason dialog of a suspension, then cancelled: nothing is suspended without a reason.
    const approvedRow = desk.locator('.ant-table-row', { has: desk.getByTestId('partner-suspend') }).first();
    await approvedRow.getByTestId('partner-suspend').click();
    const dialog = desk.locator('.ant-modal', { hasText: '暂停合伙人资格' });
    await dialog.waitFor();
    await screenshot(desk, 'partners-desk-suspend-dialog', false);
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await desk.getByTestId('partner-search').locator('input').fill(partnerName);
    await desk.getByTestId('partner-search').locator('input').press('Enter');
    const row = desk.locator('.ant-table-row', { hasText: partnerName });
    await row.getByText('审核中').waitFor();
    await row.getByTestId('partner-approve').click();
    await row.getByText('已通过').waitFor();
  });

  it('the new partner proposes a summer art class on the phone', async () => {
    await partnerPhone.reload();
    await partnerPhone.getByTestId('my-partner').getByText('已通过').waitFor();
    await partnerPhone.getByTestId('go-propose').click();
    await partnerPhone.waitForURL(/\/m\/partner-projects\/propose$/);
    await partnerPhone.getByTestId('project-title').fill(TITLE);
    for (let attempt = 0; attempt < 3; attempt++) {
      await partnerPhone.getByTestId('project-kind').click();
      const option = partnerPhone.locator('.ant-select-dropdown:visible .ant-select-item-option', {
        hasText: '美术',
      });
      await option.first().waitFor();
      await option.first().click();
      if ((await textOf(partnerPhone.getByTestId('project-kind'))).includes('美术')) break;
    }
    await partnerPhone.getByTestId('project-target').fill('6–12 岁儿童');
    await partnerPhone
      .locator('[data-testid="project-capacity"] input, input[data-testid="project-capacity"]')
      .first()
      .fill('15');
    await screenshot(partnerPhone, 'partners-phone-propose');
    await partnerPhone.getByTestId('propose-submit').click();
    await partnerPhone.waitForURL(/\/m\/partner-projects\/[0-9a-f-]{36}$/);
    projectId = partnerPhone.url().split('/').pop() ?? '';
    await partnerPhone.getByTestId('phone-project-detail').getByText('待审核').waitFor();
    await screenshot(partnerPhone, 'partners-phone-project-proposed');
  });

  it('staff find it in the projects list and approve it on its page', async () => {
    await desk.getByRole('menuitem', { name: '合作项目' }).click();
    await desk.waitForURL(/\/admin\/partner-projects$/);
    await desk.getByTestId('partner-figures').locator('.ant-statistic').first().waitFor();
    await desk.getByTestId('projects-table').locator('.ant-table-row').first().waitFor();
    await screenshot(desk, 'partners-desk-projects');
    // A search that finds nothing says so.
    await desk.getByTestId('project-search').locator('input').fill('不存在的项目');
    await desk.getByTestId('project-search').locator('input').press('Enter');
    await desk.getByTestId('projects-table').getByText('没有符合条件的项目').waitFor();
    await screenshot(desk, 'partners-desk-projects-empty', false);
    await desk.getByTestId('project-search').locator('input').fill(TITLE);
    await desk.getByTestId('project-search').locator('input').press('Enter');
    await desk.locator('.ant-table-row', { hasText: TITLE }).getByRole('link', { name: TITLE }).click();
    await desk.waitForURL(new RegExp(`/admin/partner-projects/${projectId}$`));
    await desk.getByTestId('move-approve').click();
    await desk.getByTestId('confirm-ok').click();
    await desk.getByTestId('project-history').getByText('审核通过').waitFor();
    expect(await textOf(desk.getByTestId('project-state').first())).toBe('已通过');
  });

  it('another resident joins it on the phone; the desk sees them among the participants', async () => {
    await login(neighbourPhone, '13900000015');
    await neighbourPhone.waitForURL(/\/m/);
    await neighbourPhone.getByTestId('tile-partner-projects').click();
    await neighbourPhone.waitForURL(/\/m\/partner-projects$/);
    await neighbourPhone.getByTestId('phone-project').first().waitFor();
    await screenshot(neighbourPhone, 'partners-phone-projects');
    // Nothing joined yet: the "mine" tab says so.
    await neighbourPhone.getByText('我参与的').click();
    await neighbourPhone.getByText('您还没有参加合作项目').waitFor();
    await screenshot(neighbourPhone, 'partners-phone-mine-empty', false);
    await neighbourPhone.getByText('全部项目').click();
    await neighbourPhone.getByTestId('phone-project').first().waitFor();
    await neighbourPhone.getByTestId('phone-project').filter({ hasText: TITLE }).click();
    await neighbourPhone.waitForURL(new RegExp(`/m/partner-projects/${projectId}$`));
    await neighbourPhone.getByText('剩 15 个名额').waitFor();
    await neighbourPhone.getByTestId('join').click();
    await neighbourPhone.getByText('剩 14 个名额').waitFor();
    await neighbourPhone.getByTestId('leave').waitFor();
    await screenshot(neighbourPhone, 'partners-phone-project-joined');
    // The lead sees who joined.
    await partnerPhone.reload();
    await partnerPhone.getByTestId('participant').filter({ hasText: neighbourName }).waitFor();
    await desk.reload();
    await desk.getByTestId('participants-table').getByText(neighbourName).waitFor();
    await screenshot(desk, 'partners-desk-project');
  });

  it('out of scope: staff of another community get not-found; a resident has no desk page', async () => {
    const other = await (await newContext(browser, baseURL)).newPage();
    errors.push(watchPage(other).errors);
    await login(other, '13900000004');
    await other.waitForURL(/\/admin/);
    await other.goto(`/admin/partner-projects/${projectId}`);
    await other.getByTestId('not-found').waitFor();
    const resident = await (await newContext(browser, baseURL)).newPage();
    await login(resident, '13900000007');
    await resident.waitForURL(/\/m/);
    await resident.goto('/admin/community-partners');
    await resident.getByText('没有权限').first().waitFor();
    await screenshot(resident, 'partners-desk-resident-no-access');
    for (const e of errors) expect(e).toEqual([]);
  });
});
