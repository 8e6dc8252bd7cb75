import { Alert, Box, Button, Container, Group, Paper, PasswordInput, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconClock, IconDownload, IconFileDownload, IconLinkOff, IconLock } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, isApiError } from '@/api/errors';
import { LocaleSwitch } from '@/components/LocaleSwitch';
import { PageLoader } from '@/components/PageLoader';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useFileSize } from '@/lib/file-size';
import { useFormatters } from '@/lib/format';
import type { Schemas } from '@/api/client';
import { usePublicDownload, usePublicShare } from '../api/use-public-share';

type GoneReason = 'revoked' | 'expired' | 'exhausted' | 'gone';

/** Which 410 it is, from the server's detail ("This link has been revoked." …). */
export function goneReason(error: unknown): GoneReason {
  const detail = (error instanceof ApiError ? error.problem?.detail : '')?.toLowerCase() ?? '';
  if (detail.includes('revoked')) return 'revoked';
  if (detail.includes('expired')) return 'expired';
  if (detail.includes('limit')) return 'exhausted';
  return 'gone';
}

/** A shared document's public page (/s/<token>): no login, no app shell. */
export default function PublicSharePage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const share = usePublicShare(token);

  useEffect(() => {
    const previous = document.title;
    document.title = share.data ? t('publicShare.docTitle', { title: share.data.title }) : t('publicShare.title');
    return () => {
      document.title = previous;
    };
  }, [share.data, t]);

  let body;
  if (share.isPending) body = <PageLoader />;
  else if (share.isError && isApiError(share.error, 404)) body = <Unavailable icon={<IconLinkOff size={40} />} title={t('publicShare.invalidTitle')} text={t('publicShare.invalidBody')} />;
  else if (share.isError && isApiError(share.error, 410)) {
    const reason = goneReason(share.error);
    body = <Unavailable icon={reason === 'expired' ? <IconClock size={40} /> : <IconLinkOff size={40} />} title={t(`publicShare.gone.${reason}`)} text={t('publicShare.goneBody')} />;
  } else if (share.isError) body = <ProblemAlert error={share.error} title={t('publicShare.loadFailed')} onRetry={() => void share.refetch()} />;
  else body = <ShareView token={token} share={share.data} />;

  return (
    <Box bg="gray.0" mih="100vh" py="xl">
      <Container size="sm">
        <Stack gap="lg">
          <Group justify="space-between" wrap="nowrap">
            <Text fw={700} c="dimmed" tt="uppercase" size="sm">
              {t('publicShare.brand')}
            </Text>
            <LocaleSwitch />
          </Group>
          <main>{body}</main>
        </Stack>
      </Container>
    </Box>
  );
}

function Unavailable({ icon, title, text }: { icon: ReactNode; title: string; text: string }) {
  return (
    <Paper withBorder p="xl" radius="md" role="status">
      <Stack align="center" gap="sm">
        <ThemeIcon size={64} radius="xl" variant="light" color="gray" aria-hidden>
          {icon}
        </ThemeIcon>
        <Title order={1} size="h2" ta="center">
          {title}
        </Title>
        <Text c="dimmed" ta="center">
          {text}
        </Text>
      </Stack>
    </Paper>
  );
}

function ShareView({ token, share }: { token: string; share: Schemas['PublicShare'] }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const size = useFileSize();
  const download = usePublicDownload(token);
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const wrongPassword = isApiError(download.error, 403);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (share.password_required && !password) {
      setMissing(true);
      return;
    }
    download.mutate({ password: share.password_required ? password : undefined, fileName: share.file_name });
  };

  return (
    <Paper withBorder radius="md" p="xl">
      <form onSubmit={submit} noValidate aria-label={t('publicShare.formLabel')}>
        <Stack gap="lg">
          <Group gap="md" wrap="nowrap" align="flex-start">
            <ThemeIcon size={48} radius="md" variant="light" aria-hidden>
              <IconFileDownload size={28} />
            </ThemeIcon>
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Title order={1} size="h2" style={{ wordBreak: 'break-word' }}>
                {share.title}
              </Title>
              <Text c="dimmed" style={{ wordBreak: 'break-all' }}>
                {share.file_name} · {size(share.size_bytes)}
              </Text>
            </Stack>
          </Group>
          <Group gap="xl">
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('publicShare.expires')}
              </Text>
              <Text fw={500}>{fmt.dateTime(share.expires_at)}</Text>
            </Stack>
            {share.downloads_left !== null && (
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  {t('publicShare.downloadsLeftLabel')}
                </Text>
                <Text fw={500}>{t('publicShare.downloadsLeft', { count: share.downloads_left })}</Text>
              </Stack>
            )}
          </Group>
          {share.password_required && (
            <PasswordInput
              label={t('publicShare.password')}
              description={t('publicShare.passwordHint')}
              leftSection={<IconLock size={16} />}
              value={password}
              required
              autoComplete="off"
              data-autofocus
              error={missing ? t('publicShare.passwordRequired') : wrongPassword ? t('publicShare.wrongPassword') : undefined}
              onChange={(e) => {
                setPassword(e.currentTarget.value);
                setMissing(false);
                if (download.isError) download.reset();
              }}
            />
          )}
          {download.isError && !wrongPassword &&
            (isApiError(download.error, 410) ? (
              <Alert color="orange" variant="light" role="alert" title={t(`publicShare.gone.${goneReason(download.error)}`)}>
                {t('publicShare.goneBody')}
              </Alert>
            ) : (
              <ProblemAlert error={download.error} title={t('publicShare.downloadFailed')} />
            ))}
          {download.isSuccess && (
            <Text size="sm" c="green.8" role="status">
              {t('publicShare.started')}
            </Text>
          )}
          <Group>
            <Button type="submit" size="md" leftSection={<IconDownload size={18} />} loading={download.isPending}>
              {t('publicShare.download')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
