import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The 412 dialog: someone else saved the lead first; reload the latest version and try again. */
export function LeadConflictModal({ opened, onClose, onReload }: { opened: boolean; onClose: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('leads.conflict.title')} centered zIndex={400} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack>
        <Text size="sm">{t('leads.conflict.body')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={onReload}>{t('leads.conflict.reload')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
