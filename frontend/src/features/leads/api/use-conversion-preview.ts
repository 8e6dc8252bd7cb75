import { useQuery } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { leadKeys } from './keys';

/** GET /leads/{id}/conversion: which existing company / person converting would link, or create. */
export function useConversionPreview(id: string, enabled = true) {
  return useQuery({
    queryKey: leadKeys.conversion(id),
    enabled: enabled && Boolean(id),
    // Customers change under us: always ask again when the dialog opens.
    staleTime: 0,
    gcTime: 0,
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/leads/{lead_id}/conversion', { signal, params: { path: { lead_id: id } } })),
  });
}
