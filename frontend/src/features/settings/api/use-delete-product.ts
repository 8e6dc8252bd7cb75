import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';

export function useDeleteProduct() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version }: { id: string; version: number }) => {
      unwrap(await api.DELETE('/products/{product_id}', { params: { path: { product_id: id }, header: { 'if-match': `"${version}"` } } }));
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: settingsKeys.products });
      void qc.invalidateQueries({ queryKey: ['trash'] });
    },
  });
}
