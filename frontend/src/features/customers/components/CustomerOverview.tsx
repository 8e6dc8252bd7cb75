import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '@/lib/format';
import { SOCIAL_KEYS, type Customer } from '../api/types';
import { CustomFieldsList } from './CustomFieldsList';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Card>
  );
}

function externalHref(url: string): string {
  return /^https?:\/\//i.test(url) ? url : `https://${url}`;
}

export function CustomerOverview({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const none = <Text size="sm">{t('common.none')}</Text>;
  const social = SOCIAL_KEYS.flatMap((k) => {
    const v = c.social_profiles?.[k];
    return v ? [[k, v] as const] : [];
  });
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Section title={t('customers.detail.contact')}>
        <Field label={t('customers.fields.emails')}>
          {c.emails.length === 0
            ? none
            : c.emails.map((e, i) => (
                <Group key={i} gap="xs">
                  <Anchor href={`mailto:${e.value}`} size="sm">
                    {e.value}
                  </Anchor>
                  {e.label && <Text size="xs" c="dimmed">{e.label}</Text>}
                  {e.primary && <Badge size="xs" variant="light">{t('customers.fields.primary')}</Badge>}
                </Group>
              ))}
        </Field>
        <Field label={t('customers.fields.phones')}>
          {c.phones.length === 0
            ? none
            : c.phones.map((p, i) => (
                <Group key={i} gap="xs">
                  <Anchor href={`tel:${p.value}`} size="sm">
                    {p.value}
                  </Anchor>
                  {p.label && <Text size="xs" c="dimmed">{p.label}</Text>}
                  {p.primary && <Badge size="xs" variant="light">{t('customers.fields.primary')}</Badge>}
                </Group>
              ))}
        </Field>
        {c.type === 'company' && (
          <Field label={t('customers.fields.website')}>
            {c.website ? (
              <Anchor href={externalHref(c.website)} target="_blank" rel="noopener noreferrer" size="sm">
                {c.website}
              </Anchor>
            ) : (
              none
            )}
          </Field>
        )}
        <Field label={t('customers.fields.social_profiles')}>
          {social.length === 0
            ? none
            : social.map(([k, v]) => (
                <Text size="sm" key={k}>
                  {t(`customers.social.${k}`)}: {v}
                </Text>
              ))}
        </Field>
      </Section>

      <Section title={t('customers.detail.profile')}>
        {c.type === 'person' ? (
          <>
            <Field label={t('customers.fields.company')}>
              {c.company_id ? (
                <Anchor component={Link} to={`/customers/${c.company_id}`} size="sm">
                  {c.company_name ?? c.company_id}
                </Anchor>
              ) : (
                none
              )}
            </Field>
            <Field label={t('customers.fields.job_title')}>
              <Text size="sm">{c.job_title || t('common.none')}</Text>
            </Field>
            <Field label={t('customers.fields.birthday')}>
              <Text size="sm">{c.birthday ? fmt.date(c.birthday) : t('common.none')}</Text>
            </Field>
          </>
        ) : (
          <Field label={t('customers.fields.industry')}>
            <Text size="sm">{c.industry || t('common.none')}</Text>
          </Field>
        )}
        <Field label={t('customers.fields.lifecycle_stage')}>
          <Text size="sm">{c.lifecycle_stage ? t(`customers.stage.${c.lifecycle_stage}`) : t('common.none')}</Text>
        </Field>
        <Field label={t('customers.fields.owner')}>
          <Text size="sm">{c.owner_name || t('common.none')}</Text>
        </Field>
        <Field label={t('customers.fields.tags')}>
          {c.tags.length === 0 ? (
            none
          ) : (
            <Group gap={4}>
              {c.tags.map((tag) => (
                <Badge key={tag} variant="outline" color="gray" tt="none" size="sm">
                  {tag}
                </Badge>
              ))}
            </Group>
          )}
        </Field>
      </Section>

      <Section title={t('customers.fields.addresses')}>
        {c.addresses.length === 0
          ? none
          : c.addresses.map((a, i) => (
              <div key={i}>
                {a.label && <Text size="xs" c="dimmed">{a.label}</Text>}
                <Text size="sm">{a.street}</Text>
                <Text size="sm">{[a.city, a.region, a.postal_code].filter(Boolean).join(', ')}</Text>
                {a.country && (
                  <Text size="sm">
                    {(() => {
                      try {
                        return new Intl.DisplayNames([fmt.locale], { type: 'region' }).of(a.country) ?? a.country;
                      } catch {
                        return a.country;
                      }
                    })()}
                  </Text>
                )}
              </div>
            ))}
      </Section>

      <Section title={t('customers.fields.notes')}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {c.notes || t('common.none')}
        </Text>
      </Section>

      <Section title={t('customers.fields.custom_fields')}>
        <CustomFieldsList
          values={c.custom_fields ?? {}}
          renderField={(key, label, value) => (
            <Field key={key} label={label}>
              {value}
            </Field>
          )}
        />
      </Section>

      <Section title={t('customers.fields.version')}>
        <Field label={t('customers.fields.created_at')}>
          <Text size="sm">{fmt.dateTime(c.created_at)}</Text>
        </Field>
        <Field label={t('customers.fields.updated_at')}>
          <Text size="sm">{fmt.dateTime(c.updated_at)}</Text>
        </Field>
        <Field label={t('customers.fields.version')}>
          <Text size="sm">{c.version}</Text>
        </Field>
      </Section>
    </SimpleGrid>
  );
}
