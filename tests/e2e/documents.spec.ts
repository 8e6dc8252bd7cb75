import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { makePdf } from './pdf-fixture.mjs';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './playwright.config';

async function logIn(page: Page, email = ADMIN_EMAIL, password = ADMIN_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(password);
  await page.getByRole('textbox', { name: 'Password', exact: true }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
}

test('documents: upload two files to a deal, preview the PDF, add a version, share it, download without login, revoke', async ({ page, browser }) => {
  const suffix = Date.now().toString(36);
  const proposal = makePdf(`Initech proposal ${suffix}`);
  const revised = makePdf(`Initech proposal ${suffix}, revised prices`);
  const notes = Buffer.from(`Meeting notes ${suffix}\nBudget approved in principle.\n`);

  // A customer and a deal, through the API.
  await logIn(page);
  const token = await page.evaluate(() => (JSON.parse(localStorage.getItem('crm.session') ?? '{}') as { access_token?: string }).access_token);
  const headers = { Authorization: `Bearer ${token}` };
  const customer = await page.request.post('/api/v1/customers', { headers, data: { type: 'company', name: `Initech ${suffix}` } });
  expect(customer.status()).toBe(201);
  const customerId = ((await customer.json()) as { id: string }).id;
  const deal = await page.request.post('/api/v1/deals', { headers, data: { name: `Initech rollout ${suffix}`, customer_id: customerId } });
  expect(deal.status()).toBe(201);
  const dealId = ((await deal.json()) as { id: string }).id;

  // The deal's Documents tab: empty, with a dropzone that opens the file picker.
  await page.goto(`/deals/${dealId}`);
  await page.getByRole('tab', { name: 'Documents' }).click();
  await expect(page.getByText('No documents here yet')).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /Upload files/ }).press('Enter');
  await (await chooser).setFiles([
    { name: 'proposal.pdf', mimeType: 'application/pdf', buffer: proposal },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: notes },
  ]);

  // Each file has its own progress bar; both finish.
  const uploads = page.getByRole('list', { name: 'Uploads' });
  await expect(uploads.getByRole('progressbar', { name: 'Uploading proposal.pdf' })).toBeVisible();
  await expect(uploads.getByRole('progressbar', { name: 'Uploading notes.txt' })).toBeVisible();
  await expect(uploads.getByRole('listitem', { name: 'proposal.pdf' })).toHaveAttribute('data-status', 'done');
  await expect(uploads.getByRole('listitem', { name: 'notes.txt' })).toHaveAttribute('data-status', 'done');
  const list = page.getByRole('table', { name: 'Documents' });
  await expect(list.getByTestId('document-row')).toHaveCount(2);

  // Open the PDF: pdf.js draws its page in the drawer.
  await list.getByRole('button', { name: 'proposal.pdf' }).click();
  const drawer = page.getByRole('dialog', { name: 'Document' });
  await expect(drawer.getByRole('heading', { name: 'proposal.pdf' })).toBeVisible();
  const firstPage = drawer.getByRole('img', { name: 'Page 1 of 1' });
  await expect(firstPage).toBeVisible();
  await expect(firstPage).toHaveAttribute('data-rendered', 'true');
  const box = await firstPage.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(300);

  // A new version.
  await drawer.getByRole('tab', { name: 'Versions (1)' }).click();
  await drawer.getByLabel('What changed (optional)').fill('Revised prices');
  const versionChooser = page.waitForEvent('filechooser');
  await drawer.getByRole('button', { name: 'Choose the file' }).click();
  await (await versionChooser).setFiles({ name: 'proposal-v2.pdf', mimeType: 'application/pdf', buffer: revised });
  await expect(drawer.getByRole('tab', { name: 'Versions (2)' })).toBeVisible();
  const versions = drawer.getByRole('table', { name: 'Versions' });
  await expect(versions.getByTestId('version-row')).toHaveCount(2);
  await expect(versions.getByText('Revised prices')).toBeVisible();

  // A share link from the dialog.
  await drawer.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share “proposal.pdf”' });
  await dialog.getByRole('button', { name: 'Create link' }).click();
  await expect(dialog.getByText('Link created')).toBeVisible();
  const url = await dialog.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(url).toMatch(/\/s\/[\w-]{10,}$/);

  // A fresh browser, no login: the public page downloads the current version.
  const guest = await browser.newContext({ acceptDownloads: true });
  const guestPage = await guest.newPage();
  await guestPage.goto(url);
  await expect(guestPage.getByRole('heading', { name: 'proposal.pdf', level: 1 })).toBeVisible();
  await expect(guestPage.getByText(/proposal-v2\.pdf · /)).toBeVisible();
  const downloading = guestPage.waitForEvent('download');
  await guestPage.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('proposal-v2.pdf');
  const saved = await readFile(await download.path());
  expect(saved.equals(revised)).toBe(true);

  // Revoke it: the list says so, and the public page says the link was revoked.
  const row = dialog.getByTestId('share-link-row');
  await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
  await dialog.getByRole('button', { name: 'Revoke now' }).click();
  await expect(row).toHaveAttribute('data-status', 'revoked');
  await expect(row.getByText('Revoked')).toBeVisible();
  await guestPage.reload();
  await expect(guestPage.getByRole('heading', { name: 'This link has been revoked', level: 1 })).toBeVisible();
  await guest.close();
});
