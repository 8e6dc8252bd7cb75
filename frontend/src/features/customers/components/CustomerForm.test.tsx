import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { API, makeCustomer, problem, server } from '@/test/server';
import { logIn, renderRoute } from '@/test/render';
import { CustomerForm } from './CustomerForm';

describe('CustomerForm', () => {
  it('maps a server 422 errors[].loc onto the matching field', async () => {
    logIn();
    server.use(
      http.get(`${API}/customers`, () => HttpResponse.json({ items: [], next_cursor: null })),
      http.post(`${API}/customers`, () =>
        problem(422, 'Validation failed', {
          errors: [{ loc: ['body', 'emails', 0, 'value'], msg: 'Domain does not accept mail', type: 'value_error' }],
        }),
      ),
    );
    const onSaved = vi.fn();
    renderRoute(<CustomerForm onSaved={onSaved} onCancel={() => {}} />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/company name/i), 'Acme');
    await user.click(screen.getByRole('button', { name: 'Add email' }));
    await user.type(screen.getByLabelText('Email'), 'sales@acme.invalid');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Domain does not accept mail')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('validates on the client before sending', async () => {
    logIn();
    server.use(http.get(`${API}/customers`, () => HttpResponse.json({ items: [], next_cursor: null })));
    renderRoute(<CustomerForm onSaved={() => {}} onCancel={() => {}} />);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Enter the company name')).toBeInTheDocument();
  });

  it('sends If-Match and offers to reload on 412', async () => {
    logIn();
    const c = makeCustomer({ version: 3 });
    let ifMatch: string | null = null;
    server.use(
      http.get(`${API}/customers`, () => HttpResponse.json({ items: [], next_cursor: null })),
      http.patch(`${API}/customers/${c.id}`, ({ request }) => {
        ifMatch = request.headers.get('If-Match');
        return problem(412, 'Precondition Failed');
      }),
    );
    renderRoute(<CustomerForm customer={c} onSaved={() => {}} onCancel={() => {}} onReloadLatest={async () => ({ ...c, version: 4 })} />);
    const user = userEvent.setup();
    await user.clear(await screen.findByLabelText(/company name/i));
    await user.type(screen.getByLabelText(/company name/i), 'Acme 2');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('This customer was changed')).toBeInTheDocument();
    expect(ifMatch).toBe('"3"');
  });
});
