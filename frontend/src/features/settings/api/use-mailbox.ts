import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type ApiPaths } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { MailStatus } from './types';

type ListQuery = NonNullable<ApiPaths['/mailbox']['get']['parameters']['query']>;

/** E-mails the CRM sent or keeps (GET /mailbox, newest first; admins). `status` filters generically. */
export function useMailbox(status: MailStatus | '') {
  return useInfiniteQuery({
    queryKey: settingsKeys.mailList(status),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const query = { limit: 50, cursor: pageParam ?? undefined, ...(status ? { status } : {}) } as ListQuery;
      return unwrap(await api.GET('/mailbox', { signal, params: { query } }));
    },
    getNextPageParam: (last) => last.next_cursor ?? null,
  });
}
