import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { components } from '@/api/schema.gen';
import { makeWebForm } from '@/test/leads';
import { logIn, renderRoute } from '@/test/render';
import { API, server } from '@/test/server';
import SettingsPage from '../routes/SettingsPage';

type S = components['schemas'];

describe('WebFormsPanel', () => {
  it('lists forms and shows the embed view: HTML, submit URL, counts and a live preview', async () => {
    logIn();
    server.use(http.get(`${API}/web-forms`, () => HttpResponse.json({ items: [makeWebForm()], next_cursor: null })));
    renderRoute(<SettingsPage />, { path: '/settings/web-forms', pattern: '/settings/:tab' });
    const row = (await screen.findByRole('table', { name: 'Web forms' })).querySelector('tbody tr') as HTMLElement;
    expect(row).toHaveTextContent('Contact us');
    expect(row).toHaveTextContent('First name, Work email*, Employees, How can we help?');
    expect(row).toHaveTextContent('12');

    await userEvent.setup().click(screen.getByRole('button', { name: 'Embed code of Contact us' }));
    const dialog = await screen.findByRole('dialog', { name: 'Contact us: embed code' });
    expect(within(dialog).getByTestId('embed-html')).toHaveTextContent('<form action="http://localhost/api/v1/public/forms/key123/submissions"');
    expect(within(dialog).getByTestId('submit-url')).toHaveValue('http://localhost/api/v1/public/forms/key123/submissions');
    expect(within(dialog).getByText('Spam blocked').parentElement).toHaveTextContent('3');
    expect(within(dialog).getByText(/Paste it on a page at https:\/\/www.example.com/)).toBeInTheDocument();
    const preview = within(dialog).getByRole('form', { name: 'Form preview' });
    expect(within(preview).getByRole('textbox', { name: /Work email/ })).toBeRequired();
    expect(within(dialog).getByRole('button', { name: 'Copy HTML' })).toBeInTheDocument();
  });

  it('creates a form from the fields editor, checks origins, then opens its code', async () => {
    logIn();
    let body: S['WebFormCreate'] | undefined;
    server.use(
      http.get(`${API}/web-forms`, () => HttpResponse.json({ items: [], next_cursor: null })),
      http.post(`${API}/web-forms`, async ({ request }) => {
        body = (await request.json()) as S['WebFormCreate'];
        return HttpResponse.json(makeWebForm({ name: body.name, fields: body.fields as S['FormFieldRead'][] }), { status: 201 });
      }),
    );
    renderRoute(<SettingsPage />, { path: '/settings/web-forms', pattern: '/settings/:tab' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New web form' }));
    const dialog = await screen.findByRole('dialog', { name: 'New web form' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Demo');
    // Email is always in; add company size and make it required; the preview follows.
    expect(within(dialog).getByRole('checkbox', { name: 'Email' })).toBeDisabled();
    await user.click(within(dialog).getByRole('checkbox', { name: 'Company size' }));
    await user.click(within(dialog).getByRole('checkbox', { name: 'Company size required' }));
    const preview = within(dialog).getByRole('form', { name: 'Form preview' });
    expect(within(preview).getByLabelText(/Company size/)).toBeRequired();

    const origins = within(dialog).getByLabelText('Allowed origins', { selector: 'input' });
    await user.type(origins, 'a.test{enter}');
    await user.type(within(dialog).getByRole('textbox', { name: 'Thank-you page' }), 'https://a.test/t');
    await user.click(within(dialog).getByRole('button', { name: 'Create form' }));
    expect(await within(dialog).findByText('a.test is not an origin like https://www.example.com')).toBeInTheDocument();
    expect(body).toBeUndefined();

    // Backspace in the empty input removes the bad origin.
    await user.click(origins);
    await user.keyboard('{Backspace}');
    await user.type(origins, 'https://a.test{enter}');
    await user.click(within(dialog).getByRole('button', { name: 'Create form' }));
    await waitFor(() =>
      expect(body).toEqual({
        name: 'Demo',
        fields: [
          { name: 'first_name', label: 'First name', required: false },
          { name: 'last_name', label: 'Last name', required: false },
          { name: 'email', label: 'Email', required: true },
          { name: 'company_name', label: 'Company', required: false },
          { name: 'company_size', label: 'Company size', required: true },
        ],
        allowed_origins: ['https://a.test'],
        redirect_url: 'https://a.test/t',
        default_owner_id: null,
        default_campaign: null,
        dedupe_window_hours: 720,
        active: true,
      }),
    );
    expect(await screen.findByRole('dialog', { name: 'Demo: embed code' })).toBeInTheDocument();
  }, 40_000);
});
