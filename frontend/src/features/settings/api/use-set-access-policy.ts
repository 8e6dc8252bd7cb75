import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { AccessLevel, AccessPolicy } from './types';

export function useSetAccessPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ objectType, level }: { objectType: string; level: AccessLevel }) =>
      unwrap(await api.PUT('/access-policies/{object_type}', { params: { path: { object_type: objectType } }, body: { level } })),
    onSuccess: (saved) => {
      qc.setQueryData<AccessPolicy[]>(settingsKeys.accessPolicies(), (prev) =>
        prev?.map((p) => (p.object_type === saved.object_type ? saved : p)),
      );
      // What users may see changed: lists and records must be re-read.
      void qc.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}
