import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
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
import { stairwellPng } from './png.ts';

// Evaluated in the page (this file is type-checked without DOM types): every evidence photo has loaded.
const PHOTOS_LOADED =
  "[...document.querySelectorAll('[data-testid=claim-photos] img')].every((i) => i.complete && i.naturalWidth > 0)";

/** Polls with page.evaluate: waitForFunction would eval a string, which the app's CSP forbids. */
async function photosLoaded(page: Page) {
  for (let i = 0; i < 100; i++) {
    if (await page.evaluate(PHOTOS_LOADED)) return;
    await page.waitForTimeout(100);
  }
  throw new Error('evidence photos did not load');
}

const A4 = { width: 794, height: 1123 };

type Posting = { id: string; communityId: string; period: string; closesAt: string };

// The journey: 田志明 reports a dead stairwell light (C03) with a photo on his phone → the
// grid worker passes it on the phone queue → the points committee approves it on the desktop and
// publishes the month's posting at once → the public board shows it as 田*明 without a login → he
// appeals and the committee dismisses it → the window closes on the test clock → 150 + 5 = 155.
describe('points: a hazard report from the phone to the balance', () => {
  const baseURL = inject('baseURL');
  const description = `1号楼1单元3楼楼道灯不亮，已拍照（e2e ${Date.now().toString(36)}）`;
  let browser: Browser;
  let claimId = '';
  let posting: Posting;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A fresh signed-in context; the journey hands the claim from one person to the next. */
  async function signIn(phone: string, viewport = DESKTOP) {
    const context = await newContext(browser, baseURL, viewport);
    const page = await context.newPage();
    const watch = watchPage(page);
    await login(page, phone);
    await page.waitForURL(viewport === PHONE ? /\/m$/ : /\/(m|admin)$/);
    return { context, page, watch };
  }

  it('the resident declares C03 with a photo on a 375 px phone', async () => {
    const { context, page, watch } = await signIn('13900000007', PHONE);
    await page.getByTestId('home-balance').filter({ hasText: '150' }).waitFor();
    await screenshot(page, 'points-phone-home');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

    await page.getByTestId('tile-declare').click();
    await page.waitForURL(/\/m\/points\/declare$/);
    const c03 = page.locator('.linli-rule-option', { hasText: 'C03' });
    await c03.waitFor();
    // Only what a resident may declare for himself: no grid-worker rules, no deductions.
    expect(await page.locator('.linli-rule-option', { hasText: 'D01' }).count()).toBe(0);
    await c03.click();
    await page.getByTestId('declare-estimate').filter({ hasText: '5' }).waitFor();
    await page.getByTestId('declare-description').fill(description);
    const uploaded = page.waitForResponse(
      (r) => r.url().endsWith('/api/files') && r.request().method() === 'POST',
    );
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'stairwell.png', mimeType: 'image/png', buffer: stairwellPng() });
    expect((await uploaded).status()).toBe(200);
    await page.locator('.ant-upload-list-item-done').waitFor();
    await screenshot(page, 'points-phone-declare');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

    const declared = page.waitForResponse(
      (r) => r.url().endsWith('/api/points/claims') && r.request().method() === 'POST',
    );
    await page.getByTestId('declare-submit').click();
    const res = await declared;
    expect(res.status()).toBe(200);
    const claim = (await res.json()) as { id: string; state: string; points: number; photoIds: string[] };
    expect(claim).toMatchObject({ state: 'submitted', points: 5 });
    expect(claim.photoIds).toHaveLength(1);
    claimId = claim.id;
    await page.waitForURL(new RegExp(`/m/points/claims/${claimId}$`));
    await page.getByTestId('claim-state').filter({ hasText: '待初核' }).waitFor();
    await page.getByTestId('claim-timeline').getByText('提交申报').waitFor();
    // The photo loads through the signed-in files endpoint.
    await photosLoaded(page);
    await screenshot(page, 'points-phone-claim');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('the grid worker passes it from the phone queue, photo in view', async () => {
    const { context, page, watch } = await signIn('13900000005', PHONE);
    await page.getByTestId('tile-check').click();
    await page.waitForURL(/\/m\/points\/check$/);
    const card = page.getByTestId('check-card').filter({ hasText: description });
    await card.waitFor();
    expect(await textOf(card)).toContain('田志明');
    await photosLoaded(page);
    await screenshot(page, 'points-phone-check');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

    const moved = page.waitForResponse((r) => r.url().endsWith(`/api/points/claims/${claimId}/transitions`));
    await card.getByTestId('claim-action-check_pass').click();
    const res = await moved;
    expect(res.status()).toBe(200);
    expect((await res.json()).state).toBe('checked');
    await card.waitFor({ state: 'detached' });
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('the points committee approves it in a batch on the desktop', async () => {
    const { context, page, watch } = await signIn('13900000006');
    await page.getByRole('menuitem', { name: '待评议' }).click();
    await page.waitForURL(/\/admin\/points\/review$/);
    await page.getByRole('heading', { name: '待评议', exact: true }).waitFor();
    const row = page.locator('.ant-table-row', { hasText: description });
    await row.waitFor();
    await row.getByRole('checkbox').check();
    await page.getByTestId('batch-approve').filter({ hasText: '1' }).waitFor();
    await screenshot(page, 'points-desktop-review');

    await page.getByTestId('batch-approve').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    const approved = page.waitForResponse((r) => r.url().endsWith('/api/points/claims/batch-approve'));
    await confirm.getByRole('button', { name: '批量通过' }).click();
    const res = await approved;
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ approved: [claimId], failed: [] });
    await row.waitFor({ state: 'detached' });
    expect(watch.errors).toEqual([]);
    await context.close();
  });

  it('publishes the posting now, and the board shows 田*明 to anyone', async () => {
    const { context, page, watch } = await signIn('13900000006');
    await page.getByRole('menuitem', { name: '公示管理' }).click();
    await page.waitForURL(/\/admin\/points\/postings/);
    await page.getByRole('heading', { name: '公示管理', exact: true }).waitFor();
    await page.getByTestId('posting-link').first().waitFor();
    await screenshot(page, 'points-desktop-postings');

    await page.getByTestId('publish-now').click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    const published = page.waitForResponse(
      (r) => r.url().endsWith('/api/points/postings') && r.request().method() === 'POST',
    );
    await confirm.getByRole('button', { name: '立即发布公示' }).click();
    const res = await published;
    expect(res.status()).toBe(200);
    posting = (await res.json()) as Posting;
    await page.waitForURL(new RegExp(`/admin/points/postings/${posting.id}$`));
    const name = page.getByTestId('posting-row-name').first();
    await name.waitFor();
    expect(await textOf(name)).toBe('田*明');
    await screenshot(page, 'points-desktop-posting');
    expect(watch.errors).toEqual([]);
    await context.close();

    // No session at all: the board is public, masked, and does not redirect to the login page.
    for (const viewport of [DESKTOP, PHONE]) {
      const visitor = await newContext(browser, baseURL, viewport);
      const board = await visitor.newPage();
      const boardWatch = watchPage(board);
      await board.goto(`/board/${posting.communityId}`);
      const current = board.getByTestId('board-current');
      await current.waitFor();
      expect(board.url()).toContain(`/board/${posting.communityId}`);
      const text = await textOf(current);
      expect(text).toContain('田*明');
      expect(text).toContain('上报公共设施隐患');
      const html = await board.content();
      for (const secret of ['田志明', '13900000007', '302']) expect(html).not.toContain(secret);
      await board.getByTestId('board-qr').locator('img').waitFor();
      const phone = viewport === PHONE;
      await screenshot(board, phone ? 'board-phone' : 'board-desktop');
      if (phone) expect(await scrollWidth(board)).toBeLessThanOrEqual(PHONE.width);
      else {
        // The print preview on an A4-wide page (210 mm at 96 dpi), as the community worker prints it.
        await board.setViewportSize(A4);
        await board.emulateMedia({ media: 'print' });
        await screenshot(board, 'board-print');
        expect(await board.getByTestId('board-print').isVisible()).toBe(false);
        await board.emulateMedia({ media: 'screen' });
        await board.goto(`/board/${posting.communityId}/postings/${posting.id}`);
        await board.getByTestId('board-row-name').first().waitFor();
        await board.emulateMedia({ media: 'print' });
        await screenshot(board, 'board-posting-print');
      }
      expect(boardWatch.errors).toEqual([]);
      await visitor.close();
    }
  });

  it('the resident appeals on the phone posting; the committee dismisses it', async () => {
    const resident = await signIn('13900000007', PHONE);
    await resident.page.getByTestId('tile-posting').click();
    await resident.page.waitForURL(/\/m\/points\/posting$/);
    const row = resident.page.getByTestId('posting-row').filter({ hasText: '上报公共设施隐患' });
    await row.waitFor();
    expect(await textOf(row)).toContain('田*明');
    await screenshot(resident.page, 'points-phone-posting');
    expect(await scrollWidth(resident.page)).toBeLessThanOrEqual(PHONE.width);
    await row.getByTestId('object-button').click();
    const dialog = resident.page.getByRole('dialog');
    await dialog.getByTestId('objection-reason').fill('灯的位置是3楼，不是2楼，请核实后记分');
    await screenshot(resident.page, 'points-phone-objection', false);
    const filed = resident.page.waitForResponse((r) => r.url().endsWith('/api/points/objections'));
    await dialog.getByRole('button', { name: '提出异议' }).click();
    expect((await filed).status()).toBe(200);
    await row.getByText('已提出异议').waitFor();
    expect(resident.watch.errors).toEqual([]);
    await resident.context.close();

    const committee = await signIn('13900000006');
    await committee.page.goto(`/admin/points/postings/${posting.id}`);
    const objections = committee.page.getByTestId('objections');
    await objections.getByText('灯的位置是3楼').waitFor();
    await objections.getByTestId('decide-objection').click();
    const dialog2 = committee.page.getByRole('dialog');
    await dialog2.getByTestId('decision-note').fill('网格员已现场核实，3楼楼道灯确实不亮，情况属实');
    const decided = committee.page.waitForResponse((r) =>
      /\/api\/points\/objections\/[^/]+\/decision$/.test(r.url()),
    );
    await dialog2.getByRole('button', { name: /确\s*定/ }).click();
    const res = await decided;
    expect(res.status()).toBe(200);
    expect((await res.json()).state).toBe('dismissed');
    await objections.getByText('异议不成立').first().waitFor();
    await screenshot(committee.page, 'points-desktop-objection');
    expect(committee.watch.errors).toEqual([]);
    await committee.context.close();
  });

  it('credits the claim when the window closes on the test clock: 150 + 5', async () => {
    const jobs = await runJobsAt(baseURL, new Date(new Date(posting.closesAt).getTime() + 60_000));
    expect(jobs.credited).toBeGreaterThanOrEqual(1);

    const { context, page, watch } = await signIn('13900000007', PHONE);
    await page.getByTestId('home-balance').filter({ hasText: '155' }).waitFor();
    await page.getByTestId('tile-mine').click();
    await page.waitForURL(/\/m\/points$/);
    await page.getByTestId('my-balance').filter({ hasText: '155' }).waitFor();
    const latest = page.getByTestId('ledger-entry').first();
    await latest.filter({ hasText: '上报公共设施隐患' }).waitFor();
    expect(await textOf(latest)).toContain('+5');
    expect(await textOf(latest)).toContain('余额 155');
    await screenshot(page, 'points-phone-balance');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);

    await latest.click();
    await page.waitForURL(new RegExp(`/m/points/claims/${claimId}$`));
    await page.getByTestId('claim-state').filter({ hasText: '已记入' }).waitFor();
    await page.getByTestId('claim-timeline').getByText('公示期满，记入账户').waitFor();
    await screenshot(page, 'points-phone-credited');
    expect(watch.errors).toEqual([]);
    await context.close();
  });
});
