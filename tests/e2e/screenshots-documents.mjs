// Screenshots of documents in en and ko: a deal's Documents tab during an upload (one file refused), the
// PDF preview in the drawer, the versions, the share dialog, the Documents page and the public share page.
// Creates a customer and a deal through the API; uploads through the UI.
// Usage: BASE_URL=http://127.0.0.1:8000 CRM_ADMIN_EMAIL=... CRM_ADMIN_PASSWORD=... node screenshots-documents.mjs
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';
import { makePdf } from './pdf-fixture.mjs';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:8000';
const email = process.env.CRM_ADMIN_EMAIL ?? 'admin@example.com';
const password = process.env.CRM_ADMIN_PASSWORD ?? 'e2e-Passw0rd!';
const locales = (process.env.LOCALES ?? 'en,ko').split(',');
const out = new URL('./screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });

const login = await fetch(`${base}/api/v1/auth/token`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ username: email, password }),
});
const { access_token: token } = await login.json();
async function call(method, path, body) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

const browser = await chromium.launch({ headless: true, ...chromiumLaunchOptions });
for (const locale of locales) {
  const suffix = `${locale}-${Date.now().toString(36)}`;
  const customer = await call('POST', '/customers', { type: 'company', name: locale === 'ko' ? `한빛무역 ${suffix}` : `Hanbit Trading ${suffix}` });
  const deal = await call('POST', '/deals', { name: locale === 'ko' ? `한빛 도입 ${suffix}` : `Hanbit rollout ${suffix}`, customer_id: customer.id });

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: locale === 'ko' ? 'ko-KR' : 'en-US', acceptDownloads: true });
  await context.addInitScript((l) => localStorage.setItem('crm.locale', l), locale);
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.locator('input[type=email], input[name=email]').first().fill(email);
  await page.locator('input[type=password]').first().fill(password);
  await page.locator('input[type=password]').first().press('Enter');
  await page.waitForURL(/\/customers/);

  // The Documents tab: an empty state first, then three files at once (the script is refused).
  await page.goto(`${base}/deals/${deal.id}?tab=documents`);
  await page.waitForSelector('[data-testid=document-dropzone]');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/documents-empty-${locale}.png`, fullPage: true });
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('document-dropzone').click();
  await (await chooser).setFiles([
    { name: 'Hanbit proposal 2026.pdf', mimeType: 'application/pdf', buffer: makePdf('Hanbit Trading - CRM rollout proposal') },
    { name: 'meeting-notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Kick-off meeting\n- 12 seats\n- Go-live in April\n') },
    { name: 'install.sh', mimeType: 'application/x-sh', buffer: Buffer.from('#!/bin/sh\necho hi\n') },
  ]);
  await page.waitForSelector('[data-testid=upload-item][data-status=refused]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=upload-item][data-status=done]').length === 2);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=document-row]').length === 2);
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${out}/documents-tab-${locale}.png`, fullPage: true });

  // The drawer with the PDF drawn by pdf.js.
  await page.getByTestId('document-row').filter({ hasText: 'Hanbit proposal' }).getByRole('button').first().click();
  await page.waitForSelector('[data-testid=pdf-page][data-rendered=true]');
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${out}/documents-preview-${locale}.png` });

  // A second version, then the versions tab.
  await page.getByRole('dialog').getByRole('tab').nth(1).click();
  const versionChooser = page.waitForEvent('filechooser');
  await page.getByRole('dialog').locator('button:has(svg.tabler-icon-upload)').click();
  await (await versionChooser).setFiles({ name: 'Hanbit proposal 2026 v2.pdf', mimeType: 'application/pdf', buffer: makePdf('Hanbit Trading - revised proposal') });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=version-row]').length === 2);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/documents-versions-${locale}.png` });

  // The share dialog with a freshly created, password-protected link.
  await page.getByRole('dialog').locator('button:has(svg.tabler-icon-share)').click();
  const share = page.getByRole('dialog').last();
  await share.locator('input[type=password]').fill('hanbit-2026');
  await share.locator('button[type=submit]').click();
  await page.waitForSelector('[data-testid=share-url]');
  const url = await page.getByTestId('share-url').inputValue();
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${out}/documents-share-${locale}.png` });

  // The Documents page.
  await page.goto(`${base}/documents`);
  await page.waitForSelector('[data-testid=document-row]');
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/documents-page-${locale}.png`, fullPage: true });

  // The public page, in a fresh context without login.
  const guest = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: locale === 'ko' ? 'ko-KR' : 'en-US' });
  await guest.addInitScript((l) => localStorage.setItem('crm.locale', l), locale);
  const guestPage = await guest.newPage();
  await guestPage.goto(url);
  await guestPage.waitForSelector('input[type=password]');
  await guestPage.locator('input[type=password]').fill('wrong');
  await guestPage.locator('button[type=submit]').click();
  await guestPage.waitForSelector('.mantine-PasswordInput-error');
  await guestPage.waitForTimeout(300);
  await guestPage.screenshot({ path: `${out}/public-share-${locale}.png`, fullPage: true });
  await context.close();
  await guest.close();
}
await browser.close();
console.log(`screenshots in ${out}`);
