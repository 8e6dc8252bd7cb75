import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { CustomFieldCreate } from './types';

export function useCreateCustomField() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: CustomFieldCreate) => unwrap(await api.POST('/custom-fields', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.customFields.all }),
  });
}
