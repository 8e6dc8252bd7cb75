import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '@/api/errors';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Client errors will not fix themselves; retry network / 5xx twice.
        retry: (count, error) => {
          if (isApiError(error) && error.status < 500) return false;
          return count < 2;
        },
      },
    },
  });
}
