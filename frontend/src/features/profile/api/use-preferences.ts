import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { profileKeys } from './keys';
import type { NotificationKind } from './types';

/** Which notification kinds also come by e-mail (GET /notifications/preferences). */
export function usePreferences() {
  return useQuery({
    queryKey: profileKeys.preferences(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/notifications/preferences', { signal })),
  });
}

/** PUT /notifications/preferences. */
export function useSavePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (emailKinds: NotificationKind[]) => unwrap(await api.PUT('/notifications/preferences', { body: { email_kinds: emailKinds } })),
    onSuccess: (prefs) => qc.setQueryData(profileKeys.preferences(), prefs),
  });
}
