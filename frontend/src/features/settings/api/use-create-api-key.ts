import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { ApiKeyCreate } from './types';

/** POST /api-keys; the response carries the secret `key` once. It is never cached. */
export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: ApiKeyCreate) => unwrap(await api.POST('/api-keys', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.apiKeys() }),
  });
}
