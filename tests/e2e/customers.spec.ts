import { expect, test, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './playwright.config';

async function logIn(page: Page) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(ADMIN_EMAIL);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN_PASSWORD);
  await page.getByRole('textbox', { name: 'Password', exact: true }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
}

test('customer lifecycle: create, search with a typo, edit, history, delete, restore', async ({ page }) => {
  const suffix = Date.now().toString(36);
  const company = `Globex ${suffix}`;
  const last = `Kowalski${suffix}`;
  const person = `John ${last}`;

  await logIn(page);

  // Create a company.
  await page.getByRole('link', { name: 'New customer' }).first().click();
  await expect(page.getByRole('heading', { name: 'New customer' })).toBeVisible();
  await page.getByLabel('Company name').fill(company);
  await page.getByLabel('Industry').fill('Manufacturing');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: company, level: 1 })).toBeVisible();

  // Create a person employed by it (from the company's People tab).
  await page.getByRole('tab', { name: 'People' }).click();
  await page.getByRole('link', { name: 'Add person' }).first().click();
  await expect(page.getByRole('heading', { name: 'New customer' })).toBeVisible();
  await page.getByLabel('First name').fill('John');
  await page.getByLabel('Last name').fill(last);
  await expect(page.getByRole('combobox', { name: 'Employer' })).toHaveValue(company);
  await page.getByLabel('Job title').fill('Engineer');
  await page.getByRole('button', { name: 'Add email' }).click();
  await page.getByLabel('Email', { exact: true }).fill(`john.${suffix}@example.com`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: person, level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: `Works at ${company}` })).toBeVisible();

  // Search with a misspelt first name; the backend search is typo tolerant.
  await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
  await page.getByLabel('Search customers').fill(`Jonh ${last}`);
  await page.getByRole('table', { name: 'Customers' }).getByRole('link', { name: person }).click();
  await expect(page.getByRole('heading', { name: person, level: 1 })).toBeVisible();

  // Edit the job title.
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByLabel('Job title')).toHaveValue('Engineer');
  await page.getByLabel('Job title').fill('CTO');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: person, level: 1 })).toBeVisible();
  await expect(page.getByText('CTO').first()).toBeVisible();

  // History shows old -> new for the job title.
  await page.getByRole('tab', { name: 'History' }).click();
  const history = page.getByRole('table', { name: 'History' });
  const jobRow = history.getByRole('row').filter({ hasText: 'Job title' }).filter({ hasText: 'Engineer → CTO' });
  await expect(jobRow).toHaveCount(1);
  await expect(jobRow).toContainText('Administrator');

  // Delete, then Undo from the notification.
  const url = page.url().split('?')[0]!;
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText(`${person} moved to Trash`)).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText(`${person} restored`)).toBeVisible();
  await page.goto(url);
  await expect(page.getByRole('heading', { name: person, level: 1 })).toBeVisible();

  // Delete again and restore from the Trash page.
  await page.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText(`${person} moved to Trash`)).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Trash' }).click();
  const trash = page.getByRole('table', { name: 'Trash' });
  await expect(trash.getByRole('row').filter({ hasText: person })).toBeVisible();
  await trash.getByRole('button', { name: `Restore ${person}` }).click();
  await expect(trash.getByRole('row').filter({ hasText: person })).toHaveCount(0);

  // It is back in the customers list.
  await page.getByRole('navigation').getByRole('link', { name: 'Customers' }).click();
  await page.getByLabel('Search customers').fill(last);
  await expect(page.getByRole('table', { name: 'Customers' }).getByRole('link', { name: person })).toBeVisible();
});

test('login shows an error for a wrong password', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(ADMIN_EMAIL);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Incorrect email or password.');
});
