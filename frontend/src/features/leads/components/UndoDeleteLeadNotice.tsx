import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useRestoreLead } from '../api/use-restore-lead';

interface Props {
  id: string;
  name: string;
  notificationId: string;
}

/** Body of the "moved to Trash" notification, with an Undo that restores the lead. */
function UndoDeleteLeadNotice({ id, name, notificationId }: Props) {
  const { t } = useTranslation();
  const restore = useRestoreLead();
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size="sm">{t('leads.deleted', { name })}</Text>
      <Button
        size="xs"
        variant="light"
        loading={restore.isPending}
        onClick={() =>
          restore.mutate(id, {
            onSuccess: () => {
              notifications.hide(notificationId);
              notifications.show({ color: 'green', message: t('leads.restored', { name }) });
            },
            onError: () => notifications.show({ color: 'red', message: t('leads.restoreFailed') }),
          })
        }
      >
        {t('common.undo')}
      </Button>
    </Group>
  );
}

export function showLeadDeletedWithUndo(id: string, name: string) {
  const notificationId = `lead-deleted-${id}`;
  notifications.show({
    id: notificationId,
    autoClose: 10_000,
    message: <UndoDeleteLeadNotice id={id} name={name} notificationId={notificationId} />,
  });
}
