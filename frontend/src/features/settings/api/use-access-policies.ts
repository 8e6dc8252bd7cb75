import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';

export function useAccessPolicies() {
  return useQuery({
    queryKey: settingsKeys.accessPolicies(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/access-policies', { signal })),
  });
}
