import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { ScoringRule } from './types';

/** Every scoring rule (GET /scoring/rules; few, so the cursor is followed). */
export function useScoringRules() {
  return useQuery({
    queryKey: settingsKeys.scoringRules,
    queryFn: async ({ signal }) => {
      const items: ScoringRule[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = unwrap(await api.GET('/scoring/rules', { signal, params: { query: { limit: 200, cursor } } }));
        items.push(...page.items);
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      return items;
    },
  });
}
