import { Anchor, Card, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLostReasons } from '@/hooks/use-lost-reasons';
import { useFormatters } from '@/lib/format';
import { useMoney } from '@/lib/money';
import type { Deal } from '../api/types';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

export function DealOverview({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { money } = useMoney();
  const reasons = useLostReasons(Boolean(deal.lost_reason_id));
  const none = t('common.none');
  const reason = reasons.data?.find((r) => r.id === deal.lost_reason_id)?.name;
  return (
    <Stack>
      <Card withBorder radius="md" padding="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
          <Field label={t('deals.fields.customer')}>
            <Anchor component={Link} to={`/customers/${deal.customer_id}`} size="sm">
              {deal.customer_name}
            </Anchor>
          </Field>
          <Field label={t('deals.fields.amount')}>{money(deal.amount, deal.currency)}</Field>
          <Field label={t('deals.fields.weighted_amount')}>{money(deal.weighted_amount, deal.currency)}</Field>
          <Field label={t('deals.fields.stage')}>{deal.stage_name}</Field>
          <Field label={t('deals.fields.probability')}>
            {`${deal.probability}%`}
            {deal.probability_override !== null && deal.probability_override !== undefined ? ` (${t('deals.detail.overridden')})` : ''}
          </Field>
          <Field label={t('deals.fields.expected_close_date')}>{deal.expected_close_date ? fmt.date(deal.expected_close_date) : none}</Field>
          <Field label={t('deals.fields.owner')}>{deal.owner_name ?? none}</Field>
          <Field label={t('deals.fields.source')}>{deal.source ?? none}</Field>
          <Field label={t('deals.fields.stage_entered_at')}>{fmt.dateTime(deal.stage_entered_at)}</Field>
          {deal.status === 'lost' && (
            <>
              <Field label={t('deals.fields.lost_reason')}>{reason ?? none}</Field>
              <Field label={t('deals.fields.lost_reason_note')}>{deal.lost_reason_note ?? none}</Field>
              <Field label={t('deals.fields.lost_at')}>{fmt.dateTime(deal.lost_at)}</Field>
            </>
          )}
          {deal.status === 'won' && <Field label={t('deals.fields.won_at')}>{fmt.dateTime(deal.won_at)}</Field>}
          <Field label={t('deals.fields.created_at')}>{fmt.dateTime(deal.created_at)}</Field>
          <Field label={t('deals.fields.updated_at')}>{fmt.dateTime(deal.updated_at)}</Field>
        </SimpleGrid>
      </Card>
      <Card withBorder radius="md" padding="md">
        <Field label={t('deals.fields.next_step')}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {deal.next_step || none}
          </Text>
        </Field>
      </Card>
    </Stack>
  );
}
