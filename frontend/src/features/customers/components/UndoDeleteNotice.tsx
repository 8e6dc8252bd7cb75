import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useRestoreCustomer } from '../api/use-restore-customer';

interface Props {
  id: string;
  name: string;
  notificationId: string;
}

/** Body of the "moved to Trash" notification, with an Undo that restores the record. */
function UndoDeleteNotice({ id, name, notificationId }: Props) {
  const { t } = useTranslation();
  const restore = useRestoreCustomer();
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size="sm">{t('customers.deleted', { name })}</Text>
      <Button
        size="xs"
        variant="light"
        loading={restore.isPending}
        onClick={() =>
          restore.mutate(id, {
            onSuccess: () => {
              notifications.hide(notificationId);
              notifications.show({ color: 'green', message: t('customers.restored', { name }) });
            },
            onError: () => notifications.show({ color: 'red', message: t('customers.restoreFailed') }),
          })
        }
      >
        {t('common.undo')}
      </Button>
    </Group>
  );
}

export function showDeletedWithUndo(id: string, name: string) {
  const notificationId = `deleted-${id}`;
  notifications.show({
    id: notificationId,
    autoClose: 10_000,
    message: <UndoDeleteNotice id={id} name={name} notificationId={notificationId} />,
  });
}
