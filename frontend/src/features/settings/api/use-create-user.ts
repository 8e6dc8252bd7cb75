import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { UserCreate } from './types';

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: UserCreate) => unwrap(await api.POST('/users', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.users }),
  });
}
