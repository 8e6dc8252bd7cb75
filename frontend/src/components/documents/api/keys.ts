import type { DocumentListParams } from './types';

/** Query-key factory of the documents (lists, one document, its versions, content and links). */
export const documentKeys = {
  all: ['documents'] as const,
  lists: () => [...documentKeys.all, 'list'] as const,
  list: (params: DocumentListParams) => [...documentKeys.lists(), params] as const,
  details: () => [...documentKeys.all, 'detail'] as const,
  detail: (id: string) => [...documentKeys.details(), id] as const,
  versions: (id: string) => [...documentKeys.detail(id), 'versions'] as const,
  content: (id: string, version: number) => [...documentKeys.detail(id), 'content', version] as const,
  shareLinks: (id: string) => [...documentKeys.detail(id), 'share-links'] as const,
};
