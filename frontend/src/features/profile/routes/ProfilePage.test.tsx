import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { logIn, renderRoute } from '@/test/render';
import { API, server } from '@/test/server';
import ProfilePage from './ProfilePage';

const KINDS = ['mention', 'reminder', 'assignment', 'task', 'system'];

describe('ProfilePage', () => {
  it('saves which notifications also come by e-mail', async () => {
    logIn();
    let saved: unknown;
    server.use(
      http.get(`${API}/notifications/preferences`, () => HttpResponse.json({ email_kinds: ['mention', 'reminder'], kinds: KINDS })),
      http.put(`${API}/notifications/preferences`, async ({ request }) => {
        saved = await request.json();
        return HttpResponse.json({ ...(saved as object), kinds: KINDS });
      }),
      http.get(`${API}/calendar/feed`, () => HttpResponse.json({ active: false, url: null, created_at: null, last_used_at: null })),
    );
    renderRoute(<ProfilePage />);
    const user = userEvent.setup();
    const mention = await screen.findByRole('checkbox', { name: /Mention/ });
    expect(mention).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /Task due/ })).not.toBeChecked();
    await user.click(mention);
    await user.click(screen.getByRole('checkbox', { name: /Task due/ }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saved).toEqual({ email_kinds: ['reminder', 'task'] }));
  });

  it('makes a calendar feed URL, shows it once with a copy button, and revokes it', async () => {
    logIn();
    let active = false;
    let revoked = false;
    server.use(
      http.get(`${API}/notifications/preferences`, () => HttpResponse.json({ email_kinds: [], kinds: KINDS })),
      http.get(`${API}/calendar/feed`, () => HttpResponse.json({ active, url: null, created_at: active ? '2026-03-01T00:00:00Z' : null, last_used_at: null })),
      http.post(`${API}/calendar/feed`, () => {
        active = true;
        return HttpResponse.json({ active: true, url: 'https://crm.test/api/v1/public/calendar/secret.ics', created_at: '2026-03-01T00:00:00Z', last_used_at: null });
      }),
      http.delete(`${API}/calendar/feed`, () => {
        active = false;
        revoked = true;
        return new HttpResponse(null, { status: 204 });
      }),
    );
    renderRoute(<ProfilePage />);
    const user = userEvent.setup();
    const feed = await screen.findByRole('region', { name: 'Calendar feed' });
    await user.click(await within(feed).findByRole('button', { name: 'Create feed URL' }));
    expect(await within(feed).findByRole('textbox', { name: 'Feed URL' })).toHaveValue('https://crm.test/api/v1/public/calendar/secret.ics');
    expect(within(feed).getByRole('button', { name: 'Copy URL' })).toBeInTheDocument();
    await user.click(within(feed).getByRole('button', { name: 'Turn off' }));
    const dialog = await screen.findByRole('dialog', { name: 'Turn off the calendar feed?' });
    await user.click(within(dialog).getByRole('button', { name: 'Turn off' }));
    await waitFor(() => expect(revoked).toBe(true));
    expect(await within(feed).findByRole('button', { name: 'Create feed URL' })).toBeInTheDocument();
    expect(within(feed).queryByRole('textbox', { name: 'Feed URL' })).not.toBeInTheDocument();
  });
});
