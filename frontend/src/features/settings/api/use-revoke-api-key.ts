import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';

export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      unwrap(await api.DELETE('/api-keys/{key_id}', { params: { path: { key_id: id } } }));
      return id;
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.apiKeys() }),
  });
}
