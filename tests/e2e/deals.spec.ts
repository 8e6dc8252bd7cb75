import { expect, test, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './playwright.config';

async function logIn(page: Page, email = ADMIN_EMAIL, password = ADMIN_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('textbox', { name: 'Password', exact: true }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
}

/** Keyboard drag and drop (dnd-kit): focus the card, Space to lift, ArrowRight per column, Space to drop. */
async function moveRight(page: Page, deal: string, columns: number, expectStage: string) {
  const card = page.getByRole('button', { name: `Deal ${deal}` });
  await card.focus();
  await page.keyboard.press('Space');
  for (let i = 0; i < columns; i++) {
    await page.waitForTimeout(150);
    await page.keyboard.press('ArrowRight');
  }
  await page.waitForTimeout(250);
  await expect(page.locator('[id^="DndLiveRegion"]')).toContainText(`over stage ${expectStage}`);
  await page.keyboard.press('Space');
}

test('deal lifecycle: create, move across the board, lose with a reason, stage history and report', async ({ page }) => {
  const suffix = Date.now().toString(36);
  const company = `Initech ${suffix}`;
  const deal = `Initech rollout ${suffix}`;
  const reason = `Budget frozen ${suffix}`;

  await logIn(page);

  // An admin adds a lost reason (Settings -> Lost reasons).
  await page.goto('/settings/lost-reasons');
  await page.getByRole('button', { name: 'New reason' }).first().click();
  await page.getByRole('dialog').getByLabel('Reason').fill(reason);
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('table', { name: 'Lost reasons' }).getByText(reason)).toBeVisible();

  // A customer.
  await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('link', { name: 'New customer' }).first().click();
  await page.getByLabel('Company name').fill(company);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: company, level: 1 })).toBeVisible();

  // A deal for it, from the board's New deal button.
  await page.getByRole('navigation').getByRole('link', { name: 'Deals' }).click();
  await expect(page.getByRole('heading', { name: 'Pipeline board', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'New deal' }).first().click();
  await expect(page.getByRole('heading', { name: 'New deal', level: 1 })).toBeVisible();
  await page.getByLabel('Deal name').fill(deal);
  await page.getByRole('combobox', { name: 'Customer' }).fill(`Initech ${suffix}`);
  await page.getByRole('option', { name: company }).click();
  await page.getByLabel('Amount').fill('12500000');
  await page.getByRole('combobox', { name: 'Currency' }).fill('KRW');
  await page.getByRole('option', { name: 'KRW', exact: true }).click();
  await page.getByLabel('Expected close').fill('2026-12-31');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: deal, level: 1 })).toBeVisible();
  await expect(page.getByText('Qualification').first()).toBeVisible();

  // Board: the card starts in the first stage; move it two stages right with the keyboard.
  await page.getByRole('link', { name: 'Board' }).click();
  const column = (name: string) => page.getByRole('region', { name, exact: true });
  await expect(column('Qualification').getByRole('button', { name: `Deal ${deal}` })).toBeVisible();
  await expect(column('Qualification')).toContainText('₩12,500,000');

  let moved = page.waitForResponse((r) => r.url().includes('/move') && r.request().method() === 'POST');
  await moveRight(page, deal, 1, 'Needs analysis');
  expect((await moved).status()).toBe(200);
  await expect(column('Needs analysis').getByRole('button', { name: `Deal ${deal}` })).toBeVisible();

  moved = page.waitForResponse((r) => r.url().includes('/move') && r.request().method() === 'POST');
  await moveRight(page, deal, 1, 'Proposal');
  expect((await moved).status()).toBe(200);
  await expect(column('Proposal').getByRole('button', { name: `Deal ${deal}` })).toBeVisible();
  await expect(column('Proposal')).toContainText('Total ₩12,500,000');

  // Drop it on Lost (three columns right: Negotiation, Won, Lost): a reason is asked first.
  await moveRight(page, deal, 3, 'Lost');
  const dialog = page.getByRole('dialog', { name: 'Why was this deal lost?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Lost reason' }).click();
  await page.getByRole('option', { name: reason }).click();
  await dialog.getByLabel('Note').fill('Customer postponed the project');
  moved = page.waitForResponse((r) => r.url().includes('/move') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  expect((await moved).status()).toBe(200);
  await expect(dialog).toBeHidden();
  await expect(column('Lost').getByRole('button', { name: `Deal ${deal}` })).toBeVisible();

  // Deal detail: lost with the reason; the stage history shows every move.
  await column('Lost').getByRole('link', { name: deal }).click();
  await expect(page.getByRole('heading', { name: deal, level: 1 })).toBeVisible();
  await expect(page.getByText('Lost', { exact: true }).first()).toBeVisible();
  await expect(page.getByText(reason)).toBeVisible();
  await page.getByRole('tab', { name: 'Stage history' }).click();
  const items = page.getByTestId('stage-history-item');
  await expect(items).toHaveCount(4);
  await expect(items.nth(0)).toContainText('Lost');
  await expect(items.nth(0)).toContainText('From Proposal');
  await expect(items.nth(1)).toContainText('From Needs analysis');
  await expect(items.nth(2)).toContainText('From Qualification');
  await expect(items.nth(3)).toContainText('Created here');
  await expect(items.nth(0)).toContainText('Time in stage');

  // The customer lists the deal (and links back to it).
  await page.getByRole('tab', { name: 'Overview' }).click();
  await page.getByRole('link', { name: company }).first().click();
  await expect(page.getByRole('heading', { name: company, level: 1 })).toBeVisible();
  await page.getByRole('tab', { name: 'Deals' }).click();
  const customerDeals = page.getByRole('table', { name: 'Deals' });
  await expect(customerDeals.getByRole('row').filter({ hasText: deal })).toContainText('Lost');

  // The lost-reasons report counts it.
  await page.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { name: 'Lost reasons', level: 1 })).toBeVisible();
  const report = page.getByRole('table', { name: 'Lost reasons' });
  const row = report.getByRole('row').filter({ hasText: reason });
  await expect(row).toContainText('1');
  await expect(row).toContainText('₩12,500,000');
  await expect(page.locator('.recharts-wrapper')).toBeVisible();
});

test('quote approval and acceptance: rep quotes a 25% discount, manager approves, customer accepts through the public link', async ({
  page,
  browser,
}) => {
  const suffix = Date.now().toString(36);
  const product = `Widget Pro ${suffix}`;
  const company = `Umbrella ${suffix}`;
  const deal = `Umbrella widgets ${suffix}`;
  const manager = { email: `manager-${suffix}@example.com`, password: 'Manager-Passw0rd!', name: `Mia Manager ${suffix}` };
  const rep = { email: `rep-${suffix}@example.com`, password: 'Rep-Passw0rd!x', name: `Ray Rep ${suffix}` };

  // The admin (logged in) creates a product in the catalogue, then a manager and a rep reporting to them.
  await logIn(page);
  await page.goto('/settings/products');
  await page.getByRole('button', { name: 'New product' }).first().click();
  const form = page.getByRole('dialog');
  await form.getByLabel('Name').fill(product);
  await form.getByLabel('SKU').fill(`WP-${suffix}`);
  await form.getByRole('textbox', { name: 'Unit price' }).fill('400000');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('table', { name: 'Products' }).getByText(product)).toBeVisible();

  const adminToken = await page.evaluate(() => (JSON.parse(localStorage.getItem('crm.session') ?? '{}') as { access_token?: string }).access_token);
  expect(adminToken).toBeTruthy();
  const headers = { Authorization: `Bearer ${adminToken}` };
  const mgrRes = await page.request.post('/api/v1/users', {
    headers,
    data: { email: manager.email, full_name: manager.name, password: manager.password, role: 'manager' },
  });
  expect(mgrRes.status()).toBe(201);
  const managerId = ((await mgrRes.json()) as { id: string }).id;
  const repRes = await page.request.post('/api/v1/users', {
    headers,
    data: { email: rep.email, full_name: rep.name, password: rep.password, role: 'sales', manager_id: managerId },
  });
  expect(repRes.status()).toBe(201);

  // The rep, in their own browser context: a customer, a deal, a line with a 25% discount (threshold 20%).
  const repContext = await browser.newContext();
  const repPage = await repContext.newPage();
  await logIn(repPage, rep.email, rep.password);
  await repPage.goto('/customers/new');
  await repPage.getByLabel('Company name').fill(company);
  await repPage.getByRole('button', { name: 'Save' }).click();
  await expect(repPage.getByRole('heading', { name: company, level: 1 })).toBeVisible();
  await repPage.goto('/deals/new');
  await repPage.getByLabel('Deal name').fill(deal);
  await repPage.getByRole('combobox', { name: 'Customer' }).fill(company);
  await repPage.getByRole('option', { name: company }).click();
  await repPage.getByRole('button', { name: 'Save' }).click();
  await expect(repPage.getByRole('heading', { name: deal, level: 1 })).toBeVisible();
  const dealUrl = repPage.url().split('?')[0];

  await repPage.getByRole('tab', { name: 'Line items' }).click();
  await repPage.getByRole('combobox', { name: 'Product' }).fill(product);
  await repPage.getByRole('option', { name: new RegExp(product) }).click();
  await expect(repPage.getByLabel('Unit price')).toHaveValue('400000.00');
  await repPage.getByLabel('Quantity').fill('1');
  await repPage.getByLabel('Discount').fill('25');
  await repPage.getByLabel('Tax').fill('10');
  await repPage.getByRole('button', { name: 'Add line' }).click();
  const lines = repPage.getByRole('table', { name: 'Line items' });
  await expect(lines.getByRole('row').filter({ hasText: product })).toContainText('₩300,000');
  await expect(repPage.getByTestId('lines-total')).toHaveText('₩330,000');

  // A quote from the lines; submitting it needs approval because of the discount.
  await repPage.getByRole('tab', { name: 'Quotes' }).click();
  await repPage.getByRole('button', { name: 'New quote' }).first().click();
  await repPage.getByRole('dialog').getByRole('button', { name: 'Create draft' }).click();
  const repQuote = repPage.getByTestId('quote-card').first();
  await expect(repQuote).toContainText('Draft');
  await expect(repQuote).toContainText('₩330,000');
  await repQuote.getByRole('button', { name: 'Submit for approval' }).click();
  await expect(repQuote).toContainText('Awaiting approval');
  await expect(repQuote.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  // The manager, in another context, approves it with a comment.
  const managerContext = await browser.newContext();
  const managerPage = await managerContext.newPage();
  await logIn(managerPage, manager.email, manager.password);
  await managerPage.goto(`${dealUrl}?tab=quotes`);
  const mgrQuote = managerPage.getByTestId('quote-card').first();
  await expect(mgrQuote).toContainText('Awaiting approval');
  await mgrQuote.getByRole('button', { name: 'Approve' }).click();
  const approveDialog = managerPage.getByRole('dialog', { name: 'Approve quote' });
  await approveDialog.getByRole('textbox', { name: 'Comment' }).fill('25% agreed for the first order');
  await approveDialog.getByRole('button', { name: 'Approve' }).click();
  await expect(mgrQuote).toContainText('Approved');
  await expect(mgrQuote).toContainText('25% agreed for the first order');
  await managerContext.close();

  // The rep sends it and reads the public link (absolute, on this server).
  await repPage.reload();
  const sentQuote = repPage.getByTestId('quote-card').first();
  await expect(sentQuote).toContainText('Approved');
  await sentQuote.getByRole('button', { name: 'Send' }).click();
  const linkDialog = repPage.getByRole('dialog', { name: 'Public link' });
  const linkBox = linkDialog.getByRole('textbox', { name: 'Link' });
  await expect(linkBox).toHaveValue(/^https?:\/\/[^/]+\/q\/[^/]+$/);
  const publicLink = await linkBox.inputValue();
  expect(new URL(publicLink).origin).toBe(new URL(repPage.url()).origin);
  await linkDialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(sentQuote).toContainText('Sent');
  const download = repPage.waitForEvent('download');
  await sentQuote.getByRole('button', { name: 'PDF' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);

  // The customer: a fresh context with no login opens the link, checks the total and accepts.
  const customerContext = await browser.newContext();
  const customerPage = await customerContext.newPage();
  await customerPage.goto(publicLink);
  await expect(customerPage).toHaveURL(publicLink); // no redirect to /login
  await expect(customerPage.getByRole('heading', { level: 1 })).toContainText('Quote Q-');
  await expect(customerPage.getByRole('navigation')).toHaveCount(0);
  await expect(customerPage.getByRole('table', { name: 'Quote lines' }).getByRole('row').filter({ hasText: product })).toContainText('25%');
  await expect(customerPage.getByTestId('public-quote-total')).toHaveText('₩330,000');
  await customerPage.getByRole('button', { name: 'Accept quote' }).click();
  const acceptForm = customerPage.getByRole('form', { name: 'Accept this quote' });
  await acceptForm.getByRole('button', { name: 'Confirm and accept' }).click();
  await expect(acceptForm.getByText('Enter your full name to accept the quote')).toBeVisible();
  await acceptForm.getByRole('textbox', { name: 'Full name' }).fill('Kim Minji');
  await acceptForm.getByRole('button', { name: 'Confirm and accept' }).click();
  const confirmation = customerPage.getByRole('status').filter({ hasText: 'You accepted this quote' });
  await expect(confirmation).toBeVisible();
  await expect(confirmation).toContainText('Accepted by Kim Minji on');
  await expect(customerPage.getByRole('button', { name: 'Accept quote' })).toHaveCount(0);
  await customerContext.close();

  // Back as the rep: the quote is accepted, with the customer's name.
  await repPage.reload();
  const acceptedQuote = repPage.getByTestId('quote-card').first();
  await expect(acceptedQuote).toContainText('Accepted');
  await expect(acceptedQuote).toContainText('Kim Minji');
  await repContext.close();
});

test('pipeline settings: new pipeline, reorder stages with the keyboard, archive an empty stage', async ({ page }) => {
  const name = `Partners ${Date.now().toString(36)}`;
  await logIn(page);
  await page.goto('/settings/pipelines');
  await page.getByRole('button', { name: 'New pipeline' }).click();
  await page.getByRole('dialog').getByLabel('Pipeline name').fill(name);
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('combobox', { name: 'Pipeline' })).toHaveValue(name);
  const rows = page.getByTestId('stage-row');
  await expect(rows.first()).toContainText('Qualification');

  // Move "Needs analysis" above "Qualification": focus its handle, Space, ArrowUp, Space.
  const reordered = page.waitForResponse((r) => r.url().includes('/stage-order') && r.request().method() === 'PUT');
  await page.getByRole('button', { name: 'Move stage Needs analysis' }).focus();
  await page.keyboard.press('Space');
  await page.waitForTimeout(150);
  await page.keyboard.press('ArrowUp');
  await page.waitForTimeout(250);
  await page.keyboard.press('Space');
  expect((await reordered).status()).toBe(200);
  await expect(rows.first()).toContainText('Needs analysis');
  await page.reload();
  await page.getByRole('combobox', { name: 'Pipeline' }).click();
  await page.getByRole('option', { name }).click();
  await expect(rows.first()).toContainText('Needs analysis');

  // Archive the (empty) Proposal stage.
  await page.getByRole('button', { name: 'Archive Proposal' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByText('Stage Proposal archived')).toBeVisible();
  await expect(rows.filter({ hasText: 'Proposal' })).toHaveCount(0);
});
