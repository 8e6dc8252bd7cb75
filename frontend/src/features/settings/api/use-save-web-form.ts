import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { WebFormCreate, WebFormUpdate } from './types';

export function useCreateWebForm() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: WebFormCreate) => unwrap(await api.POST('/web-forms', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.webForms }),
  });
}

export function useUpdateWebForm() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, changes }: { id: string; changes: WebFormUpdate }) =>
      unwrap(await api.PATCH('/web-forms/{form_id}', { params: { path: { form_id: id } }, body: changes })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.webForms }),
  });
}
