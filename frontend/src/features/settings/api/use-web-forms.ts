import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { WebForm } from './types';

/** Every web form, by name (GET /web-forms; forms are few, so the cursor is followed). */
export function useWebForms() {
  return useQuery({
    queryKey: settingsKeys.webFormList(),
    queryFn: async ({ signal }) => {
      const items: WebForm[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = unwrap(await api.GET('/web-forms', { signal, params: { query: { limit: 200, sort: 'name', cursor } } }));
        items.push(...page.items);
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      return items;
    },
  });
}
