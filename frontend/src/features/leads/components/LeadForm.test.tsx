import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import type { components } from '@/api/schema.gen';
import { logIn, renderRoute } from '@/test/render';
import { API, problem, server } from '@/test/server';
import { LeadForm } from './LeadForm';

type S = components['schemas'];

describe('LeadForm', () => {
  it('checks on the client first, then shows server 422s on their fields', async () => {
    logIn();
    let body: S['LeadCreate'] | undefined;
    server.use(
      http.post(`${API}/leads`, async ({ request }) => {
        body = (await request.json()) as S['LeadCreate'];
        return problem(422, 'Validation failed', {
          errors: [{ loc: ['body', 'emails', 0, 'value'], msg: 'value is not a valid email address', type: 'value_error' }],
        });
      }),
    );
    const onSaved = vi.fn();
    renderRoute(<LeadForm onSaved={onSaved} onCancel={() => {}} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Enter a name, a company or an email')).toBeInTheDocument();
    expect(body).toBeUndefined();

    await user.type(screen.getByRole('textbox', { name: 'First name' }), 'Ada');
    await user.type(screen.getByRole('textbox', { name: 'Country' }), 'K1');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Use a two-letter country code, e.g. KR')).toBeInTheDocument();
    await user.clear(screen.getByRole('textbox', { name: 'Country' }));
    await user.type(screen.getByRole('textbox', { name: 'Country' }), 'kr');
    await user.type(screen.getByRole('textbox', { name: 'Email' }), 'ada@engines.example');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('value is not a valid email address')).toBeInTheDocument();
    await waitFor(() => expect(body).toMatchObject({ first_name: 'Ada', country: 'KR', emails: [{ label: 'work', value: 'ada@engines.example', primary: true }], status: 'new', source: 'other' }));
    expect(body && 'owner_id' in body).toBe(false);
    expect(onSaved).not.toHaveBeenCalled();
  }, 60_000);
});
