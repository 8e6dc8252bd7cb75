import { render } from '@testing-library/react';
import type { QueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { session } from '@/api/session';
import { Providers } from '@/app/providers';
import { createQueryClient } from '@/app/query-client';

const clients = new Set<QueryClient>();

/** Drop the caches (and their timers) of every client renderRoute made; setup.ts calls it after each test. */
export function clearQueryClients() {
  clients.forEach((c) => c.clear());
  clients.clear();
}

export function logIn() {
  session.set({ access_token: 'test-access', refresh_token: 'test-refresh' });
}

/** Render `element` at `path` (matching `pattern`) inside the app's providers. */
export function renderRoute(element: ReactElement, { path = '/', pattern = '/' }: { path?: string; pattern?: string } = {}) {
  const client = createQueryClient();
  clients.add(client);
  client.setDefaultOptions({ queries: { retry: false, staleTime: 0 }, mutations: { retry: false } });
  const router = createMemoryRouter(
    [
      { path: pattern, element },
      { path: '*', element: <div>elsewhere</div> },
    ],
    { initialEntries: [path] },
  );
  const utils = render(
    <Providers client={client}>
      <RouterProvider router={router} />
    </Providers>,
  );
  return { ...utils, router, client };
}
