import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DocumentsPanel } from '@/components/documents/DocumentsPanel';

/** Every document the user may see: search (also inside files), kind filter, list and drawer. */
export default function DocumentsPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <div>
        <Title order={1} size="h2">
          {t('documents.title')}
        </Title>
        <Text c="dimmed" size="sm">
          {t('documents.subtitle')}
        </Text>
      </div>
      <DocumentsPanel />
    </Stack>
  );
}
