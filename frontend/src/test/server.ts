import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import type { components } from '@/api/schema.gen';

type S = components['schemas'];

export const API = `${window.location.origin}/api/v1`;

export const me: S['UserRead'] = {
  id: '00000000-0000-7000-8000-000000000001',
  email: 'admin@example.com',
  full_name: 'Ada Admin',
  role: 'admin',
  manager_id: null,
  is_active: true,
  locale: 'en',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  version: 1,
};

export function makeCustomer(overrides: Partial<S['CustomerRead']> = {}): S['CustomerRead'] {
  return {
    id: '00000000-0000-7000-8000-0000000000a1',
    type: 'company',
    name: 'Acme Corp',
    first_name: null,
    last_name: null,
    company_id: null,
    company_name: null,
    job_title: null,
    emails: [{ label: 'work', value: 'hello@acme.test', primary: true }],
    phones: [],
    addresses: [],
    website: 'acme.test',
    industry: 'Manufacturing',
    social_profiles: {},
    birthday: null,
    tags: ['vip'],
    owner_id: me.id,
    owner_name: me.full_name,
    lifecycle_stage: 'customer',
    notes: null,
    custom_fields: {},
    created_at: '2026-02-01T09:30:00Z',
    updated_at: '2026-02-02T10:00:00Z',
    deleted_at: null,
    version: 1,
    ...overrides,
  };
}

export function makeField(overrides: Partial<S['CustomFieldRead']> = {}): S['CustomFieldRead'] {
  return {
    id: '00000000-0000-7000-8000-0000000000f1',
    object_type: 'customer',
    key: 'tier',
    label: 'Tier',
    type: 'text',
    options: null,
    required: false,
    position: 0,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    version: 1,
    ...overrides,
  };
}

/** Handlers every authenticated screen needs. */
export const baseHandlers = [
  http.get(`${API}/users/me`, () => HttpResponse.json(me)),
  http.get(`${API}/custom-fields`, () => HttpResponse.json({ items: [], next_cursor: null } satisfies S['Page_CustomFieldRead_'])),
  http.get(`${API}/users`, () => HttpResponse.json({ items: [me], next_cursor: null } satisfies S['Page_UserRead_'])),
  // The app shell: the bell, the My day badge and the live stream (204: the stream stays closed in tests).
  http.get(`${API}/notifications/unread-count`, () => HttpResponse.json({ count: 0 })),
  http.get(`${API}/tasks`, () => HttpResponse.json({ items: [], next_cursor: null, total: 0 } satisfies S['Page_Union_TaskRead__Tombstone__'])),
  http.get(`${API}/stream`, () => new HttpResponse(null, { status: 204 })),
];

export const server = setupServer(...baseHandlers);

export function problem(status: number, title: string, extra: Partial<S['Problem']> = {}) {
  return HttpResponse.json({ type: 'about:blank', title, status, ...extra } satisfies S['Problem'], {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}
