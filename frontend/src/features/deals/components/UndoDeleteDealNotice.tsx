import { Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useRestoreDeal } from '../api/use-restore-deal';

interface Props {
  id: string;
  name: string;
  notificationId: string;
}

/** Body of the "moved to the trash" notification, with an Undo that restores the deal. */
function UndoDeleteDealNotice({ id, name, notificationId }: Props) {
  const { t } = useTranslation();
  const restore = useRestoreDeal();
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size="sm">{t('deals.detail.deleted', { name })}</Text>
      <Button
        size="xs"
        variant="light"
        loading={restore.isPending}
        onClick={() =>
          restore.mutate(id, {
            onSuccess: () => {
              notifications.hide(notificationId);
              notifications.show({ color: 'green', message: t('deals.detail.restored', { name }) });
            },
            onError: () => notifications.show({ color: 'red', message: t('deals.detail.restoreFailed') }),
          })
        }
      >
        {t('common.undo')}
      </Button>
    </Group>
  );
}

export function showDealDeletedWithUndo(id: string, name: string) {
  const notificationId = `deal-deleted-${id}`;
  notifications.show({
    id: notificationId,
    autoClose: 10_000,
    message: <UndoDeleteDealNotice id={id} name={name} notificationId={notificationId} />,
  });
}
