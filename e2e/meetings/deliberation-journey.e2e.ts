import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
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

// 议事 to done, in the browser: 陈书记 (幸福家园小区党支部) schedules a council meeting, puts an open
// parking case on its agenda from the agenda builder, and puts it to a vote with a participation
// quorum among the council's members; three households (田先生 and two other council members) vote
// on their phones; the motion closes when its time is up (the scheduler, run by the test hook) and
// is published; the meeting cites the result in a decision that becomes a task; the task is done;
// the minutes are approved by someone else; the public outcome page shows the decision done.

const TITLE = '幸福家园小区议事会（东门停车专题）';
const CASE_TEXT = '小区东门外每晚有车辆乱停，堵住出入口';
const MOTION = '东门外夜间停车整治方案';
const VOTERS = ['13900000007', '13900000014', '13900000015'];

async function apiClient(baseURL: string, phone: string) {
  const res = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${phone}: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
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
  return {
    get: <T>(p: string) => call<T>('GET', p),
    post: <T>(p: string, b?: unknown) => call<T>('POST', p, b ?? {}),
  };
}

/** "YYYY-MM-DD HH:mm" in Asia/Shanghai, days from now. */
function shanghai(daysAhead: number, hhmm: string): string {
  const d = new Date(Date.now() + daysAhead * 86_400_000 + 8 * 3_600_000);
  return `${d.toISOString().slice(0, 10)} ${hhmm}`;
}

const okButton = (page: Page) =>
  page
    .locator('.ant-modal-confirm, .ant-modal')
    .last()
    .getByRole('button', { name: /确\s*定|OK/ });

async function inputOf(l: Locator): Promise<Locator> {
  return (await l.evaluate((e) => e.tagName)) === 'INPUT' ? l : l.locator('input');
}

describe('deliberation: a council meeting on a parking case, a vote with a quorum, to a done task in public', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  let meetingId = '';
  let motionId = '';
  beforeAll(async () => {
    browser = await launchBrowser();
    // An open parking case of 幸福家园小区, filed by 田先生 and checked by the grid worker.
    const tian = await apiClient(baseURL, '13900000007');
    const grid = await apiClient(baseURL, '13900000005');
    const staff = await apiClient(baseURL, '13900000003');
    const me = await tian.get<{ roles: { role: string; orgUnitId: string }[] }>('/api/auth/me');
    const building = me.roles.find((r) => r.role === 'resident')!.orgUnitId;
    const c = await tian.post<{ id: string }>('/api/cases', {
      kind: 'demand',
      categoryCode: 'parking',
      description: CASE_TEXT,
      orgUnitId: building,
    });
    await grid.post(`/api/cases/${c.id}/transitions`, { action: 'check_valid', note: '属实' });
    await staff.post(`/api/cases/${c.id}/transitions`, { action: 'classify', level: 'compound' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('陈书记 schedules the council, builds the agenda from the open case and puts it to a vote', async () => {
    const context = await newContext(browser, baseURL, DESKTOP);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await login(page, '13900000011');
    await page.waitForURL(/\/admin$/);
    await page.goto('/admin/meetings');
    await page.getByTestId('schedule').click();
    const dialog = page.getByRole('dialog');
    // Under load a pick or a typed time can be lost while a popup animates: fill the form, submit, and
    // if the page did not move on to the new meeting, fill it again (a second submit creates nothing
    // twice: only a valid form submits, and a valid submit navigates away).
    for (let attempt = 0; ; attempt++) {
      await dialog.getByTestId('schedule-body').click();
      await page
        .locator('.ant-select-dropdown')
        .getByText('幸福家园小区议事会（幸福家园小区）', { exact: true })
        .click();
      await dialog.getByTestId('schedule-title').fill(TITLE);
      const range = dialog.locator('.ant-picker-range input');
      await range.nth(0).click();
      await range.nth(0).fill(shanghai(1, '19:00'));
      await range.nth(0).press('Enter');
      await range.nth(1).fill(shanghai(1, '21:00'));
      await range.nth(1).press('Enter');
      await screenshot(page, 'deliberation-schedule-form', false);
      await okButton(page).click();
      const moved = await page
        .waitForURL(/\/admin\/meetings\/[0-9a-f-]{36}$/, { timeout: 15_000 })
        .then(() => true)
        .catch(() => false);
      if (moved) break;
      if (attempt === 2) throw new Error('the schedule form did not submit');
    }
    meetingId = page.url().split('/').pop()!;

    // The agenda builder lists the compound's open cases: the parking case goes on the agenda.
    await page.getByTestId('pick-case').click();
    const row = page.getByTestId('open-cases').locator('tr').filter({ hasText: CASE_TEXT });
    await row.getByTestId('pick').click();
    const item = page.getByTestId('agenda').locator('.ant-list-item').filter({ hasText: CASE_TEXT });
    await item.waitFor();
    await page.getByTestId('move-start').click();
    await page.getByTestId('meeting-state').filter({ hasText: '进行中' }).waitFor();

    // 发起表决 on the item: the council's members vote, a third of them must take part.
    await item.getByTestId('propose-motion').click();
    const form = page.getByRole('dialog');
    await form.getByTestId('motion-title').fill(MOTION);
    expect(await textOf(form.getByTestId('motion-rule'))).toContain('参与率门槛');
    await form.getByTestId('motion-members').getByText('田志明').waitFor();
    await (await inputOf(form.getByTestId('quorum-q'))).fill('3');
    await screenshot(page, 'deliberation-propose-motion', false);
    await form.getByTestId('motion-save').click();
    const motion = page.getByTestId('meeting-motion').filter({ hasText: MOTION });
    await motion.getByTestId('motion-state').filter({ hasText: '草拟中' }).waitFor();
    await motion.getByTestId('motion-move-open').click();
    await okButton(page).click();
    await motion.getByTestId('motion-state').filter({ hasText: '投票中' }).waitFor();
    expect(await textOf(motion.getByTestId('motion-turnout'))).toMatch(/已投 0\/\d+/);
    const link = await motion.getByRole('link', { name: MOTION }).getAttribute('href');
    motionId = link!.split('/').pop()!;
    expect(errors).toEqual([]);
    await context.close();
  });

  it('three households vote on their phones', async () => {
    for (const phone of VOTERS) {
      const context = await newContext(browser, baseURL, PHONE);
      const page = await context.newPage();
      const { errors } = watchPage(page);
      await login(page, phone);
      await page.waitForURL(/\/m$/);
      await page.goto('/m/votes');
      await page.getByTestId('open-motions').getByTestId('motion-card').filter({ hasText: MOTION }).click();
      await page.getByTestId('ballot-form').getByText('同意', { exact: true }).click();
      await page.getByTestId('ballot-submit').click();
      await page.getByTestId('ballot-confirm').click();
      await page.getByTestId('ballot-voted').waitFor();
      if (phone === VOTERS[2]) {
        await screenshot(page, 'deliberation-phone-voted');
        expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
      }
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('the motion closes with the quorum reached, is published, cited in a decision whose task is done', async () => {
    const secretary = await apiClient(baseURL, '13900000011');
    const m = await secretary.get<{ closesAt: string; state: string }>(`/api/votes/${motionId}`);
    expect(m.state).toBe('open');
    // The scheduler closes the motion once its time is up.
    await runJobsAt(baseURL, new Date(new Date(m.closesAt).getTime() + 60_000));

    const context = await newContext(browser, baseURL, DESKTOP);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await login(page, '13900000011');
    await page.waitForURL(/\/admin$/);
    await page.goto(`/admin/meetings/${meetingId}`);
    const motion = page.getByTestId('meeting-motion').filter({ hasText: MOTION });
    await motion.getByTestId('motion-state').filter({ hasText: '已计票' }).waitFor();
    await motion.getByTestId('motion-move-publish').click();
    await okButton(page).click();
    await motion.getByTestId('motion-state').filter({ hasText: '已公布' }).waitFor();
    const result = await textOf(motion.getByTestId('motion-result'));
    expect(result).toContain('通过：「同意」');
    expect(result).toContain('同意 3');
    const r = await secretary.get<{
      outcome: string;
      cast: number;
      checks: { key: string; passed: boolean }[];
    }>(`/api/votes/${motionId}/results`);
    expect([r.outcome, r.cast]).toEqual(['carried', 3]);
    expect(r.checks.find((c) => c.key === 'participation')?.passed).toBe(true);
    await screenshot(page, 'deliberation-meeting-motions');

    // The decision cites the published result and becomes a task with an owner and a deadline.
    await motion.getByTestId('cite-result').click();
    const text = page.getByTestId('decision-text');
    expect(await text.inputValue()).toContain(`经表决「${MOTION}」`);
    await text.press('End');
    await text.pressSequentially(' 物业在东门外划设临时停车位并安排夜间巡查。');
    await page.getByTestId('decision-owner').fill('王建国');
    await page.getByTestId('decision-due').click();
    await page.keyboard.type('2026-12-20');
    await page.keyboard.press('Enter');
    const decision = page.getByTestId('decisions').locator('.ant-list-item').filter({ hasText: MOTION });
    await decision.waitFor();
    await decision.getByTestId('complete-task').click();
    await page.getByTestId('task-result').fill('临时停车位已划设，巡查排班已公示');
    await okButton(page).click();
    await decision.getByText('临时停车位已划设，巡查排班已公示').waitFor();

    // The minutes: drafted by 陈书记, approved by someone else.
    await page.getByTestId('move-end').click();
    await page.getByTestId('minutes-text').fill('议事会就东门停车进行表决，议定由物业划设临时停车位。');
    await page.getByTestId('save-minutes').click();
    await page.getByText('起草：陈书记').waitFor();
    expect(errors).toEqual([]);
    await context.close();

    const staffCtx = await newContext(browser, baseURL, DESKTOP);
    const staffPage = await staffCtx.newPage();
    const watched = watchPage(staffPage);
    await login(staffPage, '13900000003');
    await staffPage.waitForURL(/\/admin$/);
    await staffPage.goto(`/admin/meetings/${meetingId}`);
    await staffPage.getByTestId('move-approve_minutes').click();
    await staffPage.getByTestId('meeting-state').filter({ hasText: '纪要已审定' }).waitFor();
    expect(watched.errors).toEqual([]);
    await staffCtx.close();
  });

  it('the public outcome page shows the decision and its done task, names masked', async () => {
    const context = await newContext(browser, baseURL, PHONE);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await page.goto(`/board/meetings/${meetingId}`);
    await page.getByTestId('public-outcome').waitFor();
    const text = await textOf(page.getByTestId('public-decisions'));
    expect(text).toContain(`经表决「${MOTION}」`);
    expect(text).toContain('已完成');
    expect(text).toContain('王*国');
    expect(text).not.toContain('王建国');
    await screenshot(page, 'deliberation-public-outcome');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(errors).toEqual([]);
    await context.close();
  });
});
