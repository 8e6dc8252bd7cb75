// Screenshots of the deals screens (board, list, deal detail tabs, lost-reasons report, pipeline settings) in en and ko.
// Usage: BASE_URL=http://127.0.0.1:8000 CRM_ADMIN_EMAIL=... CRM_ADMIN_PASSWORD=... node screenshots-deals.mjs
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:8000';
const email = process.env.CRM_ADMIN_EMAIL ?? 'admin@example.com';
const password = process.env.CRM_ADMIN_PASSWORD ?? 'e2e-Passw0rd!';
const out = new URL('./screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({ headless: true, ...chromiumLaunchOptions });
for (const locale of ['en', 'ko']) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: locale === 'ko' ? 'ko-KR' : 'en-US' });
  await context.addInitScript((l) => localStorage.setItem('crm.locale', l), locale);
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('input[type=email]', email);
  await page.fill('input[type=password]', password);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/customers');
  const shot = (name) => page.screenshot({ path: `${out}/deals-${name}-${locale}.png`, fullPage: true });

  await page.goto(`${base}/deals/board`);
  await page.waitForSelector('[data-testid=deal-card]');
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${out}/deals-board-${locale}.png` });

  await page.goto(`${base}/deals`);
  await page.waitForSelector('table tbody tr a');
  await shot('list');

  await page.locator('table tbody tr a').first().click();
  await page.waitForSelector('[role=tablist]');
  await page.waitForTimeout(500);
  await shot('detail');
  for (const tab of ['lines', 'quotes', 'stages', 'history']) {
    await page.goto(`${page.url().split('?')[0]}?tab=${tab}`);
    await page.waitForTimeout(900);
    await shot(`detail-${tab}`);
  }

  await page.goto(`${base}/deals/new`);
  await page.waitForSelector('form');
  await shot('form');

  await page.goto(`${base}/reports/lost-reasons`);
  await page.waitForTimeout(1500);
  await shot('report');

  for (const tab of ['pipelines', 'lost-reasons', 'exchange-rates', 'products']) {
    await page.goto(`${base}/settings/${tab}`);
    await page.waitForTimeout(900);
    await shot(`settings-${tab}`);
  }
  await context.close();
}
await browser.close();
console.log(`screenshots in ${out}`);
