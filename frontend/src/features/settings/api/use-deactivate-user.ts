import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';

export function useDeactivateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.POST('/users/{user_id}/deactivate', { params: { path: { user_id: id } } })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.users }),
  });
}
