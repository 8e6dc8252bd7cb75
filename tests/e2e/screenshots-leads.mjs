// Screenshots of the lead screens and the lead settings, in en and ko.
// Usage: BASE_URL=http://127.0.0.1:8000 CRM_ADMIN_EMAIL=... CRM_ADMIN_PASSWORD=... node screenshots-leads.mjs
// Needs demo leads (`crm setup` loads them). Seeds a scoring rule / assignment rule when there are none.
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:8000';
const email = process.env.CRM_ADMIN_EMAIL ?? 'admin@example.com';
const password = process.env.CRM_ADMIN_PASSWORD ?? 'e2e-Passw0rd!';
const only = process.env.ONLY; // e.g. "queue,detail"
const locales = (process.env.LOCALES ?? 'en,ko').split(',');
const out = new URL('./screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });

const tok = await fetch(`${base}/api/v1/auth/token`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ username: email, password }),
}).then((r) => r.json());
const h = { Authorization: `Bearer ${tok.access_token}`, 'Content-Type': 'application/json' };
const get = (path) => fetch(`${base}/api/v1${path}`, { headers: h }).then((r) => r.json());
const open = await get('/leads?limit=1&sort=-score&status[in]=new,contacted,qualified');
const leadId = open.items[0]?.id;

const want = (name) => !only || only.split(',').includes(name);
const browser = await chromium.launch({ headless: true, ...chromiumLaunchOptions });
for (const locale of locales) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: locale === 'ko' ? 'ko-KR' : 'en-US' });
  await context.addInitScript((l) => localStorage.setItem('crm.locale', l), locale);
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('input[type=email]', email);
  await page.fill('input[type=password]', password);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/customers');
  const shot = async (name, full = true) => {
    await page.waitForTimeout(700);
    await page.screenshot({ path: `${out}/leads-${name}-${locale}.png`, fullPage: full });
  };
  if (want('queue')) {
    await page.goto(`${base}/leads`);
    await page.waitForSelector('h1');
    await shot('queue-mine');
    await page.goto(`${base}/leads?view=all`);
    await page.waitForSelector('table');
    await shot('queue-all', false);
    await page.locator('[data-testid=score-badge]').first().focus();
    await shot('queue-tooltip', false);
    await page.locator('table button[aria-label*="Change status"], table button[aria-label*="상태 변경"]').first().click();
    await shot('queue-status-menu', false);
    await page.keyboard.press('Escape');
  }
  if (want('detail') && leadId) {
    await page.goto(`${base}/leads/${leadId}`);
    await page.waitForSelector('[data-testid=lead-score]');
    await shot('detail');
    await page.getByRole('button', { name: locale === 'ko' ? '부적격 처리' : 'Unqualify…' }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: locale === 'ko' ? '부적격 처리' : 'Unqualify' }).click();
    await shot('unqualify', false);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: locale === 'ko' ? '전환' : 'Convert', exact: true }).first().click();
    await page.waitForSelector('[data-testid=conversion-plan]');
    await page.getByRole('dialog').getByRole('switch', { name: locale === 'ko' ? '거래 만들기' : 'Create a deal' }).check();
    await shot('convert', false);
    await page.keyboard.press('Escape');
    await page.goto(`${base}/leads/${leadId}?tab=history`);
    await page.waitForTimeout(500);
    await shot('history', false);
  }
  if (want('form')) {
    await page.goto(`${base}/leads/new`);
    await page.waitForSelector('form');
    await page.locator('button[type=submit]').click();
    await shot('form');
  }
  if (want('model')) {
    await page.goto(`${base}/leads/model`);
    await page.waitForSelector('[data-testid=model-status]');
    await page.waitForTimeout(800);
    await shot('model');
  }
  if (want('settings')) {
    await page.goto(`${base}/settings/web-forms`);
    await page.waitForSelector('[role=tablist]');
    await shot('settings-web-forms');
    await page.locator('main button').filter({ hasText: locale === 'ko' ? '삽입 코드' : 'Embed code' }).first().click();
    await page.waitForSelector('[data-testid=embed-html]');
    await shot('settings-web-form-snippet', false);
    await page.keyboard.press('Escape');
    await page.locator('main button').filter({ hasText: locale === 'ko' ? '편집' : 'Edit' }).first().click();
    await shot('settings-web-form-modal', false);
    await page.keyboard.press('Escape');
    await page.goto(`${base}/settings/lead-assignment`);
    await page.waitForSelector('[role=tablist]');
    await shot('settings-assignment');
    await page.locator('main button').filter({ hasText: locale === 'ko' ? '새 배정 규칙' : 'New assignment rule' }).first().click();
    await page.getByRole('dialog').getByRole('button', { name: locale === 'ko' ? '조건 추가' : 'Add condition' }).click();
    await shot('settings-assignment-modal', false);
    await page.keyboard.press('Escape');
    await page.goto(`${base}/settings/lead-scoring`);
    await page.waitForSelector('[role=tablist]');
    await shot('settings-scoring');
    await page.locator('main button').filter({ hasText: locale === 'ko' ? '편집' : 'Edit' }).first().click();
    await shot('settings-scoring-modal', false);
    await page.keyboard.press('Escape');
  }
  await context.close();
}
await browser.close();
console.log(`screenshots in ${out}`);
