import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';

export function useDeleteWebForm() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      unwrap(await api.DELETE('/web-forms/{form_id}', { params: { path: { form_id: id } } }));
      return id;
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.webForms }),
  });
}
