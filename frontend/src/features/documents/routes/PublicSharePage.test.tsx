import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { components } from '@/api/schema.gen';
import { renderRoute } from '@/test/render';
import { API, problem, server } from '@/test/server';
import PublicSharePage from './PublicSharePage';

type S = components['schemas'];
const TOKEN = 'tok-abcdefghijkl';

function makeShare(overrides: Partial<S['PublicShare']> = {}): S['PublicShare'] {
  return {
    title: 'Initech proposal',
    file_name: 'proposal.pdf',
    content_type: 'application/pdf',
    size_bytes: 1_400_000,
    expires_at: '2026-04-30T09:00:00Z',
    password_required: false,
    downloads_left: null,
    ...overrides,
  };
}

function renderPage() {
  return renderRoute(<PublicSharePage />, { path: `/s/${TOKEN}`, pattern: '/s/:token' });
}

describe('PublicSharePage', () => {
  let saved: string[];
  beforeEach(() => {
    saved = [];
    // jsdom has no object URLs and does not navigate: record what would be saved.
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:test');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
  });
  afterEach(() => vi.restoreAllMocks());

  it('shows the file and downloads it without a login', async () => {
    let auth: string | null = 'unset';
    server.use(
      http.get(`${API}/public/shares/:token`, () => HttpResponse.json(makeShare({ downloads_left: 2 }))),
      http.get(`${API}/public/shares/:token/content`, ({ request }) => {
        auth = request.headers.get('authorization');
        return new HttpResponse('%PDF-1.4', { headers: { 'Content-Type': 'application/pdf' } });
      }),
    );
    renderPage();
    expect(await screen.findByRole('heading', { name: 'Initech proposal', level: 1 })).toBeInTheDocument();
    expect(screen.getByText('proposal.pdf · 1.4 MB')).toBeInTheDocument();
    expect(screen.getByText('2 downloads')).toBeInTheDocument();
    expect(screen.queryByLabelText(/Password/)).not.toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Download' }));
    expect(await screen.findByText('The download has started.')).toBeInTheDocument();
    expect(saved).toEqual(['proposal.pdf']);
    expect(auth).toBeNull();
  });

  it('asks for the password and says when it is wrong', async () => {
    const passwords: (FormDataEntryValue | null)[] = [];
    server.use(
      http.get(`${API}/public/shares/:token`, () => HttpResponse.json(makeShare({ password_required: true }))),
      http.post(`${API}/public/shares/:token/content`, async ({ request }) => {
        const pw = (await request.formData()).get('password');
        passwords.push(pw);
        if (pw !== 'right') return problem(403, 'Forbidden', { detail: 'Wrong password.' });
        return new HttpResponse('%PDF-1.4', { headers: { 'Content-Type': 'application/pdf' } });
      }),
    );
    const user = userEvent.setup();
    renderPage();
    const field = await screen.findByLabelText(/Password/);
    await user.click(screen.getByRole('button', { name: 'Download' }));
    expect(await screen.findByText('Type the password.')).toBeInTheDocument();
    await user.type(field, 'wrong');
    await user.click(screen.getByRole('button', { name: 'Download' }));
    expect(await screen.findByText('Wrong password.')).toBeInTheDocument();
    await user.clear(field);
    await user.type(field, 'right');
    await user.click(screen.getByRole('button', { name: 'Download' }));
    await waitFor(() => expect(saved).toEqual(['proposal.pdf']));
    expect(passwords).toEqual(['wrong', 'right']);
  });

  it.each([
    ['This link has been revoked.', 'This link has been revoked'],
    ['This link has expired.', 'This link has expired'],
    ['This link has reached its download limit.', 'This link has reached its download limit'],
  ])('says clearly when the link is gone (%s)', async (detail, heading) => {
    server.use(http.get(`${API}/public/shares/:token`, () => problem(410, 'Gone', { detail })));
    renderPage();
    expect(await screen.findByRole('heading', { name: heading, level: 1 })).toBeInTheDocument();
    expect(screen.getByText('Ask the sender for a new link.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Download' })).not.toBeInTheDocument();
  });

  it('says when the link is unknown', async () => {
    server.use(http.get(`${API}/public/shares/:token`, () => problem(404, 'Not found', { detail: 'Share link not found.' })));
    renderPage();
    expect(await screen.findByRole('heading', { name: 'This link does not work', level: 1 })).toBeInTheDocument();
  });
});
