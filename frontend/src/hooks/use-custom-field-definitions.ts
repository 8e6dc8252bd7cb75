import { useQuery } from '@tanstack/react-query';
import { api, type ApiPaths, type Schemas } from '@/api/client';
import { unwrap } from '@/api/errors';

export type CustomFieldDefinition = Schemas['CustomFieldRead'];
export type CustomFieldType = Schemas['FieldType'];

/** Shared key root: settings mutations invalidate it, customer screens read it. */
export const customFieldKeys = {
  all: ['custom-fields'] as const,
  list: (objectType: string) => [...customFieldKeys.all, 'list', objectType] as const,
};

type ListQuery = NonNullable<ApiPaths['/custom-fields']['get']['parameters']['query']>;

/**
 * Definitions of one object type, in position order (GET /custom-fields?object_type=...).
 * The list endpoint reads `field=value` filters generically, so the document does not declare
 * `object_type`; it is added here next to the typed params.
 */
export function useCustomFieldDefinitions(objectType: string, enabled = true) {
  return useQuery({
    queryKey: customFieldKeys.list(objectType),
    enabled,
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      const items: CustomFieldDefinition[] = [];
      let cursor: string | undefined;
      // Definitions are few; follow the cursor so none is silently missing.
      for (let i = 0; i < 10; i++) {
        const query = { limit: 200, sort: 'position', cursor, object_type: objectType } as ListQuery;
        const page = unwrap(await api.GET('/custom-fields', { signal, params: { query } }));
        items.push(...page.items);
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      return items;
    },
  });
}
