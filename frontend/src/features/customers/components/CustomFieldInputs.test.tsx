import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { API, makeCustomer, makeField, problem, server } from '@/test/server';
import { logIn, renderRoute } from '@/test/render';
import { CustomerForm } from './CustomerForm';

const defs = [
  makeField({ id: 'f1', key: 'nickname', label: 'Nickname', type: 'text', position: 1 }),
  makeField({ id: 'f2', key: 'seats', label: 'Seats', type: 'number', position: 2 }),
  makeField({ id: 'f3', key: 'renewal', label: 'Renewal date', type: 'date', position: 3 }),
  makeField({ id: 'f4', key: 'partner', label: 'Partner', type: 'boolean', position: 4 }),
  makeField({ id: 'f5', key: 'tier', label: 'Tier', type: 'select', options: ['gold', 'silver'], required: true, position: 5 }),
  makeField({ id: 'f6', key: 'regions', label: 'Regions', type: 'multiselect', options: ['apac', 'emea'], position: 6 }),
  makeField({ id: 'f7', key: 'portal', label: 'Portal', type: 'url', position: 7 }),
  makeField({ id: 'f8', key: 'billing', label: 'Billing email', type: 'email', position: 8 }),
];

function useDefs() {
  let query = '';
  server.use(
    http.get(`${API}/customers`, () => HttpResponse.json({ items: [], next_cursor: null })),
    http.get(`${API}/custom-fields`, ({ request }) => {
      query = new URL(request.url).search;
      return HttpResponse.json({ items: defs, next_cursor: null });
    }),
  );
  return () => query;
}

describe('custom fields in the customer form', () => {
  it('renders one input per definition, by type, marking required ones', async () => {
    logIn();
    const query = useDefs();
    renderRoute(<CustomerForm onSaved={() => {}} onCancel={() => {}} />);
    const text = await screen.findByRole('textbox', { name: 'Nickname' });
    expect(query()).toContain('object_type=customer');
    expect(text).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Seats' })).toHaveAttribute('inputmode', 'decimal');
    expect(screen.getByLabelText('Renewal date')).toHaveAttribute('type', 'date');
    expect(screen.getByRole('switch', { name: 'Partner' })).toBeInTheDocument();
    const tier = screen.getByLabelText(/^Tier/, { selector: 'input' });
    expect(tier).toBeRequired();
    expect(screen.getByLabelText('Regions', { selector: 'input' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Portal' })).toHaveAttribute('type', 'url');
    expect(screen.getByRole('textbox', { name: 'Billing email' })).toHaveAttribute('type', 'email');
    // Select offers the definition's options.
    await userEvent.setup().click(tier);
    expect(await screen.findByRole('option', { name: 'gold', hidden: true })).toBeInTheDocument();
  });

  it('sends values under custom_fields and shows a 422 on a custom field under its input', async () => {
    logIn();
    useDefs();
    let body: Record<string, unknown> = {};
    server.use(
      http.post(`${API}/customers`, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return problem(422, 'Validation failed', {
          errors: [{ loc: ['body', 'custom_fields', 'portal'], msg: 'Portal: Input should be a valid URL', type: 'custom_field_type' }],
        });
      }),
    );
    const onSaved = vi.fn();
    renderRoute(<CustomerForm onSaved={onSaved} onCancel={() => {}} />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/company name/i), 'Acme');
    await user.type(screen.getByRole('textbox', { name: 'Nickname' }), 'Roadrunner');
    await user.click(screen.getByLabelText(/^Tier/, { selector: 'input' }));
    await user.click(await screen.findByRole('option', { name: 'silver', hidden: true }));
    await user.click(screen.getByRole('switch', { name: 'Partner' }));
    await user.type(screen.getByRole('textbox', { name: 'Portal' }), 'not-a-url');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Portal: Input should be a valid URL')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Portal' })).toHaveAttribute('aria-invalid', 'true');
    expect(body.custom_fields).toEqual({ nickname: 'Roadrunner', tier: 'silver', partner: true, portal: 'not-a-url' });
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('checks required custom fields before sending', async () => {
    logIn();
    useDefs();
    renderRoute(<CustomerForm onSaved={() => {}} onCancel={() => {}} />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText(/company name/i), 'Acme');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Tier is required')).toBeInTheDocument();
  });

  it('PATCH sends only changed custom field keys, and null for a cleared one', async () => {
    logIn();
    useDefs();
    const c = makeCustomer({ custom_fields: { nickname: 'Old', tier: 'gold', seats: '12' } });
    let body: Record<string, unknown> = {};
    server.use(
      http.patch(`${API}/customers/${c.id}`, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json({ ...c, version: 2 });
      }),
    );
    const onSaved = vi.fn();
    renderRoute(<CustomerForm customer={c} onSaved={onSaved} onCancel={() => {}} />);
    const user = userEvent.setup();
    await user.clear(await screen.findByRole('textbox', { name: 'Nickname' }));
    await user.type(screen.getByRole('textbox', { name: 'Portal' }), 'https://portal.acme.test');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(body).toEqual({ custom_fields: { nickname: null, portal: 'https://portal.acme.test' } });
  });
});
