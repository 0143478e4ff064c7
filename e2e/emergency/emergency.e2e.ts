import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  apiSession,
  DEMO_PASSWORD,
  DESKTOP,
  launchBrowser,
  login,
  newContext,
  PHONE,
  runJobsAt,
  screenshot,
  scrollWidth,
  textOf,
  watchPage,
} from '../harness.ts';
import { stairwellPng } from '../points/png.ts';
import { apiAs } from '../shop/shop-api.ts';

type Unread = { count: number; urgent: number };
type Notice = { id: string; kind: string; title: string; link: string | null; urgent: boolean };
type InboxPage = { items: Notice[]; total: number };
type CaseOut = {
  id: string;
  kind: string;
  timeline: { action: string; note: string | null; at: string }[];
  timers: { kind: string; state: string }[];
};
type Roster = { items: { userId: string; userName: string; onDuty: boolean }[] };

const STAFF = '13900000003';
const GRID = '13900000005';
const LEADER = '13900000010';
const SECRETARY = '13900000011';
const SENTINEL = '13900000012';
const SUBDISTRICT = '13900000002';

/** Shanghai calendar day `days` from today, as YYYY-MM-DD. */
const shanghaiDay = (days = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

/** Picks the on-duty person by typing into the searchable select (Enter takes the one match). */
async function chooseUser(page: Page, name: string) {
  const select = page.locator('.ant-modal').getByTestId('duty-user');
  await select.click();
  await page.keyboard.type(name);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: name })
    .waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
  expect(
    await textOf(page.locator('.ant-modal .ant-select-content, .ant-modal .ant-select-selector').first()),
  ).toContain(name);
}

/** DELETE as a demo user (behind the page's back). */
async function deleteAs(baseURL: string, phone: string, path: string) {
  const res = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: DEMO_PASSWORD }),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return fetch(`${baseURL}${path}`, { method: 'DELETE', headers: { cookie } });
}

/** Types both ends of an antd RangePicker with time (the browser runs in Asia/Shanghai). */
async function fillRange(page: Page, from: string, to: string) {
  const inputs = page.locator('.ant-modal .ant-picker-range input');
  await inputs.nth(0).click();
  await inputs.nth(0).fill(from);
  await inputs.nth(0).press('Enter');
  await inputs.nth(1).fill(to);
  await inputs.nth(1).press('Enter');
}

// 值班表 and 突发事件 (issue 5 item 7): community staff keep the on-duty list; an emergency reported by a
// safety sentinel alerts the front line and whoever is on duty at once; the grid worker acknowledges and
// checks in with a photo in time, so nothing escalates; a second emergency nobody answers escalates to the
// community and the subdistrict exactly once.
describe('emergency: the duty roster, 1分钟响应 and 5分钟到位', () => {
  const baseURL = inject('baseURL');
  const stamp = Date.now().toString(36);
  let browser: Browser;
  let caseId = '';
  let secondId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function signIn(phone: string, viewport = DESKTOP, home: RegExp = /\/(m|admin)(\/.*)?$/) {
    const context = await newContext(browser, baseURL, viewport);
    const page = await context.newPage();
    const watch = watchPage(page);
    await login(page, phone);
    await page.waitForURL(home);
    return { context, page, watch };
  }

  it('community staff put themselves on duty now and add then cancel a shift for the building leader', async () => {
    const { context, page, watch } = await signIn(STAFF, DESKTOP, /\/admin$/);
    await page.goto('/admin/duty-roster');
    // The menu entry (under 事项办理) is the one lit.
    await page.locator('.ant-menu-item-selected', { hasText: '值班表' }).waitFor();
    await page.getByTestId('duty-now').waitFor();
    const table = page.getByTestId('duty-table');
    // The demo rota: 孙社工 by day, 周网格 by night, every day of this week.
    await table.getByText('周网格').first().waitFor();
    expect(await textOf(table)).toContain('孙社工');

    // 孙社工 covers today and tomorrow in full, so whoever reports an emergency now reaches her.
    await page.getByTestId('duty-add').click();
    await page.locator('.ant-modal').waitFor();
    await chooseUser(page, '孙社工');
    await fillRange(page, `${shanghaiDay(0)} 00:00`, `${shanghaiDay(1)} 23:30`);
    await page.locator('.ant-modal input#note').fill(`应急值守 ${stamp}`);
    await screenshot(page, 'duty-add-modal', false);
    const added = page.waitForResponse(
      (r) => r.url().endsWith('/api/cases/duty-roster') && r.request().method() === 'POST',
    );
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    expect((await added).status()).toBe(200);
    const ours = table.locator('tr', { hasText: `应急值守 ${stamp}` });
    await ours.waitFor();
    expect(await textOf(ours)).toContain('在岗');
    expect(await textOf(page.getByTestId('duty-now'))).toContain('孙社工');

    // A shift for 冯楼长 the day after tomorrow, then cancelled after the confirmation.
    await page.getByTestId('duty-add').click();
    await chooseUser(page, '冯楼长');
    await fillRange(page, `${shanghaiDay(2)} 08:00`, `${shanghaiDay(2)} 20:00`);
    await page.locator('.ant-modal input#note').fill(`冯楼长代班 ${stamp}`);
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const his = table.locator('tr', { hasText: `冯楼长代班 ${stamp}` });
    await his.waitFor();
    expect(await textOf(his)).toContain('待上岗');
    await screenshot(page, 'duty-roster');
    await his.getByRole('button', { name: '取消排班' }).click();
    const confirm = page.locator('.ant-popconfirm:visible');
    expect(await textOf(confirm)).toContain('冯楼长');
    const removed = page.waitForResponse(
      (r) => r.url().includes('/api/cases/duty-roster/') && r.request().method() === 'DELETE',
    );
    await confirm.getByRole('button', { name: '取消排班' }).click();
    expect((await removed).status()).toBe(200);
    await his.waitFor({ state: 'detached' });

    // A shift cancelled elsewhere meanwhile: the server's 404 is shown and the row leaves the list.
    await page.getByTestId('duty-add').click();
    await chooseUser(page, '冯楼长');
    await fillRange(page, `${shanghaiDay(3)} 08:00`, `${shanghaiDay(3)} 20:00`);
    await page.locator('.ant-modal input#note').fill(`冯楼长补班 ${stamp}`);
    const addedAgain = page.waitForResponse(
      (r) => r.url().endsWith('/api/cases/duty-roster') && r.request().method() === 'POST',
    );
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const shiftId = ((await (await addedAgain).json()) as { id: string }).id;
    const stale = table.locator('tr', { hasText: `冯楼长补班 ${stamp}` });
    await stale.waitFor();
    expect((await deleteAs(baseURL, STAFF, `/api/cases/duty-roster/${shiftId}`)).status).toBe(200);
    await stale.getByRole('button', { name: '取消排班' }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '取消排班' }).click();
    await page.locator('.ant-message-error', { hasText: '找不到该记录' }).waitFor();
    await stale.waitFor({ state: 'detached' });

    // In English.
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Duty roster' }).waitFor();
    expect(await textOf(table)).toContain('On duty');
    await screenshot(page, 'duty-roster-en', false);
    await page.getByText('中文', { exact: true }).click();
    await page.getByRole('heading', { name: '值班表' }).waitFor();

    // The server agrees: 孙社工 is on duty now.
    const staff = await apiSession(baseURL, STAFF);
    const communityId = staff.me.roles.find((r) => r.role === 'community_staff')?.orgUnitId ?? '';
    const roster = await staff.get<Roster>(`/api/cases/duty-roster?communityId=${communityId}`);
    expect(roster.body.items.some((s) => s.onDuty && s.userName === '孙社工')).toBe(true);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('the sentinel reports an emergency at 幸福家园小区 and follows it on a 375 px phone; the front line and the on-duty staff are alerted', async () => {
    const listeners = await Promise.all([LEADER, SECRETARY, STAFF, GRID].map((p) => apiAs(baseURL, p)));
    for (const who of listeners) expect((await who.post('/api/inbox/read-all', {})).status).toBe(200);

    // Filed over HTTP: the phone report form offers its place from /api/org-units, which a sentinel
    // (no org:read, no household) may not list, so the form cannot be completed on his phone yet.
    // At 1号楼 of his compound, the building 冯楼长 leads and 周网格 covers.
    const sentinel = await apiAs(baseURL, SENTINEL);
    const leader = await apiSession(baseURL, LEADER);
    const building = leader.me.roles.find((r) => r.role === 'building_leader');
    expect(building?.orgUnitName).toBe('1号楼');
    const created = await sentinel.post<CaseOut>('/api/cases', {
      kind: 'emergency',
      categoryCode: 'emergency',
      description: `幸福家园小区1号楼地下车库冒烟（e2e ${stamp}）`,
      photoIds: [],
      orgUnitId: building?.orgUnitId,
    });
    expect(created.status).toBe(200);
    caseId = created.body.id;

    // He follows it on his phone: the alert went out at once.
    const { context, page, watch } = await signIn(SENTINEL, PHONE, /\/m$/);
    await page.goto(`/m/cases/${caseId}`);
    await page.getByTestId('case-timeline').waitFor();
    expect(await textOf(page.getByTestId('case-timeline'))).toMatch(/已通知 \d+ 人/);
    await screenshot(page, 'emergency-phone-sentinel-case');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(watch.errors).toEqual([]);
    await context.close();

    // Everyone on the front line and the staff on duty hold one urgent notice linking to the case.
    for (const [i, who] of listeners.entries()) {
      const unread = await who.get<Unread>('/api/inbox/unread-count');
      expect([i, unread.body.urgent >= 1]).toEqual([i, true]);
      const inbox = await who.get<InboxPage>('/api/inbox?unread=true&pageSize=50');
      const alerts = inbox.body.items.filter((n) => n.link?.endsWith(`/cases/${caseId}`));
      expect(alerts.map((n) => [n.kind, n.urgent])).toEqual([['cases.emergency', true]]);
      expect(alerts[0].title).toContain('【突发事件】');
    }
  });

  it('the grid worker acknowledges from the notice and checks in with a photo; the timeline shows seconds', async () => {
    const { context, page, watch } = await signIn(GRID, PHONE, /\/m$/);
    await page.locator('[data-testid=inbox-bell]:not([data-urgent="0"])').waitFor();
    await page.getByTestId('inbox-bell').click();
    await page.waitForURL(/\/m\/inbox/);
    const notice = page.getByTestId('inbox-item').filter({ hasText: '【突发事件】' }).first();
    await notice.getByTestId('inbox-urgent').waitFor();
    await notice.click();
    await page.waitForURL(new RegExp(`/m/cases/${caseId}$`));

    await page.getByTestId('move-acknowledge').click();
    await page.getByTestId('move-modal').waitFor();
    await page.getByTestId('move-note').fill('收到，马上到场');
    await page.getByTestId('move-submit').click();
    await page.getByTestId('move-modal').waitFor({ state: 'detached' });
    await page.getByTestId('case-timeline').getByText('确认响应').waitFor();

    await page.getByTestId('move-check_in').click();
    await page.getByTestId('move-modal').waitFor();
    const uploaded = page.waitForResponse(
      (r) => r.url().endsWith('/api/files') && r.request().method() === 'POST',
    );
    await page
      .getByTestId('move-modal')
      .locator('input[type=file]')
      .setInputFiles({ name: 'garage.png', mimeType: 'image/png', buffer: stairwellPng() });
    expect((await uploaded).status()).toBe(200);
    await page.locator('.ant-upload-list-item-done').waitFor();
    await page.getByTestId('move-submit').click();
    await page.getByTestId('move-modal').waitFor({ state: 'detached' });
    await page.getByTestId('case-timeline').getByText('到位打卡').waitFor();

    const events = page.getByTestId('case-event');
    for (const label of ['确认响应', '到位打卡']) {
      const text = await textOf(events.filter({ hasText: label }).first());
      expect(text).toContain('周网格');
      expect(text).toMatch(/\d{2}:\d{2}:\d{2}/);
    }
    // Both moves done: nothing is left to press.
    expect(await page.getByTestId('move-acknowledge').count()).toBe(0);
    expect(await page.getByTestId('move-check_in').count()).toBe(0);
    await screenshot(page, 'emergency-phone-case');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

    // Ten minutes on, the scan finds both timers met: no breach, no escalation.
    await runJobsAt(baseURL, new Date(Date.now() + 10 * 60_000));
    const grid = await apiAs(baseURL, GRID);
    const c = (await grid.get<CaseOut>(`/api/cases/${caseId}`)).body;
    const emergencyTimers = (x: CaseOut) =>
      x.timers
        .filter((t) => t.kind === 'respond' || t.kind === 'arrive')
        .map((t) => [t.kind, t.state])
        .sort();
    expect(emergencyTimers(c)).toEqual([
      ['arrive', 'met'],
      ['respond', 'met'],
    ]);
    expect(c.timers.filter((t) => t.state === 'breached')).toEqual([]);
    expect(c.timeline.filter((e) => e.action === 'timer_breached')).toEqual([]);
    await page.reload();
    await page.getByTestId('case-timers').waitFor();
    expect(await textOf(page.getByTestId('case-timers'))).not.toContain('已超时');
    expect(await textOf(page.getByTestId('case-timeline'))).not.toContain('无人');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('the party secretary sees the urgent notice in her phone inbox', async () => {
    const { context, page, watch } = await signIn(SECRETARY, PHONE);
    await page.goto('/m/inbox');
    const notice = page.getByTestId('inbox-item').filter({ hasText: '【突发事件】' }).first();
    await notice.getByTestId('inbox-urgent').waitFor();
    await screenshot(page, 'emergency-phone-inbox');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('an emergency nobody answers escalates to the community and the subdistrict, exactly once', async () => {
    const sentinel = await apiAs(baseURL, SENTINEL);
    const { me } = await apiSession(baseURL, SENTINEL);
    const compound = me.roles.find((r) => r.role === 'safety_sentinel')?.orgUnitId ?? '';
    const reportedAt = Date.now();
    const created = await sentinel.post<CaseOut>('/api/cases', {
      kind: 'emergency',
      categoryCode: 'emergency',
      description: `幸福家园小区3号楼电梯困人（e2e ${stamp}）`,
      photoIds: [],
      orgUnitId: compound,
    });
    expect(created.status).toBe(200);
    secondId = created.body.id;

    const staff = await apiAs(baseURL, STAFF);
    const admin = await apiAs(baseURL, SUBDISTRICT);
    // Start both from an empty badge (the staff on duty were just alerted).
    for (const who of [staff, admin]) expect((await who.post('/api/inbox/read-all', {})).status).toBe(200);
    const overdue = async (who: typeof staff) =>
      (await who.get<InboxPage>('/api/inbox?unread=true&pageSize=50')).body.items.filter(
        (n) => n.link?.endsWith(`/cases/${secondId}`) && n.kind === 'cases.emergency_overdue',
      );

    // Two minutes on: 1分钟响应 has passed unanswered (5分钟到位 has not yet).
    const at = new Date(reportedAt + 2 * 60_000);
    await runJobsAt(baseURL, at);
    const counts = [];
    for (const who of [staff, admin]) {
      const notices = await overdue(who);
      expect(notices.map((n) => n.urgent)).toEqual([true]);
      expect(notices[0].title).toContain('无人响应');
      const unread = (await who.get<Unread>('/api/inbox/unread-count')).body;
      expect(unread.urgent).toBeGreaterThanOrEqual(1);
      counts.push(unread);
    }
    const c = (await staff.get<CaseOut>(`/api/cases/${secondId}`)).body;
    // 1分钟响应 breached; 5分钟到位 not yet due (the 网格核实 timer of every report runs on too).
    expect(c.timers.filter((t) => t.state === 'breached').map((t) => t.kind)).toEqual(['respond']);
    expect(c.timers.find((t) => t.kind === 'arrive')?.state).toBe('pending');

    // Again at the same moment: nothing new.
    await runJobsAt(baseURL, at);
    for (const [i, who] of [staff, admin].entries()) {
      expect(await overdue(who)).toHaveLength(1);
      expect((await who.get<Unread>('/api/inbox/unread-count')).body).toEqual(counts[i]);
    }
    const again = (await staff.get<CaseOut>(`/api/cases/${secondId}`)).body;
    expect(again.timeline.filter((e) => e.action === 'timer_breached')).toHaveLength(1);

    // The subdistrict admin's badge shows it; the case page shows the breach with its seconds.
    const { context, page, watch } = await signIn(SUBDISTRICT, DESKTOP, /\/admin$/);
    await page.locator(`[data-testid=inbox-bell][data-unread="${counts[1].count}"]`).waitFor();
    expect(Number(await page.getByTestId('inbox-bell').getAttribute('data-urgent'))).toBe(counts[1].urgent);
    await page.goto('/admin/inbox');
    const notice = page.getByTestId('inbox-item').filter({ hasText: '无人响应' }).first();
    await notice.getByTestId('inbox-urgent').waitFor();
    await screenshot(page, 'emergency-desktop-inbox');
    await notice.click();
    await page.waitForURL(new RegExp(`/admin/cases/${secondId}$`));
    const breach = page.getByTestId('case-event').filter({ hasText: '无人响应' });
    await breach.waitFor();
    expect(await breach.count()).toBe(1);
    expect(await textOf(breach)).toContain('已上报社区和街道');
    expect(await textOf(breach)).toMatch(/\d{2}:\d{2}:\d{2}/);
    expect(await textOf(page.getByTestId('case-timers'))).toContain('已超时');
    await screenshot(page, 'emergency-desktop-case-breached');
    expect(watch.errors).toEqual([]);
    await context.close();

    // The same case on the staff's phone, 375 px wide.
    const phone = await signIn(STAFF, PHONE);
    await phone.page.goto(`/m/cases/${secondId}`);
    await phone.page.getByTestId('case-event').filter({ hasText: '无人响应' }).waitFor();
    await screenshot(phone.page, 'emergency-phone-case-breached');
    expect(await scrollWidth(phone.page)).toBeLessThanOrEqual(PHONE.width);
    expect(phone.watch.errors).toEqual([]);
    await phone.context.close();
  });
});
