import { screen, within } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { API, me, server } from '@/test/server';
import { logIn, renderRoute } from '@/test/render';
import { HistoryTable } from './HistoryTable';

describe('HistoryTable', () => {
  it('lists who changed which field from old to new', async () => {
    logIn();
    const id = '00000000-0000-7000-8000-0000000000c3';
    server.use(
      http.get(`${API}/customers/${id}/history`, () =>
        HttpResponse.json({
          items: [
            {
              id: '00000000-0000-7000-8000-0000000000d4',
              field: 'job_title',
              old_value: 'Engineer',
              new_value: 'CTO',
              action: 'updated',
              actor_id: me.id,
              actor_name: 'Ada Admin',
              changed_at: '2026-03-01T12:00:00Z',
            },
          ],
          next_cursor: null,
        }),
      ),
    );
    renderRoute(<HistoryTable customerId={id} />);
    const table = await screen.findByRole('table', { name: 'History' });
    const row = within(table).getAllByRole('row')[1]!;
    expect(row).toHaveTextContent('Job title');
    expect(row).toHaveTextContent('Engineer → CTO');
    expect(row).toHaveTextContent('Ada Admin');
    expect(row).toHaveTextContent('Updated');
  });
});
