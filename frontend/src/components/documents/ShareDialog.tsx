import { ActionIcon, Alert, Anchor, Badge, Button, CopyButton, Divider, Group, Modal, NumberInput, PasswordInput, Select, Skeleton, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconExternalLink, IconLink, IconLock } from '@tabler/icons-react';
import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useFormatters } from '@/lib/format';
import type { ShareLink, ShareLinkCreated } from './api/types';
import { useCreateShareLink, useRevokeShareLink, useShareDownloads, useShareLinks } from './api/use-share-links';

const EXPIRY_DAYS = ['1', '7', '30', '90', '365'];
const STATUS_COLOR: Record<string, string> = { active: 'green', expired: 'orange', revoked: 'red', exhausted: 'gray' };

interface Props {
  documentId: string;
  title: string;
  opened: boolean;
  onClose: () => void;
}

/** Absolute form of the link the server gives ("/s/<token>" or a full URL). */
export function absoluteShareUrl(url: string): string {
  return new URL(url, window.location.origin).href;
}

/** Share a document by public link: expiry, optional password and download limit; copy; revoke. */
export function ShareDialog({ documentId, title, opened, onClose }: Props) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<ShareLinkCreated | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('documents.share.title', { title })} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md">
        {created ? <CreatedLink link={created} onAnother={() => setCreated(null)} /> : <NewLinkForm documentId={documentId} onCreated={setCreated} />}
        <Divider />
        <LinkList documentId={documentId} enabled={opened} />
      </Stack>
    </Modal>
  );
}

function NewLinkForm({ documentId, onCreated }: { documentId: string; onCreated: (l: ShareLinkCreated) => void }) {
  const { t } = useTranslation();
  const create = useCreateShareLink(documentId);
  const [days, setDays] = useState('7');
  const [password, setPassword] = useState('');
  const [limit, setLimit] = useState<number | string>('');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const expires = new Date(Date.now() + Number(days) * 86_400_000).toISOString();
    create.mutate(
      { expires_at: expires, password: password || null, max_downloads: typeof limit === 'number' && limit > 0 ? limit : null },
      {
        onSuccess: (link) => {
          setPassword('');
          setLimit('');
          onCreated(link);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} aria-label={t('documents.share.newLink')} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('documents.share.intro')}
        </Text>
        <Group grow align="flex-start">
          <Select
            label={t('documents.share.expiry')}
            data={EXPIRY_DAYS.map((d) => ({ value: d, label: t('documents.share.days', { count: Number(d) }) }))}
            value={days}
            onChange={(v) => setDays(v ?? '7')}
            allowDeselect={false}
          />
          <NumberInput label={t('documents.share.maxDownloads')} placeholder={t('documents.share.unlimited')} min={1} max={100000} value={limit} onChange={setLimit} allowDecimal={false} />
        </Group>
        <PasswordInput
          label={t('documents.share.password')}
          description={t('documents.share.passwordHint')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="new-password"
        />
        {create.isError && <ProblemAlert error={create.error} title={t('documents.share.createFailed')} />}
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconLink size={16} />} loading={create.isPending}>
            {t('documents.share.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CreatedLink({ link, onAnother }: { link: ShareLinkCreated; onAnother: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const url = absoluteShareUrl(link.url);
  return (
    <Alert color="green" variant="light" title={t('documents.share.created')} role="status" icon={<IconCheck size={18} />}>
      <Stack gap="xs">
        <Text size="sm">{t('documents.share.createdBody', { date: fmt.dateTime(link.expires_at) })}</Text>
        <Group gap="xs" wrap="nowrap">
          <TextInput value={url} readOnly aria-label={t('documents.share.linkLabel')} style={{ flex: 1 }} onFocus={(e) => e.currentTarget.select()} data-testid="share-url" />
          <CopyButton value={url} timeout={2000}>
            {({ copied, copy }) => (
              <Button onClick={copy} color={copied ? 'teal' : undefined} leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}>
                {copied ? t('documents.share.copied') : t('documents.share.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Group gap="md">
          <Anchor href={url} target="_blank" rel="noopener noreferrer" size="sm">
            <Group gap={4}>
              <IconExternalLink size={14} />
              {t('documents.share.openLink')}
            </Group>
          </Anchor>
          <Anchor component="button" type="button" size="sm" onClick={onAnother}>
            {t('documents.share.another')}
          </Anchor>
        </Group>
      </Stack>
    </Alert>
  );
}

function LinkList({ documentId, enabled }: { documentId: string; enabled: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const links = useShareLinks(documentId, enabled);
  const revoke = useRevokeShareLink(documentId);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [logOf, setLogOf] = useState<string | null>(null);

  let body;
  if (links.isPending) body = <Skeleton height={80} aria-busy="true" aria-label={t('app.loading')} />;
  else if (links.isError) body = <ProblemAlert error={links.error} onRetry={() => void links.refetch()} />;
  else if (links.data.length === 0) body = <Text size="sm" c="dimmed">{t('documents.share.noLinks')}</Text>;
  else
    body = (
      <Table.ScrollContainer minWidth={520}>
        <Table verticalSpacing="xs" aria-label={t('documents.share.links')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('documents.share.status')}</Table.Th>
              <Table.Th>{t('documents.share.createdAt')}</Table.Th>
              <Table.Th>{t('documents.share.expires')}</Table.Th>
              <Table.Th>{t('documents.share.downloads')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {links.data.map((l: ShareLink) => (
              <Fragment key={l.id}>
              <Table.Tr data-testid="share-link-row" data-status={l.status}>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Badge variant="light" color={STATUS_COLOR[l.status] ?? 'gray'} style={{ flexShrink: 0, overflow: 'visible' }}>
                      {t(`documents.share.statusName.${l.status}`, { defaultValue: l.status })}
                    </Badge>
                    {l.password_protected && (
                      <Tooltip label={t('documents.share.protected')}>
                        <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('documents.share.protected')}>
                          <IconLock size={14} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {fmt.shortDate(l.created_at)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {fmt.dateTime(l.expires_at)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {l.download_count > 0 ? (
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      aria-expanded={logOf === l.id}
                      aria-label={t('documents.share.showLog')}
                      onClick={() => setLogOf(logOf === l.id ? null : l.id)}
                    >
                      {l.max_downloads ? t('documents.share.countOf', { count: l.download_count, max: l.max_downloads }) : fmt.number(l.download_count)}
                    </Anchor>
                  ) : (
                    <Text size="sm">{l.max_downloads ? t('documents.share.countOf', { count: 0, max: l.max_downloads }) : fmt.number(0)}</Text>
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  {l.status === 'active' &&
                    (confirming === l.id ? (
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => setConfirming(null)}>
                          {t('common.cancel')}
                        </Button>
                        <Button size="xs" color="red" loading={revoke.isPending} onClick={() => revoke.mutate(l.id, { onSuccess: () => setConfirming(null) })}>
                          {t('documents.share.confirmRevoke')}
                        </Button>
                      </Group>
                    ) : (
                      <Button size="xs" color="red" variant="light" onClick={() => setConfirming(l.id)}>
                        {t('documents.share.revoke')}
                      </Button>
                    ))}
                </Table.Td>
              </Table.Tr>
              {logOf === l.id && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <DownloadLog documentId={documentId} linkId={l.id} />
                  </Table.Td>
                </Table.Tr>
              )}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t('documents.share.links')}
      </Text>
      {revoke.isError && <ProblemAlert error={revoke.error} title={t('documents.share.revokeFailed')} />}
      {body}
    </Stack>
  );
}

/** Every public download through one link: when, from which address, with which browser. */
function DownloadLog({ documentId, linkId }: { documentId: string; linkId: string }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const log = useShareDownloads(documentId, linkId, true);
  if (log.isPending) return <Skeleton height={40} aria-busy="true" aria-label={t('app.loading')} />;
  if (log.isError) return <ProblemAlert error={log.error} onRetry={() => void log.refetch()} />;
  return (
    <Table withRowBorders={false} verticalSpacing={2} aria-label={t('documents.share.log')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('documents.share.logAt')}</Table.Th>
          <Table.Th>{t('documents.share.logIp')}</Table.Th>
          <Table.Th>{t('documents.share.logAgent')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {log.data.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>
              <Text size="xs">{fmt.dateTime(d.at)}</Text>
            </Table.Td>
            <Table.Td>
              <Text size="xs" ff="monospace">
                {d.ip ?? '–'}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed" lineClamp={1} title={d.user_agent ?? undefined}>
                {d.user_agent ?? '–'}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
