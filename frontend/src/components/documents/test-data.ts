import type { Document, ShareLink, ShareLinkCreated } from './api/types';

export const DEAL_ID = '00000000-0000-7000-8000-0000000000d1';
export const DOC_ID = '00000000-0000-7000-8000-00000000d0c1';

export function makeDocument(overrides: Partial<Document> = {}): Document {
  return {
    id: DOC_ID,
    title: 'Proposal.pdf',
    kind: 'proposal',
    description: null,
    tags: [],
    owner_id: '00000000-0000-7000-8000-000000000001',
    owner_name: 'Ada Admin',
    current_version: 1,
    file_name: 'Proposal.pdf',
    content_type: 'application/pdf',
    size_bytes: 1_400_000,
    sha256: 'a'.repeat(64),
    links: [{ record_type: 'deal', record_id: DEAL_ID, title: 'Initech rollout' }],
    previewable: true,
    can_edit: true,
    created_at: '2026-03-01T09:00:00Z',
    updated_at: '2026-03-01T09:00:00Z',
    version: 1,
    ...overrides,
  };
}

export function makeShareLink(overrides: Partial<ShareLink> = {}): ShareLink {
  return {
    id: '00000000-0000-7000-8000-00000000a111',
    document_id: DOC_ID,
    version_number: null,
    expires_at: '2026-03-08T09:00:00Z',
    password_protected: false,
    max_downloads: null,
    download_count: 0,
    revoked_at: null,
    created_by_id: null,
    created_at: '2026-03-01T09:00:00Z',
    last_download_at: null,
    status: 'active',
    ...overrides,
  };
}

export function makeCreatedLink(overrides: Partial<ShareLinkCreated> = {}): ShareLinkCreated {
  return { ...makeShareLink(), token: 'tok-abcdefghijkl', url: '/s/tok-abcdefghijkl', api_url: '/api/v1/public/shares/tok-abcdefghijkl/content', ...overrides };
}
