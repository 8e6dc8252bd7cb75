import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

interface SettingsTableProps {
  /** Accessible name of the table. */
  label: string;
  minWidth: number;
  /** Column headers, already translated. */
  columns: string[];
  /** The rows (`Table.Tr` elements). */
  children: ReactNode;
}

/** The table every settings list uses: scrolls sideways on narrow screens, headers on one line. */
export function SettingsTable({ label, minWidth, columns, children }: SettingsTableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing="sm" striped aria-label={label}>
        <Table.Thead style={{ whiteSpace: 'nowrap' }}>
          <Table.Tr>
            {columns.map((c, i) => (
              <Table.Th key={i}>{c}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
