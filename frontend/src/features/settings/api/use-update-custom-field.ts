import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { CustomFieldUpdate } from './types';

export interface UpdateCustomFieldInput {
  id: string;
  version: number;
  changes: CustomFieldUpdate;
}

/** PATCH /custom-fields/{id} with If-Match; a stale version answers 412. */
export function useUpdateCustomField() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, changes }: UpdateCustomFieldInput) =>
      unwrap(
        await api.PATCH('/custom-fields/{field_id}', {
          params: { path: { field_id: id }, header: { 'if-match': `"${version}"` } },
          body: changes,
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.customFields.all }),
  });
}
