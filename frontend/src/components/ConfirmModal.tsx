import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  opened: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  loading?: boolean;
  /** Shown under the body, e.g. a ProblemAlert after a failed attempt. */
  error?: ReactNode;
}

/** A destructive action's confirmation dialog (red confirm button, cancel focused first). */
export function ConfirmModal({ opened, title, body, confirmLabel, onConfirm, onClose, loading, error }: Props) {
  const { t } = useTranslation();
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={onClose} title={title} centered>
      <Stack>
        {typeof body === 'string' ? <Text size="sm">{body}</Text> : body}
        {error}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={onConfirm} loading={loading}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
