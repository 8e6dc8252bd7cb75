import { useEffect, useState } from 'react';
import { liveEvents } from '@/api/live';
import { eventTouchesRecord, type RecordType } from '@/lib/live';
import { useCurrentUser } from './use-current-user';

export interface LiveCue {
  actorId: string | null;
  type: string;
  at: number;
}

/** How long a cue or a highlight stays. */
export const CUE_MS = 10_000;

/**
 * The latest change someone else made to the record on screen; `visible` for a few seconds after it
 * (the cue itself stays so that it can fade out).
 */
export function useRecordLiveCue(recordType: RecordType, recordId: string): { cue: LiveCue | null; visible: boolean } {
  const me = useCurrentUser();
  const myId = me.data?.id;
  const [cue, setCue] = useState<LiveCue | null>(null);
  const [visible, setVisible] = useState(false);
  useEffect(
    () =>
      liveEvents.subscribe((ev) => {
        if (ev.type === 'reset' || !eventTouchesRecord(ev, recordType, recordId)) return;
        if (ev.actor_id && ev.actor_id === myId) return;
        setCue({ actorId: ev.actor_id, type: ev.type, at: Date.now() });
        setVisible(true);
      }),
    [recordType, recordId, myId],
  );
  useEffect(() => {
    if (!cue) return undefined;
    const timer = setTimeout(() => setVisible(false), CUE_MS);
    return () => clearTimeout(timer);
  }, [cue]);
  return { cue, visible };
}

/** Ids of items (interactions, comments, tasks) others just created or changed: briefly highlighted. */
export function useFreshIds(): ReadonlySet<string> {
  const me = useCurrentUser();
  const myId = me.data?.id;
  const [fresh, setFresh] = useState<ReadonlySet<string>>(() => new Set());
  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const unsubscribe = liveEvents.subscribe((ev) => {
      if (!ev.record_id || (ev.actor_id && ev.actor_id === myId)) return;
      if (!['interaction', 'comment', 'task'].includes(ev.record_type ?? '')) return;
      const id = ev.record_id;
      setFresh((s) => new Set(s).add(id));
      const timer = setTimeout(() => {
        timers.delete(timer);
        setFresh((s) => {
          const next = new Set(s);
          next.delete(id);
          return next;
        });
      }, CUE_MS);
      timers.add(timer);
    });
    return () => {
      unsubscribe();
      timers.forEach(clearTimeout);
    };
  }, [myId]);
  return fresh;
}
