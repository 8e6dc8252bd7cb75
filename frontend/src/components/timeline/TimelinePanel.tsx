import { Badge, Button, Chip, Group, Paper, Skeleton, Stack, Timeline } from '@mantine/core';
import { IconCalendarEvent, IconChecklist, IconNote, IconPhone } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { assignableUsers } from '@/components/TaskForm';
import { useCurrentUser } from '@/hooks/use-current-user';
import { useFreshIds } from '@/hooks/use-live-record';
import { useLostReasons } from '@/hooks/use-lost-reasons';
import { useUserDirectory } from '@/hooks/use-user-directory';
import { TIMELINE_KINDS, type InteractionType, type RecordType, type TimelineKind } from './api/types';
import { useTimeline } from './api/use-timeline';
import { CommentComposer } from './CommentComposer';
import { EmailDropZone } from './EmailDropZone';
import { LogInteractionModal } from './LogInteractionModal';
import { NewTaskModal } from './NewTaskModal';
import { entryBullet, TimelineEntryContent } from './TimelineEntry';

interface Props {
  recordType: RecordType;
  recordId: string;
}

/**
 * A record's history in one stream (interactions, comments, tasks, stage and field changes, newest
 * first) with what adds to it: quick logs, an .eml drop zone, comments with @mentions and tasks.
 */
export function TimelinePanel({ recordType, recordId }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const users = useUserDirectory();
  const fresh = useFreshIds();
  const reasons = useLostReasons(recordType === 'deal');
  // Leads have no deals, so no stage changes.
  const available = useMemo(() => TIMELINE_KINDS.filter((k) => recordType !== 'lead' || k !== 'stage_change'), [recordType]);
  const [kinds, setKinds] = useState<string[]>([]);
  const kindParam = kinds.length === 0 || kinds.length === available.length ? '' : available.filter((k) => kinds.includes(k)).join(',');
  const timeline = useTimeline(recordType, recordId, kindParam);
  const [logging, setLogging] = useState<InteractionType | null>(null);
  const [newTask, setNewTask] = useState(false);

  const canWrite = me.data ? me.data.role !== 'viewer' : false;
  const directory = users.data ?? [];
  const userName = (id: string) => {
    const u = directory.find((x) => x.id === id);
    return u ? u.full_name || u.email : undefined;
  };
  const lookup = (id: string) => userName(id) ?? reasons.data?.find((r) => r.id === id)?.name;
  const mentionNames = directory.map((u) => u.full_name).filter(Boolean);
  const assignees = assignableUsers(directory, me.data);

  let body;
  if (timeline.isPending) {
    body = (
      <Stack gap="md" aria-busy="true" aria-label={t('app.loading')} data-testid="skeleton">
        {[0, 1, 2].map((i) => (
          <Group key={i} gap="sm" wrap="nowrap" align="flex-start">
            <Skeleton height={24} circle />
            <Stack gap={6} style={{ flex: 1 }}>
              <Skeleton height={14} width="40%" />
              <Skeleton height={12} width="70%" />
            </Stack>
          </Group>
        ))}
      </Stack>
    );
  } else if (timeline.isError) {
    body = <ProblemAlert error={timeline.error} onRetry={() => void timeline.refetch()} />;
  } else {
    const items = timeline.data.pages.flatMap((p) => p.items);
    if (items.length === 0) {
      body = kindParam ? (
        <EmptyState title={t('timeline.emptyFiltered')} description={t('timeline.emptyFilteredBody')} action={<Button variant="light" onClick={() => setKinds([])}>{t('timeline.showAll')}</Button>} />
      ) : (
        <EmptyState title={t('timeline.empty')} description={t(canWrite ? 'timeline.emptyBody' : 'timeline.emptyBodyReadOnly')} />
      );
    } else {
      body = (
        <Stack>
          <Timeline bulletSize={26} lineWidth={2} role="list" aria-label={t('timeline.label')}>
            {items.map((item) => {
              const { icon, color } = entryBullet(item);
              const isFresh = fresh.has(item.id);
              return (
                <Timeline.Item
                  key={`${item.kind}-${item.id}`}
                  bullet={icon}
                  color={color}
                  role="listitem"
                  data-testid="timeline-item"
                  data-kind={item.kind}
                  style={{
                    borderRadius: 'var(--mantine-radius-sm)',
                    transition: 'background-color 1.5s ease',
                    backgroundColor: isFresh ? 'var(--mantine-color-yellow-0)' : undefined,
                  }}
                  // Mantine colours the bullet only for active items; every bullet here shows its kind.
                  styles={{ itemBullet: { backgroundColor: `var(--mantine-color-${color}-6)`, borderColor: `var(--mantine-color-${color}-6)`, color: 'white' } }}
                >
                  <Group gap="xs" align="flex-start" wrap="nowrap" justify="space-between">
                    <TimelineEntryContent item={item} pageType={recordType} pageId={recordId} userName={userName} lookup={lookup} mentionNames={mentionNames} />
                    {isFresh && (
                      <Badge size="xs" color="yellow" variant="filled">
                        {t('timeline.fresh')}
                      </Badge>
                    )}
                  </Group>
                </Timeline.Item>
              );
            })}
          </Timeline>
          {timeline.hasNextPage && (
            <Group>
              <Button variant="default" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            </Group>
          )}
        </Stack>
      );
    }
  }

  return (
    <Stack>
      {canWrite && (
        <>
          <Group gap="xs">
            <Button variant="light" leftSection={<IconPhone size={16} />} onClick={() => setLogging('call')}>
              {t('timeline.actions.logCall')}
            </Button>
            <Button variant="light" leftSection={<IconCalendarEvent size={16} />} onClick={() => setLogging('meeting')}>
              {t('timeline.actions.logMeeting')}
            </Button>
            <Button variant="light" leftSection={<IconNote size={16} />} onClick={() => setLogging('note')}>
              {t('timeline.actions.addNote')}
            </Button>
            <Button variant="light" color="orange" leftSection={<IconChecklist size={16} />} onClick={() => setNewTask(true)}>
              {t('timeline.actions.newTask')}
            </Button>
          </Group>
          <Paper withBorder p="sm" radius="md">
            <CommentComposer recordType={recordType} recordId={recordId} users={directory} meId={me.data?.id} />
          </Paper>
          <EmailDropZone recordType={recordType} recordId={recordId} />
        </>
      )}
      <Group gap="xs" role="group" aria-label={t('timeline.filters')}>
        <Chip size="xs" variant="outline" checked={kinds.length === 0} onChange={() => setKinds([])}>
          {t('timeline.all')}
        </Chip>
        <Chip.Group multiple value={kinds} onChange={setKinds}>
          {available.map((k: TimelineKind) => (
            <Chip key={k} value={k} size="xs" variant="outline">
              {t(`timeline.kinds.${k}`)}
            </Chip>
          ))}
        </Chip.Group>
      </Group>
      {body}
      {logging && <LogInteractionModal recordType={recordType} recordId={recordId} initialType={logging} onClose={() => setLogging(null)} />}
      {newTask && <NewTaskModal recordType={recordType} recordId={recordId} assignees={assignees} meId={me.data?.id} onClose={() => setNewTask(false)} />}
    </Stack>
  );
}
