import { Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DealSort } from '../api/types';

type Field = 'name' | 'amount' | 'expected_close_date' | 'created_at' | 'updated_at' | 'probability';

/** A column header that toggles sort=<field> / sort=-<field>. */
export function SortableTh({ field, label, sort, onSort }: { field: Field; label: string; sort: DealSort | undefined; onSort: (s: DealSort) => void }) {
  const { t } = useTranslation();
  const active = sort === field || sort === `-${field}`;
  const desc = sort === `-${field}`;
  const Icon = !active ? IconSelector : desc ? IconChevronDown : IconChevronUp;
  const ascFirst = field === 'name' || field === 'expected_close_date';
  const next = (active ? (desc ? field : `-${field}`) : ascFirst ? field : `-${field}`) as DealSort;
  return (
    <Table.Th style={{ whiteSpace: 'nowrap' }} aria-sort={active ? (desc ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton onClick={() => onSort(next)} aria-label={t('deals.sortBy', { column: label })}>
        <Group gap={4} wrap="nowrap">
          <Text fw={700} size="sm">
            {label}
          </Text>
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
