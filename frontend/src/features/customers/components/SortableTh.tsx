import { Table, UnstyledButton, Group, Text } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CustomerSort } from '../api/types';

type Field = 'name' | 'created_at' | 'updated_at';

interface Props {
  field: Field;
  label: string;
  sort: CustomerSort | undefined;
  onSort: (s: CustomerSort) => void;
}

/** A column header that toggles sort=<field> / sort=-<field>. */
export function SortableTh({ field, label, sort, onSort }: Props) {
  const { t } = useTranslation();
  const active = sort === field || sort === `-${field}`;
  const desc = sort === `-${field}`;
  const Icon = !active ? IconSelector : desc ? IconChevronDown : IconChevronUp;
  const next: CustomerSort = active
    ? ((desc ? field : `-${field}`) as CustomerSort)
    : ((field === 'name' ? field : `-${field}`) as CustomerSort);
  return (
    <Table.Th style={{ whiteSpace: 'nowrap' }} aria-sort={active ? (desc ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton onClick={() => onSort(next)} aria-label={t('customers.sortBy', { column: label })}>
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
