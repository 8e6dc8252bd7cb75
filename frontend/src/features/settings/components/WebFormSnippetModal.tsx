import { Anchor, Badge, Button, Card, Code, CopyButton, Grid, Group, Modal, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '@/lib/format';
import type { WebForm } from '../api/types';
import { WebFormPreview } from './WebFormPreview';

function Copy({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Button size="xs" variant={copied ? 'light' : 'default'} color={copied ? 'teal' : undefined} leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />} onClick={copy} aria-label={label}>
          {copied ? t('settings.webForms.copied') : t('settings.webForms.copy')}
        </Button>
      )}
    </CopyButton>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Card withBorder padding="sm" radius="md">
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </Card>
  );
}

/** A form's embed view: the HTML to paste (with copy), the submit URL, its counts and a live preview. */
export function WebFormSnippetModal({ form, onClose, onEdit }: { form: WebForm; onClose: () => void; onEdit?: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  return (
    <Modal opened onClose={onClose} title={t('settings.webForms.snippetTitle', { name: form.name })} centered size="80rem" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              <Stat label={t('settings.webForms.submissions')} value={fmt.number(form.submission_count)} />
              <Stat label={t('settings.webForms.spam')} value={fmt.number(form.spam_count)} />
              <Stat label={t('settings.webForms.lastSubmission')} value={form.last_submission_at ? fmt.shortDate(form.last_submission_at) : t('common.none')} />
              <Card withBorder padding="sm" radius="md">
                <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                  {t('settings.webForms.status')}
                </Text>
                <Badge mt={6} color={form.active ? 'green' : 'gray'} variant="light">
                  {form.active ? t('settings.webForms.activeBadge') : t('settings.webForms.inactiveBadge')}
                </Badge>
              </Card>
            </SimpleGrid>
            <div>
              <Group justify="space-between" mb={4}>
                <Text size="sm" fw={500}>
                  {t('settings.webForms.submitUrl')}
                </Text>
                <Copy value={form.submit_url} label={t('settings.webForms.copyUrl')} />
              </Group>
              <TextInput readOnly value={form.submit_url} aria-label={t('settings.webForms.submitUrl')} ff="monospace" data-testid="submit-url" />
            </div>
            <div>
              <Group justify="space-between" mb={4}>
                <Text size="sm" fw={500}>
                  {t('settings.webForms.embedHtml')}
                </Text>
                <Copy value={form.embed_html} label={t('settings.webForms.copyHtml')} />
              </Group>
              <Text size="xs" c="dimmed" mb={6}>
                {form.allowed_origins.length > 0
                  ? t('settings.webForms.embedHintOrigins', { origins: form.allowed_origins.join(', ') })
                  : t('settings.webForms.embedHintAny')}
              </Text>
              <Code block data-testid="embed-html" style={{ maxHeight: 320, overflow: 'auto', whiteSpace: 'pre' }}>
                {form.embed_html}
              </Code>
            </div>
            <Text size="xs" c="dimmed">
              {form.redirect_url ? (
                <>
                  {t('settings.webForms.redirectsTo')}{' '}
                  <Anchor href={form.redirect_url} target="_blank" rel="noopener noreferrer" size="xs">
                    {form.redirect_url}
                  </Anchor>
                </>
              ) : (
                t('settings.webForms.noRedirect')
              )}
            </Text>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Title order={3} size="h5" mb="xs">
            {t('settings.webForms.livePreview')}
          </Title>
          <WebFormPreview fields={form.fields} />
        </Grid.Col>
      </Grid>
      <Group justify="flex-end" mt="md">
        {onEdit && (
          <Button variant="default" onClick={onEdit}>
            {t('common.edit')}
          </Button>
        )}
        <Button onClick={onClose}>{t('common.close')}</Button>
      </Group>
    </Modal>
  );
}
