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

/** A signed-in JSON client for the steps the journey does not walk through the UI. */
async function apiAs(baseURL: string, phone: string) {
  const res = await fetch(`${baseURL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${phone}: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const call = async <T>(method: string, p: string, body?: unknown) => {
    const r = await fetch(`${baseURL}${p}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await r.json()) as T;
    if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    get: <T>(p: string) => call<T>('GET', p),
    post: <T>(p: string, b: unknown) => call<T>('POST', p, b),
  };
}

/** Only the postings jobs, as of `at`: the other journeys' votes and cases stay as they are. */
async function runPostings(baseURL: string, at: Date) {
  const res = await fetch(`${baseURL}/api/test/run-jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ at: at.toISOString(), jobs: ['postings'] }),
  });
  if (!res.ok) throw new Error(`run-jobs: ${res.status} ${await res.text()}`);
  return (await res.json()) as { published: number; closed: number; credited: number };
}

/** The first day of the month `k` months after `d`, 01:00 in Shanghai. */
function monthTurn(d: Date, k: number): Date {
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
  const [y, m] = ymd.split('-').map(Number);
  const total = y * 12 + (m - 1) + k;
  const yy = Math.floor(total / 12);
  const mm = String((total % 12) + 1).padStart(2, '0');
  return new Date(`${yy}-${mm}-01T01:00:00+08:00`);
}

// The journey: a resident volunteer (13900000014) signs up for a clinic session on the phone,
// checks in and out with the codes on the organiser's phone, the organiser confirms an hour on the
// desktop, the C05 claim appears in 我的时长与积分 and in the committee's queue, the committee approves
// it, and when the posting closes on the test clock the 5 points are in the volunteer's account.
describe('volunteers: a clinic session from sign-up to points', () => {
  const baseURL = inject('baseURL');
  const title = `健康义诊志愿服务（e2e ${Date.now().toString(36)}）`;
  let browser: Browser;
  let activityId = '';
  let claimId = '';
  let balanceBefore = 0;

  beforeAll(async () => {
    browser = await launchBrowser();
    // The organiser (孙社工) opens a session that started five minutes ago and lasts an hour.
    const staff = await apiAs(baseURL, '13900000003');
    const units = await staff.get<{ items: { id: string; name: string }[] }>('/api/org-units?q=春熙社区');
    const community = units.items.find((u) => u.name === '春熙社区')!;
    const venues = await staff.get<{ items: { id: string; name: string }[] }>(
      `/api/venues?orgUnitId=${community.id}`,
    );
    const venue = venues.items.find((v) => v.name.includes('党群服务中心')) ?? venues.items[0];
    const startsAt = new Date(Date.now() - 5 * 60_000);
    const a = await staff.post<{ id: string }>('/api/volunteers/activities', {
      title,
      kind: 'health_clinic',
      orgUnitId: community.id,
      organiser: { kind: 'venue', id: venue.id },
      place: '党群服务中心一楼大厅',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3600_000).toISOString(),
      capacity: 5,
      // Volunteers may still join once the session has begun.
      signupDeadline: new Date(startsAt.getTime() + 3600_000).toISOString(),
      description: '社区卫生服务站医生坐诊，志愿者协助登记、测量血压与引导。',
    });
    activityId = a.id;
    const me = await (await apiAs(baseURL, '13900000014')).get<{ balance: number }>('/api/points/me');
    balanceBefore = me.balance;
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function signIn(phone: string, viewport = DESKTOP) {
    const context = await newContext(browser, baseURL, viewport);
    const page = await context.newPage();
    const watch = watchPage(page);
    await login(page, phone);
    await page.waitForURL(/\/(m|admin)$/);
    return { context, page, watch };
  }
  async function phoneFits(page: Page) {
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
  }

  it('the volunteer finds the session on the phone, signs up, checks in and out with the organiser’s codes', async () => {
    const volunteer = await signIn('13900000014', PHONE);
    const organiser = await signIn('13900000003', PHONE);
    const v = volunteer.page;
    const o = organiser.page;

    await v.goto('/m');
    await v.getByTestId('tile-activities').click();
    await v.waitForURL(/\/m\/activities$/);
    const row = v.getByTestId('activity-row').filter({ hasText: title });
    await row.waitFor();
    expect(await textOf(row)).toContain('剩余 5 个名额');
    await screenshot(v, 'activities-phone-list');
    await phoneFits(v);
    await row.click();
    await v.waitForURL(new RegExp(`/m/activities/${activityId}$`));
    await v.getByTestId('activity-title').filter({ hasText: title }).waitFor();
    await screenshot(v, 'activities-phone-detail');
    await phoneFits(v);
    await v.getByTestId('activity-signup').click();
    await v.getByTestId('my-signup').getByText('已报名').waitFor();
    await v.getByTestId('activity-places').filter({ hasText: '1/5' }).waitFor();
    await screenshot(v, 'activities-phone-signed-up');

    // The organiser's phone shows the rotating check-in code.
    await o.goto(`/m/activities/${activityId}`);
    await o.getByTestId('activity-show-code').click();
    await o.waitForURL(new RegExp(`/m/activities/${activityId}/code$`));
    const codeText = o.getByTestId('activity-code-text');
    await codeText.waitFor();
    await o.getByTestId('activity-code-counts').filter({ hasText: '已报名 1 人' }).waitFor();
    await screenshot(o, 'activities-phone-organiser-code');
    await phoneFits(o);

    // A made-up code is refused; the one on the organiser's screen is accepted.
    await v.getByTestId('activity-checkin').click();
    await v.waitForURL(/\/scan\?purpose=checkin$/);
    await v.getByTestId('scan-input').fill('ABCD2345');
    await v.getByTestId('scan-submit').click();
    await v.getByTestId('scan-error').filter({ hasText: '签到码无效' }).waitFor();
    await v.getByTestId('scan-input').fill(await textOf(codeText));
    await screenshot(v, 'activities-phone-scan');
    await phoneFits(v);
    await v.getByTestId('scan-submit').click();
    await v.getByTestId('scan-done').getByText('签到成功').waitFor();
    await o.getByTestId('activity-code-counts').filter({ hasText: '已签到 1 人' }).waitFor();

    // Check-out with the check-out code (a check-in code would not do).
    await o.getByTestId('code-purpose').getByText('签退码').click();
    await o.getByTestId('activity-code').getByText('签退码').waitFor();
    await v.goto(`/m/activities/${activityId}`);
    await v.getByTestId('activity-checkout').click();
    await v.waitForURL(/\/scan\?purpose=checkout$/);
    // The code may rotate between reading and typing: read it again until the server takes it.
    for (let i = 0; i < 3; i++) {
      await v.getByTestId('scan-input').fill(await textOf(o.getByTestId('activity-code-text')));
      await v.getByTestId('scan-submit').click();
      const done = v.getByTestId('scan-done');
      const failed = v.getByTestId('scan-error');
      await done.or(failed).first().waitFor();
      if (await done.isVisible()) break;
    }
    await v.getByTestId('scan-done').getByText('签退成功').waitFor();
    await o.getByTestId('activity-code-counts').filter({ hasText: '已签退 1 人' }).waitFor();
    await screenshot(o, 'activities-phone-organiser-checkout-code');
    expect(volunteer.watch.errors).toEqual([]);
    expect(organiser.watch.errors).toEqual([]);
    await volunteer.context.close();
    await organiser.context.close();
  });

  it('the organiser confirms an hour on the desktop: one C05 claim, checked', async () => {
    const { context, page, watch } = await signIn('13900000003');
    await page.goto('/admin/activities');
    await page.getByTestId('activities-search').locator('input').fill(title);
    await page.getByTestId('activities-search').locator('input').press('Enter');
    const link = page.getByTestId('activities-table').getByRole('link', { name: title });
    await link.waitFor();
    await screenshot(page, 'activities-desktop-list');
    await link.click();
    await page.waitForURL(new RegExp(`/admin/activities/${activityId}$`));
    const table = page.getByTestId('attendance-table');
    await table.waitFor();
    const minutes = table.locator('.ant-table-row').first().locator('input.ant-input-number-input');
    await minutes.fill('60');
    await minutes.press('Tab');
    await screenshot(page, 'activities-desktop-attendance');
    await page.getByTestId('attendance-confirm').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    const confirmed = page.waitForResponse((r) =>
      r.url().endsWith(`/api/volunteers/activities/${activityId}/attendance`),
    );
    await confirm.getByTestId('attendance-ok').click();
    const res = await confirmed;
    expect(res.status()).toBe(200);
    expect((await res.json()).state).toBe('finished');
    await page.getByTestId('attendance-confirmed').waitFor();
    await page.getByTestId('signups-table').getByText('到场').waitFor();
    await screenshot(page, 'activities-desktop-confirmed');
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('the claim shows in 我的时长与积分 and the committee approves it', async () => {
    const volunteer = await signIn('13900000014', PHONE);
    await volunteer.page.goto('/m');
    await volunteer.page.getByTestId('tile-activity-hours').click();
    await volunteer.page.waitForURL(/\/m\/activities\/hours$/);
    const row = volunteer.page.getByTestId('hours-row').filter({ hasText: title });
    await row.waitFor();
    await row.getByTestId('claim-state').waitFor();
    expect(await textOf(row)).toContain('5 分');
    expect(await textOf(row)).toContain('1 小时');
    await screenshot(volunteer.page, 'activities-phone-hours');
    await phoneFits(volunteer.page);
    const href = await row.getAttribute('href');
    claimId = href!.split('/').pop()!;
    expect(volunteer.watch.errors).toEqual([]);
    await volunteer.context.close();

    const committee = await signIn('13900000006');
    await committee.page.getByRole('menuitem', { name: '待评议' }).click();
    await committee.page.waitForURL(/\/admin\/points\/review$/);
    const queued = committee.page.locator('.ant-table-row', { hasText: title });
    await queued.waitFor();
    await queued.getByRole('checkbox').check();
    await committee.page.getByTestId('batch-approve').filter({ hasText: '1' }).waitFor();
    await committee.page.getByTestId('batch-approve').click();
    const dialog = committee.page.locator('.ant-modal-confirm');
    await dialog.waitFor();
    const approved = committee.page.waitForResponse((r) =>
      r.url().endsWith('/api/points/claims/batch-approve'),
    );
    await dialog.getByRole('button', { name: '批量通过' }).click();
    expect(await (await approved).json()).toEqual({ approved: [claimId], failed: [] });
    expect(committee.watch.errors).toEqual([]);
    await committee.context.close();
  });

  it('after the posting closes on the test clock, the 5 points are in the volunteer’s account', async () => {
    const committee = await apiAs(baseURL, '13900000006');
    type Claim = { state: string; postingId: string | null };
    let claim = await committee.get<Claim>(`/api/points/claims/${claimId}`);
    // The points journey may already have posted this month: the claim waits for the next month's turn.
    for (let k = 1; k <= 3 && !claim.postingId; k++) {
      await runPostings(baseURL, monthTurn(new Date(), k));
      claim = await committee.get<Claim>(`/api/points/claims/${claimId}`);
    }
    expect(claim.state).toBe('posted');
    const posting = await committee.get<{ closesAt: string }>(`/api/points/postings/${claim.postingId}`);
    const jobs = await runPostings(baseURL, new Date(new Date(posting.closesAt).getTime() + 1000));
    expect(jobs.credited).toBeGreaterThanOrEqual(1);

    const { context, page, watch } = await signIn('13900000014', PHONE);
    await page.goto('/m/points');
    await page
      .getByTestId('my-balance')
      .filter({ hasText: String(balanceBefore + 5) })
      .waitFor();
    await page.getByTestId('ledger-entry').filter({ hasText: '志愿服务' }).first().waitFor();
    await screenshot(page, 'activities-phone-points-credited');
    await page.goto('/m/activities/hours');
    await page.getByTestId('hours-row').filter({ hasText: title }).getByText('已记入').waitFor();
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
