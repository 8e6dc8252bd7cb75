import { Autocomplete, Button, CloseButton, Group, Input, MultiSelect, NumberInput, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChartDots, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useCurrentUser } from '@/hooks/use-current-user';
import { useFormatters } from '@/lib/format';
import { LEAD_SOURCES, LEAD_STATUSES, OPEN_LEAD_STATUSES } from '@/lib/leads';
import { LEAD_SORTS, type LeadSort, type LeadSource, type LeadStatus } from '../api/types';
import { useLeads } from '../api/use-leads';
import { useUsers } from '../api/use-users';
import { LeadsTable } from '../components/LeadsTable';

function toScore(v: string | null): number | undefined {
  if (v === null || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 && n <= 100 ? n : undefined;
}

/** /leads: "My queue" (mine, open, best score first) or all leads I can see, with filters in the URL. */
export default function LeadsQueuePage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const me = useCurrentUser();
  const users = useUsers();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'all' ? 'all' : 'mine';
  const q = params.get('q') ?? '';
  const statusParam = (params.get('status') ?? '').split(',').filter((s): s is LeadStatus => (LEAD_STATUSES as string[]).includes(s));
  const sourceParam = params.get('source');
  const source = sourceParam && (LEAD_SOURCES as string[]).includes(sourceParam) ? (sourceParam as LeadSource) : undefined;
  const campaign = params.get('campaign') ?? '';
  const ownerParam = params.get('owner') ?? '';
  const minParam = params.get('min') ?? '';
  const maxParam = params.get('max') ?? '';
  const sortParam = params.get('sort') as LeadSort | null;

  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [debouncedCampaign] = useDebouncedValue(campaign.trim(), 300);
  const [debouncedMin] = useDebouncedValue(minParam, 300);
  const [debouncedMax] = useDebouncedValue(maxParam, 300);
  // With a search term and no explicit sort the server ranks by relevance; else the best leads first.
  const sort: LeadSort | undefined = sortParam && LEAD_SORTS.includes(sortParam) ? sortParam : debouncedQ ? undefined : '-score';

  const mine = view === 'mine';
  const ownerId = mine ? me.data?.id : ownerParam || undefined;
  const statuses = statusParam.length > 0 ? statusParam : mine ? OPEN_LEAD_STATUSES : undefined;

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

  const query = useLeads(
    {
      q: debouncedQ,
      statuses,
      source,
      campaign: debouncedCampaign || undefined,
      ownerId,
      scoreMin: toScore(debouncedMin),
      scoreMax: toScore(debouncedMax),
      sort,
      includeTotal: true,
    },
    !mine || Boolean(me.data),
  );
  const leads = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const total = query.data?.pages[0]?.total;

  // Campaign suggestions: the campaigns on the rows loaded so far.
  const campaignOptions = useMemo(() => [...new Set(leads.map((l) => l.campaign).filter((c): c is string => Boolean(c)))].sort(), [leads]);

  const filtered = Boolean(debouncedQ || statusParam.length || source || debouncedCampaign || (!mine && ownerParam) || minParam || maxParam);

  const newButton = (
    <Button component={Link} to="/leads/new" leftSection={<IconPlus size={16} />}>
      {t('leads.new')}
    </Button>
  );

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {t('leads.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {typeof total === 'number'
              ? t(mine ? 'leads.totalMine' : 'leads.total', { count: total, formattedCount: fmt.number(total) })
              : t(mine ? 'leads.subtitleMine' : 'leads.subtitleAll')}
          </Text>
        </div>
        <Group gap="xs">
          <Button component={Link} to="/leads/model" variant="default" leftSection={<IconChartDots size={16} />}>
            {t('leads.model.link')}
          </Button>
          {newButton}
        </Group>
      </Group>

      <SegmentedControl
        aria-label={t('leads.view.label')}
        value={view}
        onChange={(v) =>
          setParams(
            (prev) => {
              const next = new URLSearchParams(prev);
              if (v === 'all') next.set('view', 'all');
              else {
                next.delete('view');
                next.delete('owner');
              }
              return next;
            },
            { replace: true },
          )
        }
        data={[
          { value: 'mine', label: t('leads.view.mine') },
          { value: 'all', label: t('leads.view.all') },
        ]}
        w="fit-content"
      />

      <Group align="flex-end" gap="sm" role="search" wrap="wrap">
        <TextInput
          label={t('leads.search')}
          placeholder={t('leads.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => update('q', e.currentTarget.value)}
          rightSection={q ? <CloseButton aria-label={t('leads.clearSearch')} onClick={() => update('q', null)} /> : null}
          style={{ flex: 1, minWidth: 180 }}
        />
        <MultiSelect
          label={t('leads.filters.status')}
          placeholder={statusParam.length ? undefined : mine ? t('leads.filters.openStatuses') : t('leads.filters.anyStatus')}
          value={statusParam}
          onChange={(v) => update('status', v.join(','))}
          data={LEAD_STATUSES.map((s) => ({ value: s, label: t(`leads.status.${s}`) }))}
          clearable
          w={210}
        />
        <Select
          label={t('leads.filters.source')}
          placeholder={t('leads.filters.anySource')}
          clearable
          value={source ?? null}
          onChange={(v) => update('source', v)}
          data={LEAD_SOURCES.map((s) => ({ value: s, label: t(`leads.source.${s}`) }))}
          w={140}
        />
        <Autocomplete
          label={t('leads.filters.campaign')}
          placeholder={t('leads.filters.anyCampaign')}
          value={campaign}
          onChange={(v) => update('campaign', v)}
          data={campaignOptions}
          w={150}
        />
        {!mine && (
          <Select
            label={t('leads.filters.owner')}
            placeholder={t('leads.filters.anyOwner')}
            clearable
            searchable
            value={ownerParam || null}
            onChange={(v) => update('owner', v)}
            data={(users.data ?? []).map((u) => ({ value: u.id, label: u.full_name || u.email }))}
            w={160}
          />
        )}
        <Input.Wrapper label={t('leads.filters.score')} id="lead-score-range">
          <Group gap={4} wrap="nowrap">
            <NumberInput
              aria-label={t('leads.filters.scoreMin')}
              placeholder="0"
              min={0}
              max={100}
              allowDecimal={false}
              allowNegative={false}
              hideControls
              value={minParam}
              onChange={(v) => update('min', v === '' ? null : String(v))}
              w={64}
            />
            <Text size="sm" c="dimmed" aria-hidden>
              –
            </Text>
            <NumberInput
              aria-label={t('leads.filters.scoreMax')}
              placeholder="100"
              min={0}
              max={100}
              allowDecimal={false}
              allowNegative={false}
              hideControls
              value={maxParam}
              onChange={(v) => update('max', v === '' ? null : String(v))}
              w={64}
            />
          </Group>
        </Input.Wrapper>
        {filtered && (
          <Button
            variant="subtle"
            onClick={() => {
              const keep = new URLSearchParams();
              if (!mine) keep.set('view', 'all');
              if (sortParam) keep.set('sort', sortParam);
              setParams(keep, { replace: true });
            }}
          >
            {t('leads.clearFilters')}
          </Button>
        )}
      </Group>

      {query.isPending || (mine && me.isPending) ? (
        <TableSkeleton />
      ) : query.isError && leads.length === 0 ? (
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : me.isError && mine ? (
        <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />
      ) : leads.length === 0 ? (
        filtered ? (
          <EmptyState title={t('leads.noMatchTitle')} description={t('leads.noMatchBody')} />
        ) : mine ? (
          <EmptyState
            title={t('leads.emptyMineTitle')}
            description={t('leads.emptyMineBody')}
            action={
              <Group>
                <Button variant="default" onClick={() => update('view', 'all')}>
                  {t('leads.view.all')}
                </Button>
                {newButton}
              </Group>
            }
          />
        ) : (
          <EmptyState title={t('leads.emptyTitle')} description={t('leads.emptyBody')} action={newButton} />
        )
      ) : (
        <>
          {query.isError && <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />}
          <LeadsTable leads={leads} sort={sort} onSort={(s) => update('sort', s)} />
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('leads.shown', { shown: fmt.number(leads.length) })}
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
