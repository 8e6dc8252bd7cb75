// Screenshots of the customer's public quote page (/q/<token>) in en and ko.
// Creates a customer, a deal with two lines and a sent quote through the API, then opens the link
// in a context with no login. Usage: BASE_URL=http://127.0.0.1:8000 CRM_ADMIN_EMAIL=... CRM_ADMIN_PASSWORD=... node screenshots-public-quote.mjs
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:8000';
const email = process.env.CRM_ADMIN_EMAIL ?? 'admin@example.com';
const password = process.env.CRM_ADMIN_PASSWORD ?? 'e2e-Passw0rd!';
const out = new URL('./screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });

async function call(method, path, { token, body, ifMatch } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body) headers['Content-Type'] = 'application/json';
  if (ifMatch !== undefined) headers['If-Match'] = `"${ifMatch}"`;
  const res = await fetch(`${base}/api/v1${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

const login = await fetch(`${base}/api/v1/auth/token`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ username: email, password }),
});
const { access_token: token } = await login.json();
const suffix = Date.now().toString(36);
const customer = await call('POST', '/customers', { token, body: { type: 'company', name: `Hanbit Trading ${suffix}` } });
const deal = await call('POST', '/deals', { token, body: { name: `Hanbit rollout ${suffix}`, customer_id: customer.id } });
await call('POST', `/deals/${deal.id}/lines`, {
  token,
  body: { description: 'CRM licence (annual, per seat)', quantity: '12', unit_price: '180000', discount_percent: '10', tax_percent: '10' },
});
await call('POST', `/deals/${deal.id}/lines`, {
  token,
  body: { description: 'Onboarding workshop', quantity: '1', unit_price: '500000', discount_percent: '0', tax_percent: '10' },
});
let quote = await call('POST', `/deals/${deal.id}/quotes`, { token, body: {} });
quote = await call('POST', `/quotes/${quote.id}/submit`, { token, ifMatch: quote.version });
if (quote.status === 'pending_approval') quote = await call('POST', `/quotes/${quote.id}/approve`, { token, ifMatch: quote.version, body: { comment: 'OK' } });
const sent = await call('POST', `/quotes/${quote.id}/send`, { token, ifMatch: quote.version });
const link = sent.public_url.startsWith('/') ? `${base}${sent.public_url}` : sent.public_url;

const browser = await chromium.launch({ headless: true, ...chromiumLaunchOptions });
for (const locale of ['en', 'ko']) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: locale === 'ko' ? 'ko-KR' : 'en-US' });
  await context.addInitScript((l) => localStorage.setItem('crm.locale', l), locale);
  const page = await context.newPage();
  await page.goto(link);
  await page.waitForSelector('[data-testid=public-quote-total]');
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${out}/public-quote-${locale}.png`, fullPage: true });
  await context.close();
}
await browser.close();
console.log(`${link}\nscreenshots in ${out}`);
