import { useQuery } from '@tanstack/react-query';
import { api, type Schemas } from '@/api/client';
import { unwrap } from '@/api/errors';

export type DirectoryUser = Schemas['UserRead'];

/** Same key as the features' owner pickers (['users', 'list']): one cached list of colleagues. */
export const userDirectoryKey = ['users', 'list'] as const;

/** Colleagues (GET /users, first 200; everyone signed in may list them): names for mentions and live cues. */
export function useUserDirectory(enabled = true) {
  return useQuery({
    queryKey: userDirectoryKey,
    enabled,
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }) => unwrap(await api.GET('/users', { signal, params: { query: { limit: 200 } } })).items,
  });
}

/** A user's display name from the directory (full name, else e-mail). */
export function useUserName(): (id: string | null | undefined) => string | undefined {
  const users = useUserDirectory();
  return (id) => {
    if (!id) return undefined;
    const u = users.data?.find((x) => x.id === id);
    return u ? u.full_name || u.email : undefined;
  };
}
