import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { leadKeys } from './keys';

/** POST /scoring/model/train (admin): retrains on closed leads and re-scores every lead. */
export function useTrainModel() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/scoring/model/train')),
    onSuccess: (model) => {
      qc.setQueryData(leadKeys.model(), model);
      void qc.invalidateQueries({ queryKey: leadKeys.all });
    },
  });
}
