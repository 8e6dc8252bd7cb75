import { expect, test, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './playwright.config';

async function logIn(page: Page) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(ADMIN_EMAIL);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN_PASSWORD);
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

test('line items and quotes: product, line, quote submitted, approved and sent', async ({ page }) => {
  const suffix = Date.now().toString(36);
  const product = `Widget Pro ${suffix}`;
  const company = `Umbrella ${suffix}`;
  const deal = `Umbrella widgets ${suffix}`;

  await logIn(page);

  // Settings -> Products: a product priced in KRW.
  await page.goto('/settings/products');
  await page.getByRole('button', { name: 'New product' }).first().click();
  const form = page.getByRole('dialog');
  await form.getByLabel('Name').fill(product);
  await form.getByLabel('SKU').fill(`WP-${suffix}`);
  await form.getByRole('textbox', { name: 'Unit price' }).fill('250000');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('table', { name: 'Products' }).getByText(product)).toBeVisible();

  // A customer and a deal.
  await page.goto('/customers/new');
  await page.getByLabel('Company name').fill(company);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: company, level: 1 })).toBeVisible();
  await page.goto('/deals/new');
  await page.getByLabel('Deal name').fill(deal);
  await page.getByRole('combobox', { name: 'Customer' }).fill(company);
  await page.getByRole('option', { name: company }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: deal, level: 1 })).toBeVisible();

  // Line items: pick the product (price filled from the catalogue), 4 units, 10% tax.
  await page.getByRole('tab', { name: 'Line items' }).click();
  await page.getByRole('combobox', { name: 'Product' }).fill(product);
  await page.getByRole('option', { name: new RegExp(product) }).click();
  await expect(page.getByLabel('Unit price')).toHaveValue('250000.00');
  await page.getByLabel('Quantity').fill('4');
  await page.getByLabel('Tax').fill('10');
  await page.getByRole('button', { name: 'Add line' }).click();
  const lines = page.getByRole('table', { name: 'Line items' });
  await expect(lines.getByRole('row').filter({ hasText: product })).toContainText('₩1,000,000');
  await expect(page.getByTestId('lines-total')).toHaveText('₩1,100,000');
  // The deal amount follows the lines.
  await expect(page.getByText('₩1,000,000 ·')).toBeVisible();

  // Quotes: create a draft, submit it, approve if it needs approval, then send and read the link.
  await page.getByRole('tab', { name: 'Quotes' }).click();
  await page.getByRole('button', { name: 'New quote' }).first().click();
  await page.getByRole('dialog').getByRole('button', { name: 'Create draft' }).click();
  const quote = page.getByTestId('quote-card').first();
  await expect(quote).toContainText('Draft');
  await expect(quote).toContainText('₩1,100,000');
  await quote.getByRole('button', { name: 'Submit for approval' }).click();
  await expect(quote).toContainText(/Approved|Awaiting approval/);
  if (await quote.getByRole('button', { name: 'Approve' }).isVisible()) {
    await quote.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('dialog').getByLabel('Comment').fill('OK');
    await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
  }
  await expect(quote).toContainText('Approved');
  await quote.getByRole('button', { name: 'Send' }).click();
  const linkDialog = page.getByRole('dialog', { name: 'Public link' });
  await expect(linkDialog.getByRole('textbox', { name: 'Link' })).toHaveValue(/\/quotes\//);
  await linkDialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(quote).toContainText('Sent');
  const download = page.waitForEvent('download');
  await quote.getByRole('button', { name: 'PDF' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
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
