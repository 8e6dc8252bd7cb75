import { screen } from '@testing-library/react';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { API, me, server } from '@/test/server';
import { logIn, renderRoute } from '@/test/render';
import { AppShellLayout } from './AppShellLayout';

describe('navbar', () => {
  it('shows Settings to admins', async () => {
    logIn();
    renderRoute(<AppShellLayout />);
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(await screen.findByRole('link', { name: 'Settings' })).toHaveAttribute('href', '/settings');
    expect(nav).toContainElement(screen.getByRole('link', { name: 'Settings' }));
  });

  it('hides Settings from non-admins', async () => {
    logIn();
    server.use(http.get(`${API}/users/me`, () => HttpResponse.json({ ...me, role: 'sales', full_name: 'Sam Sales' })));
    renderRoute(<AppShellLayout />);
    expect(await screen.findByText('Sam Sales')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Customers' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Settings' })).not.toBeInTheDocument();
  });
});
