import { expect, test, type Page } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './playwright.config';

const SITE = 'http://forms.example.test';

async function logIn(page: Page) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(ADMIN_EMAIL);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN_PASSWORD);
  await page.getByRole('textbox', { name: 'Password', exact: true }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
}

/** Another origin: a marketing page with the pasted embed HTML, and its thank-you page. */
async function serveSite(page: Page, embedHtml: string) {
  await page.route(`${SITE}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const body =
      path === '/thanks'
        ? '<!doctype html><title>Thanks</title><h1>Thanks for signing up</h1>'
        : `<!doctype html><html><head><meta charset="utf-8"><title>Sign up</title></head><body><h1>Get a demo</h1>${embedHtml}</body></html>`;
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
}

test('web form lead: captured cross-origin, scored, qualified and converted into a customer and a deal', async ({ page }) => {
  const suffix = Date.now().toString(36);
  const ruleName = `Mid-size company ${suffix}`;
  const formName = `Demo request ${suffix}`;
  const first = 'Ada';
  const last = `Lovelace ${suffix}`;
  const company = `Analytical Engines ${suffix}`;
  const email = `ada.${suffix}@engines.example`;

  await logIn(page);

  // A scoring rule so the lead's score is not zero: company size at least 50 -> +30.
  await page.goto('/settings/lead-scoring');
  await page.getByRole('button', { name: 'New scoring rule' }).first().click();
  const ruleDialog = page.getByRole('dialog', { name: 'New scoring rule' });
  await ruleDialog.getByRole('textbox', { name: 'Name', exact: true }).fill(ruleName);
  await ruleDialog.getByLabel('Field', { exact: true }).click();
  await page.getByRole('option', { name: 'Company size', exact: true }).click();
  await ruleDialog.getByLabel('Operator', { exact: true }).click();
  await page.getByRole('option', { name: 'at least', exact: true }).click();
  await ruleDialog.getByLabel('Value', { exact: true }).fill('50');
  await ruleDialog.getByLabel('Points').fill('30');
  await ruleDialog.getByRole('button', { name: 'Save' }).click();
  await expect(ruleDialog).toBeHidden();
  const ruleRow = page.getByRole('table', { name: 'Scoring rules' }).getByRole('row').filter({ hasText: ruleName });
  await expect(ruleRow).toContainText('Company size ≥ 50');
  await expect(ruleRow).toContainText('+30');

  // A web form through Settings; creating it opens its embed view.
  await page.getByRole('tab', { name: 'Web forms' }).click();
  await page.getByRole('button', { name: 'New web form' }).first().click();
  const formDialog = page.getByRole('dialog', { name: 'New web form' });
  await formDialog.getByRole('textbox', { name: 'Name', exact: true }).fill(formName);
  await formDialog.getByRole('checkbox', { name: 'Company size', exact: true }).check();
  await expect(formDialog.getByRole('form', { name: 'Form preview' }).getByLabel('Company size')).toBeVisible();
  const origins = formDialog.getByLabel('Allowed origins');
  await origins.fill(SITE);
  await origins.press('Enter');
  await formDialog.getByLabel('Thank-you page').fill(`${SITE}/thanks`);
  await formDialog.getByRole('button', { name: 'Create form' }).click();
  const snippet = page.getByRole('dialog', { name: `${formName}: embed code` });
  await expect(snippet).toBeVisible();
  await expect(snippet.getByTestId('submit-url')).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/public\/forms\/.+\/submissions$/);
  const embedHtml = (await snippet.getByTestId('embed-html').textContent()) ?? '';
  expect(embedHtml).toContain('<form action="http://127.0.0.1');
  expect(embedHtml).toContain('name="company_size"');
  await snippet.getByRole('button', { name: 'Close' }).last().click();

  // A visitor on the other origin fills in the pasted form; the browser posts it cross-origin and follows the redirect.
  await serveSite(page, embedHtml);
  await page.goto(`${SITE}/signup`);
  await page.getByLabel('First name').fill(first);
  await page.getByLabel('Last name').fill(last);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Company', { exact: true }).fill(company);
  await page.getByLabel('Company size').fill('120');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page).toHaveURL(`${SITE}/thanks`);
  await expect(page.getByRole('heading', { name: 'Thanks for signing up' })).toBeVisible();

  // A bot fills the hidden honeypot too: it lands on the same page, but no lead is made.
  await page.goto(`${SITE}/signup`);
  await page.getByLabel('First name').fill('Spam');
  await page.getByLabel('Last name').fill(`Bot ${suffix}`);
  await page.getByLabel('Email').fill(`bot.${suffix}@spam.example`);
  await page.locator('input[name="hp_website"]').evaluate((el: HTMLInputElement) => (el.value = 'http://spam.example'));
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page).toHaveURL(`${SITE}/thanks`);

  // The form counts one submission and one spam.
  await page.goto('/settings/web-forms');
  const formRow = page.getByRole('table', { name: 'Web forms' }).getByRole('row').filter({ hasText: formName });
  await expect(formRow.getByRole('cell').nth(2)).toHaveText('1');
  await expect(formRow.getByRole('cell').nth(3)).toHaveText('1');

  // The lead is in my queue (no assignment rule: it goes to the admin) with its score; the bot is nowhere.
  await page.getByRole('navigation').getByRole('link', { name: 'Leads' }).click();
  await expect(page.getByRole('heading', { name: 'Leads', level: 1 })).toBeVisible();
  const queue = page.getByRole('table', { name: 'Leads' });
  const row = queue.getByRole('row').filter({ hasText: `${first} ${last}` });
  await expect(row).toContainText(company);
  await expect(row.getByTestId('score-badge')).toContainText('30');
  await expect(row).toContainText('Web form');
  await page.getByText('All leads', { exact: true }).click();
  await expect(page).toHaveURL(/view=all/);
  const searched = page.waitForResponse((r) => r.url().includes('/api/v1/leads?') && r.url().includes('q=Spam'));
  await page.getByRole('textbox', { name: 'Search' }).fill(`Spam Bot ${suffix}`);
  await searched;
  await expect(page.getByTestId('skeleton')).toHaveCount(0);
  await expect(page.getByRole('link', { name: `Spam Bot ${suffix}` })).toHaveCount(0);

  // Detail: the score and its reasons.
  await page.goto('/leads');
  await page.getByRole('table', { name: 'Leads' }).getByRole('link', { name: `${first} ${last}` }).click();
  await expect(page.getByRole('heading', { name: `${first} ${last}`, level: 1 })).toBeVisible();
  await expect(page.getByTestId('lead-score')).toHaveText('30');
  await expect(page.getByTestId('score-reason').filter({ hasText: ruleName })).toContainText('+30');
  await expect(page.getByText('1 submission', { exact: false })).toBeVisible();

  // Qualify.
  await page.getByRole('button', { name: 'Qualify', exact: true }).click();
  await expect(page.getByText(`${first} ${last} is now Qualified`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Qualify', exact: true })).toBeHidden();

  // Convert into a customer and a deal in the default pipeline.
  await page.getByRole('button', { name: 'Convert', exact: true }).click();
  const convert = page.getByRole('dialog', { name: `Convert ${first} ${last}` });
  await expect(convert.getByTestId('conversion-plan')).toContainText(`Will create a new company: ${company}`);
  await expect(convert.getByTestId('conversion-plan')).toContainText(`Will create a new person: ${first} ${last}`);
  await convert.getByRole('switch', { name: 'Create a deal' }).check({ force: true });
  await expect(convert.getByRole('textbox', { name: 'Deal name' })).toHaveValue(company);
  await convert.getByRole('textbox', { name: 'Amount' }).fill('5000000');
  await convert.getByRole('button', { name: 'Convert' }).click();

  // Lands on the new deal, which belongs to the new company.
  await expect(page.getByRole('heading', { name: company, level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/deals\/[0-9a-f-]+$/);
  await expect(page.getByText(`${first} ${last} converted`)).toBeVisible();
  await page.getByRole('link', { name: company }).first().click();
  await expect(page.getByRole('heading', { name: company, level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]+$/);
});
