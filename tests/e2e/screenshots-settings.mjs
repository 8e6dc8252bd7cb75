// Screenshots of the settings screens and custom fields on customers, in en and ko.
// Usage: BASE_URL=http://127.0.0.1:8000 CRM_ADMIN_EMAIL=... CRM_ADMIN_PASSWORD=... node screenshots-settings.mjs
// Seeds (through the API) a few custom fields, a customer using them and an API key when missing.
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:8000';
const email = process.env.CRM_ADMIN_EMAIL ?? 'admin@example.com';
const password = process.env.CRM_ADMIN_PASSWORD ?? 'e2e-Passw0rd!';
const out = new URL('./screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });

async function seed() {
  const tok = await fetch(`${base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: email, password }),
  }).then((r) => r.json());
  const h = { Authorization: `Bearer ${tok.access_token}`, 'Content-Type': 'application/json' };
  const post = (path, body) => fetch(`${base}/api/v1${path}`, { method: 'POST', headers: h, body: JSON.stringify(body) });
  const existing = await fetch(`${base}/api/v1/custom-fields?limit=200`, { headers: h }).then((r) => r.json());
  if (existing.items.length === 0) {
    const defs = [
      { key: 'tier', label: 'Account tier', type: 'select', options: ['Gold', 'Silver', 'Bronze'], required: true, position: 10 },
      { key: 'seats', label: 'Seats', type: 'number', position: 20 },
      { key: 'renewal', label: 'Renewal date', type: 'date', position: 30 },
      { key: 'partner', label: 'Partner', type: 'boolean', position: 40 },
      { key: 'regions', label: 'Regions', type: 'multiselect', options: ['APAC', 'EMEA', 'Americas'], position: 50 },
      { key: 'portal', label: 'Customer portal', type: 'url', position: 60 },
      { key: 'billing_email', label: 'Billing email', type: 'email', position: 70 },
      { key: 'nickname', label: 'Nickname', type: 'text', position: 80 },
    ];
    for (const d of defs) await post('/custom-fields', { object_type: 'customer', ...d });
    await post('/customers', {
      type: 'company',
      name: 'Hanbit Logistics',
      industry: 'Logistics',
      custom_fields: {
        tier: 'Gold', seats: 120, renewal: '2026-11-30', partner: true, regions: ['APAC', 'EMEA'],
        portal: 'https://portal.hanbit.example', billing_email: 'billing@hanbit.example', nickname: 'Hanbit',
      },
    });
    await post('/users', { email: 'mina@example.com', full_name: 'Mina Park', password: 'sales-Passw0rd', role: 'sales', locale: 'ko' });
    await post('/api-keys', { name: 'Zapier sync', scopes: ['customers:read', 'customers:write'] });
  }
}

await seed();
const browser = await chromium.launch({ headless: true, ...chromiumLaunchOptions });
for (const locale of ['en', 'ko']) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: locale === 'ko' ? 'ko-KR' : 'en-US' });
  await context.addInitScript((l) => localStorage.setItem('crm.locale', l), locale);
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('input[type=email]', email);
  await page.fill('input[type=password]', password);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/customers');
  const shot = async (name) => {
    await page.waitForTimeout(700);
    await page.screenshot({ path: `${out}/${name}-${locale}.png`, fullPage: true });
  };
  for (const tab of ['users', 'custom-fields', 'access', 'api-keys']) {
    await page.goto(`${base}/settings/${tab}`);
    await page.waitForSelector('[role=tablist]');
    await shot(`settings-${tab}`);
  }
  await page.goto(`${base}/settings/custom-fields`);
  await page.locator('main button').filter({ hasText: locale === 'ko' ? '새 필드' : 'New field' }).first().click();
  await page.getByRole('dialog').getByRole('combobox').first().click();
  await page.getByRole('option').nth(4).click();
  await shot('settings-field-modal');
  await page.goto(`${base}/settings/users`);
  await page.locator('main button').filter({ hasText: locale === 'ko' ? '새 사용자' : 'New user' }).first().click();
  await shot('settings-user-modal');
  await page.goto(`${base}/settings/api-keys`);
  await page.locator('main button').filter({ hasText: locale === 'ko' ? '새 API 키' : 'New API key' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input').first().fill(`Screenshot key ${locale}`);
  await dialog.getByRole('combobox').first().click();
  await page.getByRole('option').first().click();
  await page.keyboard.press('Escape');
  await shot('settings-apikey-form');
  await dialog.locator('button[type=submit]').click();
  await page.waitForSelector('[data-testid=api-key-secret]');
  await shot('settings-apikey-created');
  await page.goto(`${base}/customers`);
  await page.getByRole('link', { name: 'Hanbit Logistics' }).first().click();
  await page.waitForSelector('[role=tablist]');
  await shot('detail-custom-fields');
  await page.goto(page.url().split('?')[0] + '/edit');
  await page.waitForSelector('form');
  await shot('form-custom-fields');
  await context.close();
}
await browser.close();
console.log(`screenshots in ${out}`);
