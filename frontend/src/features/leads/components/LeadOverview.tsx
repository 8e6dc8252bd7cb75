import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '@/lib/format';
import type { Lead } from '../api/types';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ wordBreak: 'break-word' }}>
        {children}
      </Text>
    </div>
  );
}

function href(url: string): string {
  return /^https?:\/\//i.test(url) ? url : `https://${url}`;
}

/** What is known about the lead: contact, company, where it came from, who has it and why. */
export function LeadOverview({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const none = t('common.none');
  const converted = lead.status === 'converted';
  return (
    <Stack>
      {lead.status === 'unqualified' && lead.unqualified_reason && (
        <Alert color="gray" variant="light" title={t('leads.detail.unqualifiedBecause')}>
          {lead.unqualified_reason}
        </Alert>
      )}
      {converted && (
        <Card withBorder radius="md" padding="md" data-testid="converted-links">
          <Title order={2} size="h4" mb="xs">
            {t('leads.detail.convertedTitle', { date: fmt.dateTime(lead.converted_at) })}
          </Title>
          <Group gap="lg">
            {lead.converted_company_id && (
              <Anchor component={Link} to={`/customers/${lead.converted_company_id}`}>
                <Group gap={4}>
                  {t('leads.detail.openCompany')} <IconArrowRight size={14} />
                </Group>
              </Anchor>
            )}
            {lead.converted_contact_id && (
              <Anchor component={Link} to={`/customers/${lead.converted_contact_id}`}>
                <Group gap={4}>
                  {t('leads.detail.openContact')} <IconArrowRight size={14} />
                </Group>
              </Anchor>
            )}
            {lead.converted_deal_id && (
              <Anchor component={Link} to={`/deals/${lead.converted_deal_id}`}>
                <Group gap={4}>
                  {t('leads.detail.openDeal')} <IconArrowRight size={14} />
                </Group>
              </Anchor>
            )}
            {!lead.converted_company_id && !lead.converted_contact_id && !lead.converted_deal_id && (
              <Text size="sm" c="dimmed">
                {t('leads.detail.noLinks')}
              </Text>
            )}
          </Group>
        </Card>
      )}
      <Card withBorder radius="md" padding="md">
        <Title order={2} size="h4" mb="sm">
          {t('leads.detail.contact')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
          <Field label={t('leads.fields.emails')}>
            {lead.emails.length === 0
              ? none
              : lead.emails.map((e) => (
                  <div key={e.value}>
                    <Anchor href={`mailto:${e.value}`} size="sm">
                      {e.value}
                    </Anchor>{' '}
                    <Text span size="xs" c="dimmed">
                      {e.label}
                    </Text>
                  </div>
                ))}
          </Field>
          <Field label={t('leads.fields.phones')}>
            {lead.phones.length === 0
              ? none
              : lead.phones.map((p) => (
                  <div key={p.value}>
                    <Anchor href={`tel:${p.value}`} size="sm">
                      {p.value}
                    </Anchor>{' '}
                    <Text span size="xs" c="dimmed">
                      {p.label}
                    </Text>
                  </div>
                ))}
          </Field>
          <Field label={t('leads.fields.job_title')}>{lead.job_title ?? none}</Field>
          <Field label={t('leads.fields.company_name')}>{lead.company_name ?? none}</Field>
          <Field label={t('leads.fields.website')}>
            {lead.website ? (
              <Anchor href={href(lead.website)} target="_blank" rel="noopener noreferrer" size="sm">
                {lead.website}
              </Anchor>
            ) : (
              none
            )}
          </Field>
          <Field label={t('leads.fields.industry')}>{lead.industry ?? none}</Field>
          <Field label={t('leads.fields.company_size')}>
            {lead.company_size !== null ? t('leads.detail.employees', { count: lead.company_size, formatted: fmt.number(lead.company_size) }) : none}
          </Field>
          <Field label={t('leads.fields.country')}>{lead.country ?? none}</Field>
        </SimpleGrid>
      </Card>
      <Card withBorder radius="md" padding="md">
        <Title order={2} size="h4" mb="sm">
          {t('leads.detail.origin')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
          <Field label={t('leads.fields.source')}>{t(`leads.source.${lead.source}`)}</Field>
          <Field label={t('leads.fields.campaign')}>{lead.campaign ?? none}</Field>
          <Field label={t('leads.fields.submission_count')}>
            {lead.submission_count > 0
              ? t('leads.detail.submissions', { count: lead.submission_count, last: fmt.dateTime(lead.last_submitted_at) })
              : none}
          </Field>
          <Field label={t('leads.fields.owner')}>{lead.owner_name ?? none}</Field>
          <Field label={t('leads.fields.assignment_rule')}>{lead.assignment_rule_name ?? t('leads.detail.assignedByHand')}</Field>
          <Field label={t('leads.fields.tags')}>
            {lead.tags.length === 0 ? (
              none
            ) : (
              <Group gap={4}>
                {lead.tags.map((tag) => (
                  <Badge key={tag} size="xs" variant="outline" color="gray" tt="none">
                    {tag}
                  </Badge>
                ))}
              </Group>
            )}
          </Field>
          <Field label={t('leads.fields.created_at')}>{fmt.dateTime(lead.created_at)}</Field>
          <Field label={t('leads.fields.updated_at')}>{fmt.dateTime(lead.updated_at)}</Field>
          <Field label={t('leads.fields.scored_at')}>{lead.scored_at ? fmt.dateTime(lead.scored_at) : none}</Field>
        </SimpleGrid>
      </Card>
      <Card withBorder radius="md" padding="md">
        <Field label={t('leads.fields.notes')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {lead.notes || none}
          </Text>
        </Field>
      </Card>
    </Stack>
  );
}
