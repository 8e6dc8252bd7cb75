import { Badge, Transition } from '@mantine/core';
import { IconBolt } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useRecordLiveCue } from '@/hooks/use-live-record';
import { useUserName } from '@/hooks/use-user-directory';
import type { RecordType } from '@/lib/live';

function cueKey(type: string): string {
  const kind = type.split('.')[0];
  if (kind === 'interaction') return 'live.logged';
  if (kind === 'comment') return 'live.commented';
  if (kind === 'task') return 'live.task';
  if (type.endsWith('.deleted')) return 'live.deleted';
  return 'live.updated';
}

/** "Updated by Rep A just now": shown for a few seconds when someone else changes the record on screen. */
export function LiveChangeBadge({ recordType, recordId }: { recordType: RecordType; recordId: string }) {
  const { t } = useTranslation();
  const { cue, visible } = useRecordLiveCue(recordType, recordId);
  const userName = useUserName();
  const text = cue ? t(cueKey(cue.type), { name: userName(cue.actorId) ?? t('live.someone') }) : '';
  return (
    <div role="status" aria-live="polite">
      <Transition mounted={visible} transition="fade" duration={300}>
        {(styles) => (
          <Badge style={styles} tt="none" variant="light" color="yellow" leftSection={<IconBolt size={12} />} data-testid="live-change">
            {text}
          </Badge>
        )}
      </Transition>
    </div>
  );
}
