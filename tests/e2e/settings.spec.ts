import { expect, test, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './playwright.config';

async function logIn(page: Page) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(ADMIN_EMAIL);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN_PASSWORD);
  await page.getByRole('textbox', { name: 'Password', exact: true }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
}

test('admin defines a select custom field, fills it on a new customer and sees it on the detail page', async ({ page }) => {
  const suffix = Date.now().toString(36);
  const label = `Account tier ${suffix}`;
  const company = `Initech ${suffix}`;

  await logIn(page);

  // Settings is in the navbar for admins.
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Users' })).toContainText(ADMIN_EMAIL);

  // Define a single-choice field with two options.
  await page.getByRole('tab', { name: 'Custom fields' }).click();
  await expect(page).toHaveURL(/\/settings\/custom-fields$/);
  await page.getByRole('button', { name: 'New field' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'New custom field' });
  await dialog.getByRole('textbox', { name: 'Label' }).fill(label);
  await expect(dialog.getByRole('textbox', { name: 'Key' })).toHaveValue(`account_tier_${suffix}`);
  await dialog.getByRole('combobox', { name: 'Type' }).click();
  await page.getByRole('option', { name: 'Single choice' }).click();
  const options = dialog.getByRole('textbox', { name: 'Options' }).or(dialog.getByRole('combobox', { name: 'Options' }));
  await options.fill('Gold');
  await options.press('Enter');
  await options.fill('Silver');
  await options.press('Enter');
  await dialog.getByRole('button', { name: 'Create field' }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByRole('table', { name: 'Custom fields' }).getByRole('row').filter({ hasText: label });
  await expect(row).toContainText('Single choice');
  await expect(row).toContainText('Gold');

  // Create a customer with a value for it.
  await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('link', { name: 'New customer' }).first().click();
  await page.getByLabel('Company name').fill(company);
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: 'Silver' }).click();
  await page.getByRole('button', { name: 'Save' }).click();

  // The detail page shows the label (not the key) and the value.
  await expect(page.getByRole('heading', { name: company, level: 1 })).toBeVisible();
  const card = page.locator('.mantine-Card-root').filter({ has: page.getByRole('heading', { name: 'Custom fields' }) });
  await expect(card).toContainText(label);
  await expect(card).toContainText('Silver');
  await expect(card).not.toContainText(`account_tier_${suffix}`);
});

test('record access explains each level', async ({ page }) => {
  await logIn(page);
  await page.goto('/settings/access');
  await expect(page.getByRole('heading', { name: 'Customers', level: 2 })).toBeVisible();
  // One card per access-controlled object type (customers, deals, ...), each explaining the levels.
  await expect(page.getByText('everyone sees and edits every record.').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Deals', level: 2 })).toBeVisible();
});
