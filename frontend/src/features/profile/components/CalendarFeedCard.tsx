import { ActionIcon, Alert, Badge, Button, Card, CopyButton, Group, Skeleton, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCalendarPlus, IconCheck, IconCopy, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '@/components/ConfirmModal';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useFormatters } from '@/lib/format';
import { useCalendarFeed, useRevokeCalendarFeed, useRotateCalendarFeed } from '../api/use-calendar-feed';

/** The secret iCalendar URL of one's tasks and meetings: make, copy (shown once), rotate, revoke. */
export function CalendarFeedCard() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const feed = useCalendarFeed();
  const rotate = useRotateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [url, setUrl] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'rotate' | 'revoke' | null>(null);

  const make = () =>
    rotate.mutate(undefined, {
      onSuccess: (f) => {
        setUrl(f.url ?? null);
        setConfirm(null);
      },
    });

  let body;
  if (feed.isPending) body = <Skeleton height={90} />;
  else if (feed.isError) body = <ProblemAlert error={feed.error} onRetry={() => void feed.refetch()} />;
  else {
    const f = feed.data;
    body = (
      <Stack gap="sm">
        <Group gap="xs">
          <Badge variant="dot" color={f.active ? 'green' : 'gray'} styles={{ label: { overflow: 'visible' } }}>
            {f.active ? t('profile.feed.active') : t('profile.feed.inactive')}
          </Badge>
          {f.active && f.created_at && (
            <Text size="xs" c="dimmed">
              {t('profile.feed.createdAt', { date: fmt.dateTime(f.created_at) })}
              {' · '}
              {f.last_used_at ? t('profile.feed.lastUsed', { date: fmt.relative(f.last_used_at) }) : t('profile.feed.neverUsed')}
            </Text>
          )}
        </Group>
        {url && (
          <Stack gap={6}>
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <TextInput label={t('profile.feed.url')} value={url} readOnly style={{ flex: 1 }} onFocus={(e) => e.currentTarget.select()} />
              <CopyButton value={url}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? t('profile.feed.copied') : t('profile.feed.copy')}>
                    <ActionIcon size="lg" variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : 'indigo'} onClick={copy} aria-label={t('profile.feed.copy')}>
                      {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
            <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={16} />} p="xs">
              <Text size="xs">{t('profile.feed.onceWarning')}</Text>
            </Alert>
          </Stack>
        )}
        {rotate.isError && <ProblemAlert error={rotate.error} />}
        {revoke.isError && <ProblemAlert error={revoke.error} />}
        <Group gap="xs">
          {f.active ? (
            <>
              <Button variant="light" leftSection={<IconRefresh size={16} />} onClick={() => setConfirm('rotate')}>
                {t('profile.feed.rotate')}
              </Button>
              <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirm('revoke')}>
                {t('profile.feed.revoke')}
              </Button>
            </>
          ) : (
            <Button leftSection={<IconCalendarPlus size={16} />} onClick={make} loading={rotate.isPending}>
              {t('profile.feed.create')}
            </Button>
          )}
        </Group>
      </Stack>
    );
  }

  return (
    <Card withBorder radius="md" component="section" aria-labelledby="profile-feed">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="profile-feed">
            {t('profile.feed.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('profile.feed.subtitle')}
          </Text>
        </div>
        {body}
      </Stack>
      <ConfirmModal
        opened={confirm === 'rotate'}
        title={t('profile.feed.rotateTitle')}
        body={t('profile.feed.rotateBody')}
        confirmLabel={t('profile.feed.rotate')}
        loading={rotate.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={make}
      />
      <ConfirmModal
        opened={confirm === 'revoke'}
        title={t('profile.feed.revokeTitle')}
        body={t('profile.feed.revokeBody')}
        confirmLabel={t('profile.feed.revoke')}
        loading={revoke.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={() =>
          revoke.mutate(undefined, {
            onSuccess: () => {
              setUrl(null);
              setConfirm(null);
            },
          })
        }
      />
    </Card>
  );
}
