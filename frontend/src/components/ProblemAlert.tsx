import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';

interface Props {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}

/** Shows a problem+json error in words: title, detail and the request id. */
export function ProblemAlert({ error, onRetry, title }: Props) {
  const { t } = useTranslation();
  let heading = title ?? t('common.errorTitle');
  let detail: string | undefined;
  let requestId: string | undefined;
  if (error instanceof ApiError) {
    if (error.problem?.title) heading = title ? `${title}: ${error.problem.title}` : error.problem.title;
    detail = error.problem?.detail ?? (error.problem ? undefined : t('common.httpError', { status: error.status }));
    requestId = error.problem?.request_id ?? undefined;
  } else if (error instanceof TypeError) {
    detail = t('common.networkError');
  } else if (error instanceof Error) {
    detail = error.message;
  }
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={heading} role="alert">
      <Stack gap="xs">
        {detail && <Text size="sm">{detail}</Text>}
        {requestId && (
          <Text size="xs" c="dimmed">
            {t('common.requestId', { id: requestId })}
          </Text>
        )}
        {onRetry && (
          <Group>
            <Button size="xs" variant="light" color="red" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
