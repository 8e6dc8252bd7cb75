import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { dealKeys } from './keys';

export interface LostReasonsReportParams {
  pipelineId?: string;
  from?: string;
  to?: string;
}

/** GET /reports/lost-reasons: lost deals per reason (count and amount in the base currency). */
export function useLostReasonsReport(params: LostReasonsReportParams) {
  return useQuery({
    queryKey: dealKeys.lostReasonsReport(params),
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/reports/lost-reasons', {
          signal,
          params: { query: { pipeline_id: params.pipelineId || undefined, from: params.from || undefined, to: params.to || undefined } },
        }),
      ),
  });
}
