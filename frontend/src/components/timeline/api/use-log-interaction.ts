import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { timelineKeys } from './keys';
import type { InteractionCreate } from './types';

/** POST /interactions (a call, meeting, note, … linked to a customer, lead or deal). */
export function useLogInteraction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: InteractionCreate) => unwrap(await api.POST('/interactions', { body })),
    // A company's timeline shows its people's and deals' items too: refresh every timeline.
    onSuccess: () => void qc.invalidateQueries({ queryKey: timelineKeys.all }),
  });
}
