import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { components } from '@/api/schema.gen';
import { makePipeline } from '@/test/deals';
import { API, problem, server } from '@/test/server';
import { logIn, renderRoute } from '@/test/render';
import SettingsPage from '../routes/SettingsPage';

type S = components['schemas'];

const other = makePipeline({ id: '00000000-0000-7000-8000-0000000000p2', name: 'Partners', is_default: false, currency: 'USD', version: 4 });

describe('PipelinesPanel: edit a pipeline', () => {
  it('renames it and makes it the default with If-Match from its version', async () => {
    logIn();
    let sent: { body: S['PipelineUpdate']; ifMatch: string | null } | undefined;
    server.use(
      http.get(`${API}/pipelines`, () => HttpResponse.json({ items: [other], next_cursor: null })),
      http.patch(`${API}/pipelines/:pid`, async ({ request }) => {
        sent = { body: (await request.json()) as S['PipelineUpdate'], ifMatch: request.headers.get('if-match') };
        return HttpResponse.json({ ...other, name: 'Partner deals', is_default: true, version: 5 } satisfies S['PipelineRead']);
      }),
    );
    renderRoute(<SettingsPage />, { path: '/settings/pipelines', pattern: '/settings/:tab' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit pipeline Partners' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Partners' });
    const name = within(dialog).getByRole('textbox', { name: /^Pipeline name/ });
    await user.clear(name);
    await user.type(name, 'Partner deals');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Make this the default pipeline' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Pipeline Partner deals saved')).toBeInTheDocument();
    expect(sent).toEqual({ body: { name: 'Partner deals', is_default: true }, ifMatch: '"4"' });
  });

  it('offers to reload the latest version on 412', async () => {
    logIn();
    server.use(
      http.get(`${API}/pipelines`, () => HttpResponse.json({ items: [makePipeline()], next_cursor: null })),
      http.patch(`${API}/pipelines/:pid`, () => problem(412, 'Precondition failed')),
    );
    renderRoute(<SettingsPage />, { path: '/settings/pipelines', pattern: '/settings/:tab' });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Edit pipeline Sales' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Sales' });
    expect(within(dialog).getByRole('checkbox', { name: 'Make this the default pipeline' })).toBeDisabled();
    await user.type(within(dialog).getByRole('textbox', { name: /^Pipeline name/ }), ' team');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('dialog', { name: 'This was changed by someone else' })).toBeInTheDocument();
  });
});
