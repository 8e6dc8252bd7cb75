import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { profileKeys } from './keys';

/** Whether the caller has an iCalendar feed URL (GET /calendar/feed; the URL itself only comes when made). */
export function useCalendarFeed() {
  return useQuery({
    queryKey: profileKeys.calendarFeed(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/calendar/feed', { signal })),
  });
}

/** POST /calendar/feed: a new secret URL (the old one stops working); the URL is in this answer only. */
export function useRotateCalendarFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/calendar/feed')),
    onSuccess: (feed) => qc.setQueryData(profileKeys.calendarFeed(), { ...feed, url: null }),
  });
}

/** DELETE /calendar/feed. */
export function useRevokeCalendarFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { response, error } = await api.DELETE('/calendar/feed');
      if (!response.ok) unwrap({ response, error });
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: profileKeys.calendarFeed() }),
  });
}
