import { expect, test, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './playwright.config';

async function logIn(page: Page, email = ADMIN_EMAIL, password = ADMIN_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('textbox', { name: 'Password', exact: true }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
}

test('live updates: a call and a mention by one user reach another without reloading', async ({ page, browser }) => {
  const suffix = Date.now().toString(36);
  const company = `Globex ${suffix}`;
  const callSubject = `Discovery call ${suffix}`;
  const rep = { email: `bea-${suffix}@example.com`, password: 'Bea-Passw0rd!x', name: `Bea ${suffix}` };

  // User A (the admin) signs in; through the API they add user B (a sales rep) and a customer.
  await logIn(page);
  const token = await page.evaluate(() => (JSON.parse(localStorage.getItem('crm.session') ?? '{}') as { access_token?: string }).access_token);
  const headers = { Authorization: `Bearer ${token}` };
  const made = await page.request.post('/api/v1/users', { headers, data: { email: rep.email, full_name: rep.name, password: rep.password, role: 'sales' } });
  expect(made.status()).toBe(201);
  const customer = await page.request.post('/api/v1/customers', { headers, data: { type: 'company', name: company } });
  expect(customer.status()).toBe(201);
  const customerUrl = `/customers/${((await customer.json()) as { id: string }).id}?tab=timeline`;

  // User B, in a second browser context, opens the customer's timeline: nothing there yet.
  const repContext = await browser.newContext();
  const repPage = await repContext.newPage();
  await logIn(repPage, rep.email, rep.password);
  await repPage.goto(customerUrl);
  await expect(repPage.getByRole('heading', { name: company, level: 1 })).toBeVisible();
  await expect(repPage.getByText('Nothing here yet')).toBeVisible();
  const repBell = repPage.getByTestId('notification-bell');
  await expect(repBell).toHaveAccessibleName('Notifications');

  // A opens the same customer and logs a call from the timeline panel.
  await page.goto(customerUrl);
  await expect(page.getByRole('heading', { name: company, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Log call' }).click();
  const dialog = page.getByRole('dialog', { name: 'Log a call' });
  await dialog.getByRole('textbox', { name: 'Subject' }).fill(callSubject);
  await dialog.getByRole('textbox', { name: 'Notes' }).fill('Budget approved for Q3; wants a demo.');
  await dialog.getByRole('textbox', { name: 'Duration (minutes)' }).fill('15');
  const logged = page.waitForResponse((r) => r.url().endsWith('/api/v1/interactions') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: 'Save' }).click();
  expect((await logged).status()).toBe(201);
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('list', { name: 'Timeline' }).getByText(callSubject)).toBeVisible();

  // B sees the call appear in the timeline WITHOUT reloading, with a cue saying who did it.
  const repTimeline = repPage.getByRole('list', { name: 'Timeline' });
  await expect(repTimeline.getByText(callSubject)).toBeVisible({ timeout: 15_000 });
  await expect(repPage.getByTestId('live-change')).toContainText('logged an interaction just now');

  // A writes a comment mentioning B, picked from the @ autocomplete.
  const comment = page.getByRole('textbox', { name: 'Comment' });
  await comment.click();
  await comment.pressSequentially(`Please send them the demo slides @Bea ${suffix}`);
  await page.getByRole('option', { name: new RegExp(rep.name) }).click();
  const posted = page.waitForResponse((r) => r.url().endsWith('/api/v1/comments') && r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Comment', exact: true }).click();
  const commentRes = await posted;
  expect(commentRes.status()).toBe(201);
  expect(((await commentRes.json()) as { mentions: { name: string }[] }).mentions.map((m) => m.name)).toEqual([rep.name]);

  // B's bell goes to 1 without reloading; the bell lists the mention, which leads to the customer.
  await expect(repBell).toHaveAccessibleName('Notifications, 1 unread', { timeout: 15_000 });
  await expect(repTimeline.getByText('Please send them the demo slides')).toBeVisible();
  await repBell.click();
  const panel = repPage.getByRole('dialog', { name: 'Notifications' });
  const mention = panel.getByTestId('notification').first();
  await expect(mention).toContainText(`mentioned you on ${company}`);
  await expect(mention).toContainText(`Please send them the demo slides @${rep.name}`);
  await mention.click();
  await expect(repBell).toHaveAccessibleName('Notifications');
  await expect(repPage).toHaveURL(new RegExp(`${customerUrl.replace('?', '\\?')}$`));
  await repContext.close();
});
