import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { UserUpdate } from './types';

export interface UpdateUserInput {
  id: string;
  version: number;
  changes: UserUpdate;
}

/** PATCH /users/{id} with If-Match: "<version>"; a stale version answers 412. */
export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, changes }: UpdateUserInput) =>
      unwrap(
        await api.PATCH('/users/{user_id}', {
          params: { path: { user_id: id }, header: { 'if-match': `"${version}"` } },
          body: changes,
        }),
      ),
    onSuccess: (updated) => {
      qc.setQueryData(settingsKeys.user(updated.id), updated);
      void qc.invalidateQueries({ queryKey: settingsKeys.users });
    },
  });
}
