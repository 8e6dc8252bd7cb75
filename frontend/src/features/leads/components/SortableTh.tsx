import { Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { LeadSort } from '../api/types';

type Field = 'score' | 'name' | 'created_at';

interface Props {
  field: Field;
  label: string;
  sort: LeadSort | undefined;
  onSort: (s: LeadSort) => void;
}

/** A column header that toggles sort=<field> / sort=-<field> (score and dates start descending). */
export function SortableTh({ field, label, sort, onSort }: Props) {
  const { t } = useTranslation();
  const active = sort === field || sort === `-${field}`;
  const desc = sort === `-${field}`;
  const Icon = !active ? IconSelector : desc ? IconChevronDown : IconChevronUp;
  const next = (active ? (desc ? field : `-${field}`) : field === 'name' ? field : `-${field}`) as LeadSort;
  return (
    <Table.Th style={{ whiteSpace: 'nowrap' }} aria-sort={active ? (desc ? 'descending' : 'ascending') : 'none'}>
      <UnstyledButton onClick={() => onSort(next)} aria-label={t('leads.sortBy', { column: label })}>
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
