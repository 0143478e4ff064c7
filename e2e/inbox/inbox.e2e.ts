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
import { apiAs } from '../shop/shop-api.ts';

type Unread = { count: number; urgent: number };
type InboxPage = {
  items: { id: string; kind: string; title: string; link: string | null; readAt: string | null }[];
};

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

// 站内通知: 田志明's suggestion goes back to him for more detail, then the committee turns it down;
// both moments reach his phone through real HTTP calls. (A rejection, not an approval: the points
// journey after this file counts on his balance and the month's posting as seeded.)
describe('inbox: a resident hears what happened to his claim', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  let claimId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    const tian = await apiAs(baseURL, '13900000007');
    const grid = await apiAs(baseURL, '13900000005');
    const committee = await apiAs(baseURL, '13900000006');
    // Start from an empty badge, whatever earlier journeys left him.
    expect((await tian.post('/api/inbox/read-all', {})).status).toBe(200);

    const declared = await tian.post<{ id: string }>('/api/points/claims', {
      ruleCode: 'C06',
      quantity: 1,
      deedDate: today(),
      description: `建议在小区门口增设快递柜（e2e ${Date.now().toString(36)}）`,
    });
    expect(declared.status).toBe(200);
    claimId = declared.body.id;
    const move = async (who: typeof tian, action: string, note?: string) => {
      const res = await who.post(`/api/points/claims/${claimId}/transitions`, { action, note });
      expect([action, res.status]).toEqual([action, 200]);
    };
    await move(grid, 'ask_more', '请补充具体位置');
    await move(tian, 'resubmit', '小区南门东侧空地');
    await move(grid, 'check_pass');
    await move(committee, 'reject', '与上月已采纳的建议重复');
    expect((await tian.get<Unread>('/api/inbox/unread-count')).body).toEqual({ count: 2, urgent: 0 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the badge on his phone; the inbox lists both first, newest first; opening one reads it and opens the claim', async () => {
    const context = await newContext(browser, baseURL, PHONE);
    const page = await context.newPage();
    const watch = watchPage(page);
    await login(page, '13900000007');
    await page.waitForURL(/\/m$/);
    const bell = page.getByTestId('inbox-bell');
    await page.locator('[data-testid=inbox-bell][data-unread="2"]').waitFor();
    expect(await textOf(page.getByTestId('inbox-badge'))).toContain('2');
    await screenshot(page, 'inbox-phone-home-badge', false);

    await bell.click();
    await page.waitForURL(/\/m\/inbox$/);
    const items = page.getByTestId('inbox-item');
    await items.first().waitFor();
    // Whatever the demo's history left him is read; his two new notices lead the list, unread.
    expect(await page.locator('[data-testid=inbox-item][data-unread="true"]').count()).toBe(2);
    expect(await textOf(items.nth(0))).toContain('未通过社区评议');
    expect(await textOf(items.nth(0))).toContain('与上月已采纳的建议重复');
    expect(await textOf(items.nth(1))).toContain('需要补充材料');
    expect(await items.nth(0).getAttribute('data-unread')).toBe('true');
    // Unread titles are bold.
    const boldTitle = (n: number) => items.nth(n).locator('[data-testid=inbox-title] strong').count();
    expect([await boldTitle(0), await boldTitle(1)]).toEqual([1, 1]);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'inbox-phone-list');

    await items.nth(0).click();
    await page.waitForURL(new RegExp(`/m/points/claims/${claimId}$`));
    await page.locator('[data-testid=inbox-bell][data-unread="1"]').waitFor();

    await page.goBack();
    await page.waitForURL(/\/m\/inbox$/);
    await items.first().waitFor();
    expect(await page.locator('[data-testid=inbox-item][data-unread="true"]').count()).toBe(1);
    const opened = items.filter({ hasText: '未通过社区评议' }).first();
    expect(await opened.getAttribute('data-unread')).toBe('false');
    expect(await opened.locator('[data-testid=inbox-title] strong').count()).toBe(0);

    // Only unread, then mark all read: the badge goes and the filtered list is empty.
    await page.getByTestId('inbox-filter').getByText('未读').click();
    await page.waitForURL(/show=unread/);
    // The read ones leave the list once the filtered page arrives.
    await page
      .locator('[data-testid=inbox-item][data-unread="false"]')
      .first()
      .waitFor({ state: 'detached' });
    expect(await page.getByTestId('inbox-item').count()).toBe(1);
    await page.getByTestId('inbox-read-all').click();
    await page.getByText('没有未读消息').waitFor();
    await page.locator('[data-testid=inbox-bell][data-unread="0"]').waitFor();
    await screenshot(page, 'inbox-phone-empty-unread');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it("keeps his notices to himself: the committee's desktop inbox has none of them", async () => {
    const context = await newContext(browser, baseURL, DESKTOP);
    const page = await context.newPage();
    const watch = watchPage(page);
    await login(page, '13900000006');
    await page.waitForURL(/\/admin$/);
    await page.getByRole('menuitem', { name: '消息通知' }).click();
    await page.waitForURL(/\/admin\/inbox$/);
    await page.getByTestId('inbox-list').waitFor();
    const committee = await apiAs(baseURL, '13900000006');
    const own = await committee.get<InboxPage>('/api/inbox?pageSize=200');
    expect(own.body.items.filter((n) => n.link?.includes(claimId))).toEqual([]);
    for (const title of ['未通过社区评议', '需要补充材料'])
      expect(await page.getByTestId('inbox-item').filter({ hasText: title }).count()).toBe(0);
    // His notice id is not hers to read.
    const tian = await apiAs(baseURL, '13900000007');
    const [his] = (await tian.get<InboxPage>('/api/inbox')).body.items;
    expect((await committee.post(`/api/inbox/${his.id}/read`, {})).status).toBe(404);
    await screenshot(page, 'inbox-desktop');
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
