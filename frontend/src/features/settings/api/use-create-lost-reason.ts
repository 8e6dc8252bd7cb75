import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { LostReasonCreate } from './types';

export function useCreateLostReason() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: LostReasonCreate) => unwrap(await api.POST('/lost-reasons', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.lostReasons.all }),
  });
}
