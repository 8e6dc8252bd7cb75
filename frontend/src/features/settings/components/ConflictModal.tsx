import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The 412 dialog: someone else saved first; reload the latest version (keeps the edits dialog open). */
export function ConflictModal({ opened, onClose, onReload }: { opened: boolean; onClose: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={opened} onClose={onClose} title={t('settings.conflictTitle')} centered zIndex={400}>
      <Stack>
        <Text size="sm">{t('settings.conflictBody')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={onReload}>{t('settings.conflictReload')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
