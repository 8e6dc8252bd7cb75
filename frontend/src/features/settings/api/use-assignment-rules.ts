import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { AssignmentRule } from './types';

/** Every assignment rule in position order (GET /assignment-rules). */
export function useAssignmentRules() {
  return useQuery({
    queryKey: settingsKeys.assignmentRules,
    queryFn: async ({ signal }) => {
      const items: AssignmentRule[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = unwrap(await api.GET('/assignment-rules', { signal, params: { query: { limit: 200, cursor } } }));
        items.push(...page.items);
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      return items.sort((a, b) => a.position - b.position);
    },
  });
}
