import { Button, CloseButton, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLayoutKanban, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { usePipelines } from '@/hooks/use-pipelines';
import { useFormatters } from '@/lib/format';
import { isDecimal } from '@/lib/money';
import { DEAL_STATUSES, type DealSort, type DealStatus } from '../api/types';
import { useDeals } from '../api/use-deals';
import { useUsers } from '../api/use-users';
import { DealsTable } from '../components/DealsTable';

const SORTS: DealSort[] = [
  'name', '-name', 'amount', '-amount', 'expected_close_date', '-expected_close_date',
  'created_at', '-created_at', 'updated_at', '-updated_at', 'probability', '-probability',
];
const FILTER_KEYS = ['q', 'pipeline', 'stage', 'owner', 'status', 'min', 'max', 'from', 'to'];

export default function DealsListPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [params, setParams] = useSearchParams();
  const pipelines = usePipelines();
  const users = useUsers();
  const q = params.get('q') ?? '';
  const pipelineId = params.get('pipeline') ?? '';
  const stageId = params.get('stage') ?? '';
  const ownerId = params.get('owner') ?? '';
  const statusParam = params.get('status') as DealStatus | null;
  const status = statusParam && DEAL_STATUSES.includes(statusParam) ? statusParam : undefined;
  const min = params.get('min') ?? '';
  const max = params.get('max') ?? '';
  const closeFrom = params.get('from') ?? '';
  const closeTo = params.get('to') ?? '';
  const sortParam = params.get('sort') as DealSort | null;
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [debouncedMin] = useDebouncedValue(min.trim(), 400);
  const [debouncedMax] = useDebouncedValue(max.trim(), 400);
  const sort: DealSort | undefined = sortParam && SORTS.includes(sortParam) ? sortParam : debouncedQ ? undefined : '-created_at';

  const update = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key === 'pipeline') next.delete('stage');
        return next;
      },
      { replace: true },
    );

  const query = useDeals({
    q: debouncedQ,
    pipelineId: pipelineId || undefined,
    stageId: stageId || undefined,
    ownerId: ownerId || undefined,
    status,
    amountMin: isDecimal(debouncedMin) ? debouncedMin : undefined,
    amountMax: isDecimal(debouncedMax) ? debouncedMax : undefined,
    closeFrom: closeFrom || undefined,
    closeTo: closeTo || undefined,
    sort,
  });
  const deals = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const filtered = FILTER_KEYS.some((k) => params.get(k));
  const stages = (pipelines.data ?? []).find((p) => p.id === pipelineId)?.stages ?? [];

  const newButton = (
    <Button component={Link} to={`/deals/new${pipelineId ? `?pipeline=${pipelineId}` : ''}`} leftSection={<IconPlus size={16} />}>
      {t('deals.new')}
    </Button>
  );

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('deals.title')}
        </Title>
        <Group gap="xs">
          <Button component={Link} to={`/deals/board${pipelineId ? `?pipeline=${pipelineId}` : ''}`} variant="default" leftSection={<IconLayoutKanban size={16} />}>
            {t('deals.boardView')}
          </Button>
          {newButton}
        </Group>
      </Group>

      <Group align="flex-end" gap="sm" role="search">
        <TextInput
          label={t('deals.search')}
          placeholder={t('deals.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => update('q', e.currentTarget.value)}
          rightSection={q ? <CloseButton aria-label={t('deals.clearSearch')} onClick={() => update('q', null)} /> : null}
          style={{ flex: 2, minWidth: 200 }}
        />
        <Select
          label={t('deals.fields.pipeline')}
          placeholder={t('deals.anyPipeline')}
          clearable
          value={pipelineId || null}
          onChange={(v) => update('pipeline', v)}
          data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          w={170}
        />
        <Select
          label={t('deals.fields.stage')}
          placeholder={pipelineId ? t('deals.anyStage') : t('deals.pickPipelineFirst')}
          clearable
          disabled={!pipelineId}
          value={stageId || null}
          onChange={(v) => update('stage', v)}
          data={stages.map((s) => ({ value: s.id, label: s.name }))}
          w={200}
        />
        <Select
          label={t('deals.ownerFilter')}
          placeholder={t('deals.anyOwner')}
          clearable
          searchable
          value={ownerId || null}
          onChange={(v) => update('owner', v)}
          data={(users.data ?? []).map((u) => ({ value: u.id, label: u.full_name || u.email }))}
          w={170}
        />
        <Select
          label={t('deals.fields.status')}
          placeholder={t('deals.anyStatus')}
          clearable
          value={status ?? null}
          onChange={(v) => update('status', v)}
          data={DEAL_STATUSES.map((s) => ({ value: s, label: t(`deals.status.${s}`) }))}
          w={130}
        />
      </Group>
      <Group align="flex-end" gap="sm">
        <TextInput
          label={t('deals.amountMin')}
          inputMode="decimal"
          value={min}
          onChange={(e) => update('min', e.currentTarget.value)}
          error={min && !isDecimal(min) ? t('deals.form.amountInvalid') : undefined}
          w={140}
        />
        <TextInput
          label={t('deals.amountMax')}
          inputMode="decimal"
          value={max}
          onChange={(e) => update('max', e.currentTarget.value)}
          error={max && !isDecimal(max) ? t('deals.form.amountInvalid') : undefined}
          w={140}
        />
        <TextInput type="date" label={t('deals.closeFrom')} value={closeFrom} onChange={(e) => update('from', e.currentTarget.value)} w={170} />
        <TextInput type="date" label={t('deals.closeTo')} value={closeTo} onChange={(e) => update('to', e.currentTarget.value)} w={170} />
        {filtered && (
          <Button variant="subtle" onClick={() => setParams(new URLSearchParams(sortParam && sort ? { sort } : {}), { replace: true })}>
            {t('deals.clearFilters')}
          </Button>
        )}
      </Group>

      {query.isPending ? (
        <TableSkeleton />
      ) : query.isError && deals.length === 0 ? (
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : deals.length === 0 ? (
        filtered ? (
          <EmptyState title={t('deals.noMatchTitle')} description={t('deals.noMatchBody')} />
        ) : (
          <EmptyState title={t('deals.emptyTitle')} description={t('deals.emptyBody')} action={newButton} />
        )
      ) : (
        <>
          {query.isError && <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />}
          <DealsTable deals={deals} sort={sort} onSort={(s) => update('sort', s)} />
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('deals.shown', { shown: fmt.number(deals.length) })}
            </Text>
            {query.hasNextPage && (
              <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            )}
          </Group>
        </>
      )}
    </Stack>
  );
}
