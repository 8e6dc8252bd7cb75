// Screenshots of the timeline, My day, the bell, the profile page and the reminder/mailbox settings, in en and ko.
// Usage: BASE_URL=http://127.0.0.1:8000 CRM_ADMIN_EMAIL=... CRM_ADMIN_PASSWORD=... node screenshots-live.mjs
// Needs demo customers (`crm setup` loads them). Seeds interactions, a comment, tasks, a reminder rule and a
// mention of the admin (by a sales user it creates) when they are missing.
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';

const base = process.env.BASE_URL ?? 'http://127.0.0.1:8000';
const email = process.env.CRM_ADMIN_EMAIL ?? 'admin@example.com';
const password = process.env.CRM_ADMIN_PASSWORD ?? 'e2e-Passw0rd!';
const only = process.env.ONLY; // e.g. "timeline,myday"
const locales = (process.env.LOCALES ?? 'en,ko').split(',');
const out = new URL('./screenshots/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });

async function token(user, pass) {
  const r = await fetch(`${base}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: user, password: pass }),
  });
  return (await r.json()).access_token;
}
const adminTok = await token(email, password);
const call = async (tok, method, path, body) => {
  const r = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${tok}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return r.status === 204 ? null : r.json();
};
const me = await call(adminTok, 'GET', '/users/me');
const company = (await call(adminTok, 'GET', '/customers?limit=1&type=company&sort=name')).items[0];
const deal = (await call(adminTok, 'GET', '/deals?limit=1')).items[0];
const lead = (await call(adminTok, 'GET', '/leads?limit=1&sort=-score')).items[0];

// Seed once: the timeline, tasks, a reminder rule, a colleague who mentions the admin.
const timeline = await call(adminTok, 'GET', `/customers/${company.id}/timeline?kind=interaction,comment,task`);
if (timeline.items.length < 3) {
  const hour = (h) => new Date(Date.now() - h * 3_600_000).toISOString();
  await call(adminTok, 'POST', '/interactions', { type: 'call', direction: 'outbound', customer_id: company.id, subject: 'Intro call with the buyer', body: 'Discussed the spring order volumes.\nThey want a quote by Friday.', duration_seconds: 900, outcome: 'Interested', occurred_at: hour(30) });
  await call(adminTok, 'POST', '/interactions', { type: 'meeting', customer_id: company.id, subject: 'On-site demo', body: 'Demo of the reporting module to the operations team.', duration_seconds: 3600, occurred_at: hour(6) });
  await call(adminTok, 'POST', '/interactions', { type: 'note', customer_id: company.id, body: 'Prefers e-mail over phone calls before 10:00.', occurred_at: hour(2) });
  await call(adminTok, 'POST', '/tasks', { title: 'Send the revised quote', record_type: 'customer', record_id: company.id, due_at: new Date(Date.now() + 26 * 3_600_000).toISOString(), priority: 'high' });
}
const startToday = new Date();
startToday.setHours(0, 0, 0, 0);
const at = (days, hours) => new Date(startToday.getTime() + days * 86_400_000 + hours * 3_600_000).toISOString();
const mine = await call(adminTok, 'GET', '/tasks?view=today&limit=5');
if (mine.items.length === 0) {
  await call(adminTok, 'POST', '/tasks', { title: 'Call back about the invoice', due_at: at(-2, 10), priority: 'high', record_type: 'customer', record_id: company.id });
  await call(adminTok, 'POST', '/tasks', { title: 'Prepare the pipeline review', due_at: at(0, 23), priority: 'normal' });
  await call(adminTok, 'POST', '/tasks', { title: 'Check in after the demo', due_at: at(0, 23.5), priority: 'low', record_type: 'deal', record_id: deal.id });
  await call(adminTok, 'POST', '/tasks', { title: 'Weekly forecast update', due_at: at(3, 9), recurrence: 'weekly' });
  await call(adminTok, 'POST', '/tasks', { title: 'Renewal call', due_at: at(5, 14), record_type: 'deal', record_id: deal.id, priority: 'high' });
}
const rules = await call(adminTok, 'GET', '/reminder-rules');
if (rules.items.length === 0) {
  await call(adminTok, 'POST', '/reminder-rules', { name: 'Quiet customers', kind: 'followup', days: 14 });
  await call(adminTok, 'POST', '/reminder-rules', { name: 'Birthdays', kind: 'birthday', days_before: 3 });
  await call(adminTok, 'POST', '/reminder-rules', { name: 'Contract renewals', kind: 'date_field', object_type: 'deal', field: 'expected_close_date', days_before: 30 });
  await call(adminTok, 'POST', '/reminder-rules/run');
}
// A birthday in two days on a person the admin owns, so that "This week" has a reminder.
const week = await call(adminTok, 'GET', `/tasks?source=reminder&assignee_id=${me.id}&limit=1`);
if (week.items.length === 0) {
  const soon = new Date(Date.now() + 2 * 86_400_000);
  const birthday = `1988-${String(soon.getMonth() + 1).padStart(2, '0')}-${String(soon.getDate()).padStart(2, '0')}`;
  await call(adminTok, 'POST', '/customers', { type: 'person', first_name: 'Minji', last_name: 'Kim', company_id: company.id, birthday, owner_id: me.id });
  await call(adminTok, 'POST', '/reminder-rules/run');
}
const repEmail = 'screens-rep@example.com';
const repPass = 'Screens-Passw0rd!';
const users = await call(adminTok, 'GET', '/users?limit=200');
if (!users.items.some((u) => u.email === repEmail)) {
  await call(adminTok, 'POST', '/users', { email: repEmail, full_name: 'Rita Rep', password: repPass, role: 'sales' });
  const repTok = await token(repEmail, repPass);
  await call(repTok, 'POST', '/comments', { record_type: 'customer', record_id: company.id, body: `@${me.full_name} can you join the call on Thursday?`, mentions: [me.id] });
}

const want = (name) => !only || only.split(',').includes(name);
const browser = await chromium.launch({ headless: true, ...chromiumLaunchOptions });
for (const locale of locales) {
  const ko = locale === 'ko';
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: ko ? 'ko-KR' : 'en-US', timezoneId: 'Asia/Seoul' });
  await context.addInitScript((l) => localStorage.setItem('crm.locale', l), locale);
  const page = await context.newPage();
  await page.goto(`${base}/login`);
  await page.fill('input[type=email]', email);
  await page.fill('input[type=password]', password);
  await page.keyboard.press('Enter');
  await page.waitForURL('**/customers');
  const shot = async (name, full = true) => {
    await page.waitForTimeout(700);
    await page.screenshot({ path: `${out}/live-${name}-${locale}.png`, fullPage: full });
  };
  if (want('timeline')) {
    await page.goto(`${base}/customers/${company.id}?tab=timeline`);
    await page.waitForSelector('[data-testid=timeline-item]');
    await shot('timeline');
    await page.getByRole('button', { name: ko ? '통화 기록' : 'Log call' }).click();
    await page.getByRole('dialog').getByLabel(ko ? '제목' : 'Subject').fill('Follow-up call');
    await shot('log-call', false);
    await page.keyboard.press('Escape');
    const box = page.getByRole('textbox', { name: ko ? '댓글' : 'Comment' });
    await box.click();
    await box.pressSequentially('Please check @R');
    await page.waitForTimeout(400);
    await shot('mention', false);
    await page.keyboard.press('Escape');
    await box.fill('');
    await page.getByRole('button', { name: ko ? '새 작업' : 'New task' }).click();
    await shot('new-task', false);
    await page.keyboard.press('Escape');
    // An .eml dropped on the record (picked through the file input).
    const eml = `From: Kim Minji <minji@example.com>\r\nTo: ${email}\r\nSubject: Re: Spring order\r\nMessage-ID: <screens-${locale}-${Date.now()}@example.com>\r\nDate: ${new Date().toUTCString()}\r\n\r\nThanks, the quantities look right.\r\n`;
    await page.locator('input[type=file]').setInputFiles({ name: 'spring-order.eml', mimeType: 'message/rfc822', buffer: Buffer.from(eml) });
    await page.waitForSelector('[role=status] >> text=/logged|기록/');
    await shot('eml', false);
    // Someone else comments: the live cue and the highlighted item.
    const repTok = await token(repEmail, repPass);
    await call(repTok, 'POST', '/comments', { record_type: 'customer', record_id: company.id, body: 'Sent them the samples today.' });
    await page.waitForSelector('[data-testid=live-change]');
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot('live-cue', false);
    await page.goto(`${base}/deals/${deal.id}?tab=timeline`);
    await page.waitForSelector('[data-testid=timeline-item], [aria-busy=true]');
    await shot('deal-timeline');
  }
  if (want('lead') && lead) {
    await page.goto(`${base}/leads/${lead.id}?tab=timeline`);
    await page.waitForSelector('[data-testid=lead-score]');
    await shot('lead-timeline');
  }
  if (want('myday')) {
    await page.goto(`${base}/my-day`);
    await page.waitForSelector('[data-testid=task-row]');
    await shot('my-day');
    await page.getByRole('button', { name: /Reschedule|일정 변경/ }).first().click();
    await shot('my-day-reschedule', false);
    await page.keyboard.press('Escape');
  }
  if (want('bell')) {
    await page.goto(`${base}/customers`);
    await page.getByTestId('notification-bell').click();
    await page.waitForSelector('[data-testid=notification]');
    await shot('bell', false);
    await page.keyboard.press('Escape');
  }
  if (want('profile')) {
    await page.goto(`${base}/profile`);
    await page.waitForSelector('#profile-feed');
    await shot('profile');
  }
  if (want('settings')) {
    await page.goto(`${base}/settings/reminders`);
    await page.waitForSelector('table');
    await shot('settings-reminders');
    await page.getByRole('button', { name: ko ? '새 리마인더' : 'New reminder' }).first().click();
    await page.getByRole('dialog').getByLabel(ko ? '종류' : 'Kind', { exact: true }).click();
    await page.getByRole('option', { name: ko ? '날짜' : 'Date', exact: true }).click();
    await shot('settings-reminder-modal', false);
    await page.keyboard.press('Escape');
    await page.goto(`${base}/settings/mailbox`);
    await page.waitForSelector('table');
    await shot('settings-mailbox');
  }
  await context.close();
}
await browser.close();
console.log('screenshots in', out);
