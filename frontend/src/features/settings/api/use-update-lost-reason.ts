import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { LostReasonUpdate } from './types';

export function useUpdateLostReason() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, changes }: { id: string; changes: LostReasonUpdate }) =>
      unwrap(await api.PATCH('/lost-reasons/{reason_id}', { params: { path: { reason_id: id } }, body: changes })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.lostReasons.all }),
  });
}
