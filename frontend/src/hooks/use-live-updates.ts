import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { liveEvents, startLive } from '@/api/live';
import { staleRootsFor } from '@/lib/live';

/** How long invalidations are gathered before they run (a burst of events refetches once). */
const BATCH_MS = 150;

/**
 * The signed-in tab's live updates (started once, in the app shell): keeps the stream open and
 * marks the queries each event concerns stale, so lists and detail pages refresh without reload.
 */
export function useLiveUpdates(userId: string | undefined) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!userId) return undefined;
    const pending = new Map<string, readonly string[]>();
    let everything = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      if (everything) {
        everything = false;
        pending.clear();
        void qc.invalidateQueries();
        return;
      }
      for (const key of pending.values()) void qc.invalidateQueries({ queryKey: key });
      pending.clear();
    };
    const unsubscribe = liveEvents.subscribe((ev) => {
      const roots = staleRootsFor(ev);
      if (roots === null) everything = true;
      else for (const r of roots) pending.set(r.join('\u0000'), r);
      if (!timer && (everything || pending.size > 0)) timer = setTimeout(flush, BATCH_MS);
    });
    const release = startLive();
    return () => {
      unsubscribe();
      release();
      clearTimeout(timer);
    };
  }, [qc, userId]);
}
