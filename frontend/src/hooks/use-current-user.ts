import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { session } from '@/api/session';

export const currentUserKey = ['users', 'me'] as const;

/** The signed-in user (GET /users/me); shared by the shell and any feature needing the role. */
export function useCurrentUser() {
  const loggedIn = useIsLoggedIn();
  return useQuery({
    queryKey: currentUserKey,
    queryFn: async ({ signal }) => unwrap(await api.GET('/users/me', { signal })),
    enabled: loggedIn,
    staleTime: 5 * 60_000,
  });
}

export function useIsLoggedIn(): boolean {
  return useSyncExternalStore(session.subscribe, () => session.get() !== null, () => false);
}
