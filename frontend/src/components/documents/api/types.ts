import type { Schemas } from '@/api/client';

export type Document = Schemas['DocumentRead'];
export type DocumentKind = Schemas['DocumentKind'];
export type DocumentVersion = Schemas['DocumentVersionRead'];
export type DocumentUpdate = Schemas['DocumentUpdate'];
export type ShareLink = Schemas['ShareLinkRead'];
export type ShareLinkCreated = Schemas['ShareLinkCreated'];
export type ShareLinkCreate = Schemas['ShareLinkCreate'];
export type ShareDownload = Schemas['ShareDownloadRead'];

export const DOCUMENT_KINDS: DocumentKind[] = ['quote', 'proposal', 'contract', 'invoice', 'other'];

/** The records a document can be filed under from a record page. */
export type DocumentRecordType = 'customer' | 'lead' | 'deal';

export interface DocumentRecord {
  type: DocumentRecordType;
  id: string;
}

export interface DocumentListParams {
  q?: string;
  kind?: DocumentKind | '';
  record?: DocumentRecord;
  limit?: number;
  sort?: string;
}
