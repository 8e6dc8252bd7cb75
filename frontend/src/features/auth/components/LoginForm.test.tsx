import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { session } from '@/api/session';
import { API, problem, server } from '@/test/server';
import { renderRoute } from '@/test/render';
import { LoginForm } from './LoginForm';

describe('LoginForm', () => {
  it('shows a message on 401 and submits with the keyboard', async () => {
    let body = '';
    server.use(
      http.post(`${API}/auth/token`, async ({ request }) => {
        body = await request.text();
        return problem(401, 'Unauthorized', { detail: 'Bad credentials' });
      }),
    );
    const onSuccess = vi.fn();
    renderRoute(<LoginForm onSuccess={onSuccess} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/email/i), 'admin@example.com');
    await user.type(screen.getByLabelText(/^password/i, { selector: 'input' }), 'wrong{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Incorrect email or password.');
    expect(new URLSearchParams(body).get('username')).toBe('admin@example.com');
    expect(onSuccess).not.toHaveBeenCalled();
    expect(session.get()).toBeNull();
  });

  it('shows the retry delay on 429', async () => {
    server.use(
      http.post(`${API}/auth/token`, () => {
        const r = problem(429, 'Too Many Requests');
        r.headers.set('Retry-After', '30');
        return r;
      }),
    );
    renderRoute(<LoginForm onSuccess={() => {}} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/email/i), 'admin@example.com');
    await user.type(screen.getByLabelText(/^password/i, { selector: 'input' }), 'x');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Try again in 30 seconds');
  });

  it('stores the token pair on success', async () => {
    server.use(
      http.post(`${API}/auth/token`, () =>
        Response.json({ access_token: 'a1', refresh_token: 'r1', token_type: 'bearer', expires_in: 900 }),
      ),
    );
    const onSuccess = vi.fn();
    renderRoute(<LoginForm onSuccess={onSuccess} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/email/i), 'admin@example.com');
    await user.type(screen.getByLabelText(/^password/i, { selector: 'input' }), 'right{Enter}');
    await vi.waitFor(() => expect(onSuccess).toHaveBeenCalled());
    expect(session.get()).toEqual({ access_token: 'a1', refresh_token: 'r1' });
  });
});
