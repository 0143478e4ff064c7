import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROSTER_COLUMNS, type RosterColumnKey } from '../../common/contracts/rosters.ts';
import { launchBrowser, login, newContext, screenshot, textOf, watchPage } from '../harness.ts';

/** An 18-digit resident ID with a correct check digit (GB 11643). */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

type Row = Partial<Record<RosterColumnKey, string | number>>;

async function rosterFile(rows: Row[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('住户花名册');
  ws.addRow(ROSTER_COLUMNS.map((c) => c.header));
  for (const r of rows) ws.addRow(ROSTER_COLUMNS.map((c) => r[c.key] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// Community staff imports a roster of a new household with one bad row, keeping the valid rows,
// and sees progress give way to the row-by-row report; importing the same file again changes nothing.
describe('roster import', () => {
  const baseURL = inject('baseURL');
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let watch: { errors: string[] };
  let file: Buffer;

  beforeAll(async () => {
    const where = { compound: '幸福家园小区', building: '1号楼', unitNo: '9', room: '901', floorArea: 88.5 };
    file = await rosterFile([
      {
        ...where,
        name: '王建国',
        relation: '户主',
        phone: '13912340001',
        idNumber: idNumber('65010319800101123'),
      },
      {
        ...where,
        name: '刘美华',
        relation: '配偶',
        phone: '13912340002',
        idNumber: idNumber('65010319820202124'),
      },
      { ...where, name: '王小宝', relation: '子女', idNumber: idNumber('65010320180303125') },
      {
        ...where,
        room: '902',
        name: '赵错误',
        relation: '户主',
        phone: '12345',
        idNumber: '650103198001011230',
      },
    ]);
    browser = await launchBrowser();
    context = await newContext(browser, baseURL);
    page = await context.newPage();
    watch = watchPage(page);
    await login(page, '13900000003');
    await page.waitForURL(/\/admin$/);
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function importFile() {
    await page.goto('/admin/rosters');
    await page.locator('.ant-tree-select').first().click();
    await page.getByTitle('春熙社区（社区）').click();
    await page.getByText('只导入正确的行').click();
    await page.locator('input[type=file]').setInputFiles({
      name: 'roster.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    await page.getByTestId('roster-start').click();
    await page.getByTestId('roster-report').waitFor({ timeout: 60_000 });
    return textOf(page.getByTestId('roster-progress'));
  }

  it('keeps the valid rows and reports the bad one row by row', async () => {
    const text = await importFile();
    expect(text).toContain('导入完成');
    expect(text).toMatch(/新增 3/);
    // Row 5 of the sheet (the header is row 1) has a phone number that is not one.
    const badRow = page.locator('[data-testid=roster-report] .ant-table-row', { hasText: '手机号' }).first();
    expect(await textOf(badRow)).toMatch(/^5/);
    // The child born in 2018 is flagged for a check, not refused.
    await page.getByText('未满14周岁').first().waitFor();
    await screenshot(page, 'roster-report');
  });

  it('changes nothing when the same file is imported again', async () => {
    const text = await importFile();
    expect(text).toMatch(/新增 0/);
    expect(text).toMatch(/更新 0/);
    expect(text).toMatch(/未变 3/);
    expect(watch.errors).toEqual([]);
  });
});
