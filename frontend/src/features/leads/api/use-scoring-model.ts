import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { leadKeys } from './keys';

/** GET /scoring/model: status, training size, holdout AUC vs the rules', Brier, calibration, top factors. */
export function useScoringModel() {
  return useQuery({
    queryKey: leadKeys.model(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/scoring/model', { signal })),
  });
}
