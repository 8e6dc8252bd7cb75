import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { API, makeCustomer, problem, server } from '@/test/server';
import { logIn, renderRoute } from '@/test/render';
import CustomersListPage from './CustomersListPage';

describe('CustomersListPage', () => {
  it('renders rows from the API and sends sort/filter params', async () => {
    logIn();
    const seen: URLSearchParams[] = [];
    server.use(
      http.get(`${API}/customers`, ({ request }) => {
        seen.push(new URL(request.url).searchParams);
        return HttpResponse.json({
          items: [
            makeCustomer(),
            makeCustomer({ id: '00000000-0000-7000-8000-0000000000b2', type: 'person', name: 'John Smith', first_name: 'John', last_name: 'Smith', tags: [] }),
          ],
          next_cursor: null,
          total: 2,
        });
      }),
    );
    renderRoute(<CustomersListPage />, { path: '/customers', pattern: '/customers' });
    const table = await screen.findByRole('table', { name: 'Customers' });
    expect(within(table).getByRole('link', { name: 'Acme Corp' })).toHaveAttribute('href', expect.stringMatching(/\/customers\/0+/));
    expect(within(table).getByRole('link', { name: 'John Smith' })).toBeInTheDocument();
    expect(screen.getByText('2 customers')).toBeInTheDocument();
    expect(seen[0]?.get('sort')).toBe('-created_at');
    expect(seen[0]?.get('include_total')).toBe('true');

    await userEvent.setup().click(screen.getByRole('button', { name: 'Sort by Name' }));
    await vi.waitFor(() => expect(seen.at(-1)?.get('sort')).toBe('name'));
  });

  it('shows the empty state with a New customer action', async () => {
    logIn();
    server.use(http.get(`${API}/customers`, () => HttpResponse.json({ items: [], next_cursor: null, total: 0 })));
    renderRoute(<CustomersListPage />, { path: '/customers', pattern: '/customers' });
    expect(await screen.findByText('No customers yet')).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: 'New customer' }).length).toBeGreaterThan(0);
  });

  it('shows problem details on error', async () => {
    logIn();
    server.use(http.get(`${API}/customers`, () => problem(422, 'Invalid filter', { detail: 'Unknown sort field' })));
    renderRoute(<CustomersListPage />, { path: '/customers', pattern: '/customers' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Invalid filter');
    expect(alert).toHaveTextContent('Unknown sort field');
  });
});
