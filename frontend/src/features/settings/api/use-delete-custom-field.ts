import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';

/** DELETE /custom-fields/{id} with If-Match, so a definition changed meanwhile is not removed blindly. */
export function useDeleteCustomField() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version }: { id: string; version: number }) => {
      unwrap(
        await api.DELETE('/custom-fields/{field_id}', { params: { path: { field_id: id }, header: { 'if-match': `"${version}"` } } }),
      );
      return id;
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.customFields.all }),
  });
}
