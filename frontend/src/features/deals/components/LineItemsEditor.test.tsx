import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { components } from '@/api/schema.gen';
import { makeDeal, makeLine } from '@/test/deals';
import { logIn, renderRoute } from '@/test/render';
import { API, server } from '@/test/server';
import { LineItemsEditor } from './LineItemsEditor';

type S = components['schemas'];

const deal = makeDeal();

describe('LineItemsEditor', () => {
  it('shows server-computed lines and totals, and maps a 422 onto the field', async () => {
    logIn();
    let body: S['DealLineCreate'] | undefined;
    server.use(
      http.get(`${API}/deals/:id/lines`, () =>
        HttpResponse.json({ items: [makeLine()], currency: 'KRW', net_total: '900000.00', tax_total: '90000.00', total: '990000.00' } satisfies S['DealLines']),
      ),
      http.get(`${API}/products`, () => HttpResponse.json({ items: [], next_cursor: null })),
      http.post(`${API}/deals/:id/lines`, async ({ request }) => {
        body = (await request.json()) as S['DealLineCreate'];
        return HttpResponse.json(
          { type: 'about:blank', title: 'Invalid', status: 422, errors: [{ loc: ['body', 'discount_percent'], msg: 'Above the allowed maximum', type: 'value_error' }] },
          { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
        );
      }),
    );
    renderRoute(<LineItemsEditor deal={deal} />);
    const table = await screen.findByRole('table', { name: 'Line items' });
    const row = within(table).getByRole('row', { name: /Onboarding workshop/ });
    expect(row).toHaveTextContent('₩500,000');
    expect(row).toHaveTextContent('₩990,000');
    expect(screen.getByTestId('lines-total')).toHaveTextContent('₩990,000');

    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Description' }), 'Support hours');
    await user.clear(screen.getByRole('textbox', { name: 'Quantity' }));
    await user.type(screen.getByRole('textbox', { name: 'Quantity' }), '3');
    await user.type(screen.getByRole('textbox', { name: 'Unit price' }), '120000.50');
    await user.clear(screen.getByRole('textbox', { name: 'Discount' }));
    await user.type(screen.getByRole('textbox', { name: 'Discount' }), '40');
    await user.click(screen.getByRole('button', { name: 'Add line' }));
    await waitFor(() =>
      expect(body).toEqual({
        product_id: null,
        description: 'Support hours',
        quantity: '3',
        unit_price: '120000.50',
        discount_percent: '40',
        tax_percent: '0',
      }),
    );
    expect(await screen.findByText('Above the allowed maximum')).toBeInTheDocument();
  });
});
