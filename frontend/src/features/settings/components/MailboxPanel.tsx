import { Anchor, Badge, Button, Code, Group, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useFormatters } from '@/lib/format';
import { MAIL_STATUSES, type Mail, type MailStatus } from '../api/types';
import { useMailbox } from '../api/use-mailbox';
import { SettingsTable } from './SettingsTable';

const STATUS_COLOR: Record<MailStatus, string> = { queued: 'yellow', sent: 'green', stored: 'blue', failed: 'red' };

/** E-mails the CRM sent (or, without SMTP settings, keeps here): admins read what went out. */
export function MailboxPanel() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const [status, setStatus] = useState<MailStatus | ''>('');
  const mail = useMailbox(status);
  const [open, setOpen] = useState<Mail | null>(null);
  const items = mail.data?.pages.flatMap((p) => p.items) ?? [];

  let body;
  if (mail.isPending) body = <TableSkeleton rows={4} />;
  else if (mail.isError) body = <ProblemAlert error={mail.error} onRetry={() => void mail.refetch()} />;
  else if (items.length === 0) body = <EmptyState title={t(status ? 'settings.mailbox.noMatch' : 'settings.mailbox.emptyTitle')} description={t('settings.mailbox.emptyBody')} />;
  else
    body = (
      <Stack>
        <SettingsTable
          label={t('settings.mailbox.title')}
          minWidth={760}
          columns={[t('settings.mailbox.to'), t('settings.mailbox.subject'), t('settings.mailbox.status'), t('settings.mailbox.created'), t('settings.mailbox.sent')]}
        >
          {items.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <Text size="sm">{m.to_address}</Text>
              </Table.Td>
              <Table.Td>
                <Anchor component="button" type="button" size="sm" onClick={() => setOpen(m)} style={{ textAlign: 'left' }}>
                  {m.subject}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Badge size="sm" variant="light" color={STATUS_COLOR[m.status]}>
                  {t(`settings.mailbox.statuses.${m.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{fmt.dateTime(m.created_at)}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{m.sent_at ? fmt.dateTime(m.sent_at) : t('common.none')}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </SettingsTable>
        {mail.hasNextPage && (
          <Group>
            <Button variant="default" onClick={() => void mail.fetchNextPage()} loading={mail.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          </Group>
        )}
      </Stack>
    );

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Text c="dimmed" size="sm" maw={620}>
          {t('settings.mailbox.subtitle')}
        </Text>
        <Select
          label={t('settings.mailbox.status')}
          w={180}
          data={[{ value: '', label: t('settings.mailbox.anyStatus') }, ...MAIL_STATUSES.map((s) => ({ value: s, label: t(`settings.mailbox.statuses.${s}`) }))]}
          value={status}
          allowDeselect={false}
          onChange={(v) => setStatus((v ?? '') as MailStatus | '')}
        />
      </Group>
      {body}
      <Modal opened={open !== null} onClose={() => setOpen(null)} title={open?.subject} size="lg" centered closeButtonProps={{ 'aria-label': t('common.close') }}>
        {open && (
          <Stack gap="sm">
            <Group gap="xs">
              <Text size="sm" fw={500}>
                {t('settings.mailbox.to')}:
              </Text>
              <Text size="sm">{open.to_address}</Text>
              <Badge size="sm" variant="light" color={STATUS_COLOR[open.status]}>
                {t(`settings.mailbox.statuses.${open.status}`)}
              </Badge>
            </Group>
            {open.error && (
              <Text size="sm" c="red">
                {open.error}
              </Text>
            )}
            <Code block style={{ whiteSpace: 'pre-wrap' }}>
              {open.body_text}
            </Code>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
