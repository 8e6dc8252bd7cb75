import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { ProductCreate, ProductUpdate } from './types';

export function useCreateProduct() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: ProductCreate) => unwrap(await api.POST('/products', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.products }),
  });
}

/** PATCH /products/{id} with If-Match; a stale version answers 412. */
export function useUpdateProduct() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, version, changes }: { id: string; version: number; changes: ProductUpdate }) =>
      unwrap(
        await api.PATCH('/products/{product_id}', {
          params: { path: { product_id: id }, header: { 'if-match': `"${version}"` } },
          body: changes,
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.products }),
  });
}
