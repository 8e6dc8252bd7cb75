import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { session } from '@/api/session';
import { authKeys } from './keys';

/** Revoke the refresh token (best effort) and forget the session locally. */
export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationKey: authKeys.logout(),
    mutationFn: async () => {
      const pair = session.get();
      if (pair) {
        try {
          await api.POST('/auth/logout', { body: { refresh_token: pair.refresh_token } });
        } catch {
          /* offline: still log out locally */
        }
      }
    },
    onSettled: () => {
      session.clear();
      qc.clear();
    },
  });
}
