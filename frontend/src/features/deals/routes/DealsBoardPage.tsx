import { Alert, Button, Group, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconList, IconPlus } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { defaultPipeline, usePipelines } from '@/hooks/use-pipelines';
import { useFormatters } from '@/lib/format';
import { dealKeys } from '../api/keys';
import { BOARD_MAX, BOARD_PAGE, useBoard } from '../api/use-board';
import { useUsers } from '../api/use-users';
import { DealBoard } from '../components/DealBoard';

function BoardSkeleton() {
  const { t } = useTranslation();
  return (
    <Group align="flex-start" wrap="nowrap" gap="sm" aria-busy="true" aria-label={t('app.loading')} data-testid="skeleton">
      {Array.from({ length: 5 }, (_, i) => (
        <Stack key={i} w={280} gap="xs">
          <Skeleton height={56} />
          <Skeleton height={90} />
          <Skeleton height={90} />
        </Stack>
      ))}
    </Group>
  );
}

/** /deals/board: one column per stage of the chosen pipeline; filters live in the URL. */
export default function DealsBoardPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [params, setParams] = useSearchParams();
  const pipelines = usePipelines();
  const users = useUsers();
  const pipelineId = params.get('pipeline') ?? defaultPipeline(pipelines.data)?.id ?? '';
  const ownerId = params.get('owner') ?? '';
  const [perStage, setPerStage] = useState(BOARD_PAGE);
  // Another pipeline or owner starts short again.
  useEffect(() => setPerStage(BOARD_PAGE), [pipelineId, ownerId]);
  const boardParams = useMemo(() => ({ pipelineId, ownerId: ownerId || undefined, perStage }), [pipelineId, ownerId, perStage]);
  const boardKey = useMemo(() => dealKeys.board(boardParams), [boardParams]);
  const board = useBoard(boardParams);

  const update = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const newButton = (
    <Button component={Link} to={`/deals/new${pipelineId ? `?pipeline=${pipelineId}` : ''}`} leftSection={<IconPlus size={16} />}>
      {t('deals.new')}
    </Button>
  );
  const total = board.data?.columns.reduce((n, c) => n + c.count, 0);

  let body;
  if (pipelines.isError) body = <ProblemAlert error={pipelines.error} onRetry={() => void pipelines.refetch()} />;
  else if (pipelines.isPending || (board.isPending && Boolean(pipelineId))) body = <BoardSkeleton />;
  else if (board.isError) body = <ProblemAlert error={board.error} onRetry={() => void board.refetch()} />;
  else if (!board.data || board.data.columns.length === 0)
    body = <EmptyState title={t('deals.board.noStagesTitle')} description={t('deals.board.noStagesBody')} />;
  else
    body = (
      <>
        {total === 0 && (
          <EmptyState title={ownerId ? t('deals.noMatchTitle') : t('deals.emptyTitle')} description={t('deals.emptyBody')} action={newButton} />
        )}
        {board.data.unconverted_currencies.length > 0 && (
          <Alert color="yellow" variant="light">
            {t('deals.board.unconverted', { currencies: board.data.unconverted_currencies.join(', ') })}
          </Alert>
        )}
        <DealBoard
          board={board.data}
          boardKey={boardKey}
          more={{
            canShowMore: perStage < BOARD_MAX,
            loading: board.isPlaceholderData,
            onShowMore: () => setPerStage((n) => Math.min(BOARD_MAX, n + BOARD_PAGE)),
            listHref: (stageId) =>
              `/deals?${new URLSearchParams({ pipeline: pipelineId, stage: stageId, ...(ownerId ? { owner: ownerId } : {}) }).toString()}`,
          }}
        />
      </>
    );

  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={1} size="h2">
            {t('deals.board.title')}
          </Title>
          {typeof total === 'number' && (
            <Text c="dimmed" size="sm">
              {t('deals.total', { count: total, formattedCount: fmt.number(total) })}
            </Text>
          )}
        </div>
        <Group gap="xs">
          <Button component={Link} to={`/deals${pipelineId ? `?pipeline=${pipelineId}` : ''}`} variant="default" leftSection={<IconList size={16} />}>
            {t('deals.listView')}
          </Button>
          {newButton}
        </Group>
      </Group>
      <Group align="flex-end" gap="sm" role="search">
        <Select
          label={t('deals.fields.pipeline')}
          data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={pipelineId || null}
          onChange={(v) => update('pipeline', v)}
          allowDeselect={false}
          w={220}
        />
        <Select
          label={t('deals.ownerFilter')}
          placeholder={t('deals.anyOwner')}
          clearable
          searchable
          value={ownerId || null}
          onChange={(v) => update('owner', v)}
          data={(users.data ?? []).map((u) => ({ value: u.id, label: u.full_name || u.email }))}
          w={220}
        />
      </Group>
      {body}
    </Stack>
  );
}
