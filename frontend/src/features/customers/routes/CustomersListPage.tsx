import { Button, CloseButton, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useFormatters } from '@/lib/format';
import { useCustomers } from '../api/use-customers';
import { useUsers } from '../api/use-users';
import type { CustomerSort, CustomerType } from '../api/types';
import { CustomersTable } from '../components/CustomersTable';

const SORTS: CustomerSort[] = ['name', '-name', 'created_at', '-created_at', 'updated_at', '-updated_at'];

export default function CustomersListPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  // Filters live in the URL so back/forward and reload keep them.
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const typeParam = params.get('type');
  const type: CustomerType | undefined = typeParam === 'company' || typeParam === 'person' ? typeParam : undefined;
  const tag = params.get('tag') ?? '';
  const ownerId = params.get('owner') ?? '';
  const sortParam = params.get('sort') as CustomerSort | null;
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  // With a search term and no explicit sort the server ranks by relevance.
  const sort: CustomerSort | undefined =
    sortParam && SORTS.includes(sortParam) ? sortParam : debouncedQ ? undefined : '-created_at';
  const [debouncedTag] = useDebouncedValue(tag.trim(), 300);

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

  const query = useCustomers({ q: debouncedQ, type, tag: debouncedTag, ownerId, sort, includeTotal: true });
  const users = useUsers();
  const customers = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const total = query.data?.pages[0]?.total;
  const filtered = Boolean(debouncedQ || type || debouncedTag || ownerId);

  const newButton = (
    <Button component={Link} to="/customers/new" leftSection={<IconPlus size={16} />}>
      {t('customers.new')}
    </Button>
  );

  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={1} size="h2">
            {t('customers.title')}
          </Title>
          {typeof total === 'number' && (
            <Text c="dimmed" size="sm">
              {t('customers.total', { count: total, formattedCount: fmt.number(total) })}
            </Text>
          )}
        </div>
        {newButton}
      </Group>

      <Group align="flex-end" gap="sm" role="search">
        <TextInput
          label={t('customers.search')}
          placeholder={t('customers.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={q}
          onChange={(e) => update('q', e.currentTarget.value)}
          rightSection={q ? <CloseButton aria-label={t('customers.clearFilters')} onClick={() => update('q', null)} /> : null}
          style={{ flex: 2, minWidth: 220 }}
        />
        <Select
          label={t('customers.typeFilter')}
          placeholder={t('customers.anyType')}
          clearable
          value={type ?? null}
          onChange={(v) => update('type', v)}
          data={[
            { value: 'company', label: t('customers.type.company') },
            { value: 'person', label: t('customers.type.person') },
          ]}
          w={150}
        />
        <TextInput
          label={t('customers.tagFilter')}
          placeholder={t('customers.tagPlaceholder')}
          value={tag}
          onChange={(e) => update('tag', e.currentTarget.value)}
          w={150}
        />
        <Select
          label={t('customers.ownerFilter')}
          placeholder={t('customers.anyOwner')}
          clearable
          searchable
          value={ownerId || null}
          onChange={(v) => update('owner', v)}
          data={(users.data ?? []).map((u) => ({ value: u.id, label: u.full_name || u.email }))}
          w={200}
        />
        {filtered && (
          <Button variant="subtle" onClick={() => setParams(new URLSearchParams(sortParam && sort ? { sort } : {}), { replace: true })}>
            {t('customers.clearFilters')}
          </Button>
        )}
      </Group>

      {query.isPending ? (
        <TableSkeleton />
      ) : query.isError && customers.length === 0 ? (
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : customers.length === 0 ? (
        filtered ? (
          <EmptyState title={t('customers.noMatchTitle')} description={t('customers.noMatchBody')} />
        ) : (
          <EmptyState title={t('customers.emptyTitle')} description={t('customers.emptyBody')} action={newButton} />
        )
      ) : (
        <>
          {query.isError && <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />}
          <CustomersTable customers={customers} sort={sort} onSort={(s) => update('sort', s)} />
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {t('customers.shown', { shown: fmt.number(customers.length) })}
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
