import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  DEMO_PASSWORD,
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

// 议事 in the browser: 幸福家园小区议事会 meets on 田先生's parking case. Staff put the case on the
// agenda from the open cases of the compound and open the session; 田先生 checks in on his phone with
// the rotating code; the meeting dispatches the case and sets a task; the minutes are drafted and
// approved by someone else; the task is completed; the public outcome page shows it, names masked.
// (The vote on the motion is H8's journey, e2e/votes.)

type Client = {
  get: <T>(p: string) => Promise<T>;
  post: <T>(p: string, body?: unknown) => Promise<T>;
  userId: string;
};
async function client(baseURL: string, phone: string): Promise<Client> {
  const res = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${phone}: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const me = (await res.json()) as { user: { id: string } };
  const call = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${baseURL}${p}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${text}`);
    return JSON.parse(text) as T;
  };
  return { get: (p) => call('GET', p), post: (p, b) => call('POST', p, b ?? {}), userId: me.user.id };
}

describe('meetings: a compound council on a parking case, to the public outcome', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  let staff: Client;
  let meetingId = '';
  let caseId = '';
  beforeAll(async () => {
    browser = await launchBrowser();
    staff = await client(baseURL, '13900000003');
    const tian = await client(baseURL, '13900000007');
    const grid = await client(baseURL, '13900000005');
    const me = await tian.get<{ roles: { role: string; orgUnitId: string }[] }>('/api/auth/me');
    const building = me.roles.find((r) => r.role === 'resident')!.orgUnitId;
    const c = await tian.post<{ id: string }>('/api/cases', {
      kind: 'demand',
      categoryCode: 'parking',
      description: '夜间有车辆长期占用3号楼消防通道',
      orgUnitId: building,
    });
    caseId = c.id;
    await grid.post(`/api/cases/${caseId}/transitions`, { action: 'check_valid', note: '属实' });
    await staff.post(`/api/cases/${caseId}/transitions`, { action: 'classify', level: 'compound' });
    const list = await staff.get<{ items: { id: string; title: string; state: string }[] }>(
      '/api/meetings?state=scheduled&pageSize=100',
    );
    meetingId = list.items.find((m) => m.title.startsWith('幸福家园小区议事会'))!.id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('staff build the agenda from open cases and open the session', async () => {
    const context = await newContext(browser, baseURL, DESKTOP);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await login(page, '13900000003');
    await page.waitForURL(/\/admin$/);
    await page.getByRole('menuitem', { name: '议事会议' }).click();
    await page.waitForURL(/\/admin\/meetings$/);
    await page.getByTestId('meetings-table').getByText('幸福家园小区议事会（12月）').first().waitFor();
    await screenshot(page, 'meetings-desktop-list');

    await page.goto(`/admin/meetings/${meetingId}`);
    await page.getByTestId('agenda').waitFor();
    await page.getByTestId('pick-case').click();
    const row = page.getByTestId('open-cases').locator('tr').filter({ hasText: '占用3号楼消防通道' });
    await row.waitFor();
    await screenshot(page, 'meetings-desktop-case-picker', false);
    await row.getByTestId('pick').click();
    await page.getByTestId('agenda').getByText('停车难、乱停车：夜间有车辆长期占用3号楼消防通道').waitFor();
    await page.getByTestId('move-start').click();
    await page.getByTestId('meeting-state').filter({ hasText: '进行中' }).waitFor();
    await page.getByTestId('show-code').click();
    await page.getByTestId('checkin-code-text').waitFor();
    expect(await textOf(page.getByTestId('checkin-code-text'))).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    await screenshot(page, 'meetings-desktop-code', false);
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('田先生 finds the meeting on his phone and checks in with the code of the moment', async () => {
    const context = await newContext(browser, baseURL, PHONE);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await login(page, '13900000007');
    await page.waitForURL(/\/m$/);
    await page.getByTestId('tile-meetings').click();
    await page.getByTestId('my-meetings').getByText('幸福家园小区议事会（12月）').first().click();
    await page.getByTestId('phone-meeting').waitFor();
    await screenshot(page, 'meetings-phone-meeting');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await page.getByTestId('go-check-in').click();
    await page.getByTestId('checkin-input').fill('ABCDEFGH');
    await page.getByTestId('checkin-submit').click();
    expect(await textOf(page.getByTestId('checkin-error'))).toContain('签到码无效');
    const { code } = await staff.get<{ code: string }>(`/api/meetings/${meetingId}/checkin-code`);
    await page.getByTestId('checkin-input').fill(code);
    await page.getByTestId('checkin-submit').click();
    await page.getByTestId('checkin-done').waitFor();
    expect(await textOf(page.getByTestId('checkin-done'))).toContain('签到成功');
    await screenshot(page, 'meetings-phone-checked-in');
    await page.goto('/m/meetings');
    await page.getByTestId('my-meetings').waitFor();
    await screenshot(page, 'meetings-phone-list');
    expect(errors).toEqual([]);
    await context.close();

    // The organiser's phone at the door: the rotating QR and its code.
    const organiser = await newContext(browser, baseURL, PHONE);
    const door = await organiser.newPage();
    const watched = watchPage(door);
    await login(door, '13900000003');
    await door.waitForURL(/\/admin$/);
    await door.goto(`/m/meetings/${meetingId}/code`);
    await door.getByTestId('checkin-code-text').waitFor();
    expect(await textOf(door.getByTestId('checkin-code-text'))).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    await screenshot(door, 'meetings-phone-code');
    expect(await scrollWidth(door)).toBeLessThanOrEqual(PHONE.width);
    expect(watched.errors).toEqual([]);
    await organiser.close();
  });

  it('the meeting decides, the minutes are approved by another, the task is done, the outcome is public', async () => {
    const context = await newContext(browser, baseURL, DESKTOP);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await login(page, '13900000003');
    await page.waitForURL(/\/admin$/);
    await page.goto(`/admin/meetings/${meetingId}`);
    await page.getByTestId('agenda').waitFor();
    // The case is dispatched by the meeting (through the cases module), the task recorded on the page.
    const m = await staff.get<{ agenda: { id: string; caseId: string | null }[] }>(
      `/api/meetings/${meetingId}`,
    );
    await staff.post(`/api/meetings/${meetingId}/decisions`, {
      kind: 'dispatch_case',
      agendaItemId: m.agenda.find((a) => a.caseId === caseId)!.id,
      text: '物业在消防通道设置隔离桩，夜间巡查',
      assignee: { type: 'property_company', name: '幸福物业服务中心' },
    });
    await page.reload();
    await page.getByTestId('decision-text').fill('停车整治：公示方案并征求意见');
    await page.getByTestId('decision-owner').fill('王建国');
    await page.getByTestId('decision-due').click();
    await page.keyboard.type('2026-12-20');
    // Enter takes the typed date and submits the form.
    await page.keyboard.press('Enter');
    await page.getByTestId('decisions').getByText('停车整治：公示方案并征求意见').waitFor();
    await screenshot(page, 'meetings-desktop-decisions');

    await page.getByTestId('move-end').click();
    await page.getByTestId('minutes-text').fill('到会成员讨论停车问题，议定：物业设置隔离桩；公示整治方案。');
    await page.getByTestId('save-minutes').click();
    await page.getByText('起草：孙社工').waitFor();
    // The drafter has no approve button; someone else approves.
    expect(await page.getByTestId('move-approve_minutes').count()).toBe(0);
    await screenshot(page, 'meetings-desktop-minutes');
    const subdistrict = await client(baseURL, '13900000002');
    await subdistrict.post(`/api/meetings/${meetingId}/transitions`, { action: 'approve_minutes' });

    await page.getByRole('menuitem', { name: '会议任务' }).click();
    await page.waitForURL(/\/admin\/meeting-tasks/);
    await page.getByTestId('tasks-table').waitFor();
    // The open tasks, all on one page (the demo year leaves some open).
    await page.goto('/admin/meeting-tasks?state=open&pageSize=200');
    const task = page
      .getByTestId('tasks-table')
      .locator('tr')
      .filter({ hasText: '停车整治：公示方案并征求意见' });
    await task.getByRole('button', { name: /办\s*结/ }).click();
    await page.getByRole('dialog').locator('textarea').fill('方案已在议事长廊公示，居民无异议');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    // Done: it leaves the open list, and the meeting's task list has it with its result.
    await task.waitFor({ state: 'detached' });
    const done = await staff.get<{ items: { title: string; state: string; result: string | null }[] }>(
      `/api/meetings/tasks?meetingId=${meetingId}`,
    );
    expect(done.items.map((x) => [x.title, x.state, x.result])).toEqual([
      ['停车整治：公示方案并征求意见', 'done', '方案已在议事长廊公示，居民无异议'],
    ]);
    await page.getByTestId('overdue-only').click();
    await page.getByTestId('tasks-table').waitFor();
    await screenshot(page, 'meetings-desktop-tasks-overdue');

    for (const [menu, testId, name] of [
      ['议事主体', 'bodies-table', 'meetings-desktop-bodies'],
      ['议事统计', 'meeting-figures', 'meetings-desktop-figures'],
      ['服务场所', 'venues-table', 'meetings-desktop-venues'],
    ] as const) {
      await page.getByRole('menuitem', { name: menu }).click();
      await page.getByTestId(testId).waitFor();
      await screenshot(page, name);
    }
    expect(errors).toEqual([]);
    await context.close();

    const pub = await newContext(browser, baseURL, PHONE);
    const p: Page = await pub.newPage();
    const watched = watchPage(p);
    await p.goto(`/board/meetings/${meetingId}`);
    await p.getByTestId('public-outcome').waitFor();
    const text = await textOf(p.getByTestId('public-decisions'));
    expect(text).toContain('已派单');
    expect(text).toContain('已完成');
    expect(text).toContain('王*国');
    expect(text).not.toContain('王建国');
    await screenshot(p, 'meetings-public-outcome');
    expect(await scrollWidth(p)).toBeLessThanOrEqual(PHONE.width);
    expect(watched.errors).toEqual([]);
    await pub.close();
  });
});
