import { Badge, Group, Text, Timeline } from '@mantine/core';
import { IconArrowRight, IconFlag } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { formatDuration } from '@/lib/duration';
import { useFormatters } from '@/lib/format';
import { useStageHistory } from '../api/use-stage-history';

/** Stage changes, newest first, with the time spent in each stage entered. */
export function StageTimeline({ dealId }: { dealId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const history = useStageHistory(dealId);
  if (history.isPending) return <TableSkeleton rows={3} />;
  if (history.isError) return <ProblemAlert error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) return <EmptyState title={t('deals.stages.empty')} />;
  // The server lists changes oldest first; show the newest on top.
  const items = [...history.data].reverse();
  return (
    <Timeline active={0} bulletSize={22} lineWidth={2} aria-label={t('deals.detail.stages')}>
      {items.map((h) => (
        <Timeline.Item
          key={h.id}
          bullet={h.from_stage_id ? <IconArrowRight size={12} /> : <IconFlag size={12} />}
          title={
            <Group gap="xs">
              <Text fw={600} size="sm">
                {h.to_stage_name}
              </Text>
              {h.current && (
                <Badge size="xs" variant="light">
                  {t('deals.stages.current')}
                </Badge>
              )}
            </Group>
          }
          data-testid="stage-history-item"
        >
          <Text size="xs" c="dimmed">
            {h.from_stage_name ? t('deals.stages.movedFrom', { stage: h.from_stage_name }) : t('deals.stages.created')}
            {' · '}
            {fmt.dateTime(h.changed_at)}
            {h.changed_by_name ? ` · ${h.changed_by_name}` : ''}
          </Text>
          <Text size="sm" mt={2}>
            {t('deals.stages.timeIn', { duration: formatDuration(h.seconds_in_stage, fmt.locale) })}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
