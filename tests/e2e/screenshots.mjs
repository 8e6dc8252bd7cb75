// Screenshots of login, customers list and a customer detail page in en and ko.
// Usage: BASE_URL=http://127.0.0.1:8000 CRM_ADMIN_EMAIL=... CRM_ADMIN_PASSWORD=... node screenshots.mjs
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
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: locale === 'ko' ? 'ko-KR' : 'en-US' });
  await context.addInitScript((l) => localStorage.setItem('crm.locale', l), locale);
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.waitForSelector('input[type=email]');
  await page.screenshot({ path: `${out}/login-${locale}.png`, fullPage: true });
  await page.fill('input[type=email]', email);
  await page.fill('input[type=password]', password);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/customers');
  await page.waitForSelector('table tbody tr a');
  await page.screenshot({ path: `${out}/customers-${locale}.png`, fullPage: true });
  const person = process.env.DETAIL_NAME;
  const link = person ? page.getByRole('link', { name: person }).first() : page.locator('table tbody tr a').first();
  await link.click();
  await page.waitForSelector('[role=tablist]');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/detail-${locale}.png`, fullPage: true });
  const tabs = page.getByRole('tab');
  await tabs.last().click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${out}/history-${locale}.png`, fullPage: true });
  await page.goto(`${base}/customers/new`);
  await page.waitForSelector('form');
  await page.screenshot({ path: `${out}/form-${locale}.png`, fullPage: true });
  await page.goto(`${base}/trash`);
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${out}/trash-${locale}.png`, fullPage: true });
  await context.close();
}
await browser.close();
console.log(`screenshots in ${out}`);
