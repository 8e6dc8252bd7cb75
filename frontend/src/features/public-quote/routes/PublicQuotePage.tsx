import { Alert, Badge, Box, Button, Container, Divider, Group, Paper, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconClock, IconLinkOff } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { isApiError } from '@/api/errors';
import type { Schemas } from '@/api/client';
import { LocaleSwitch } from '@/components/LocaleSwitch';
import { PageLoader } from '@/components/PageLoader';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useFormatters } from '@/lib/format';
import { useMoney } from '@/lib/money';
import { useAcceptPublicQuote, useDeclinePublicQuote, usePublicQuote, type PublicQuote } from '../api/use-public-quote';

type QuoteStatus = Schemas['QuoteStatus'];

const STATUS_COLOR: Record<QuoteStatus, string> = {
  draft: 'gray',
  pending_approval: 'yellow',
  approved: 'teal',
  sent: 'blue',
  accepted: 'green',
  rejected: 'red',
  expired: 'orange',
};

/** The customer's view of a sent quote, reached through its link: no login, no app shell. */
export default function PublicQuotePage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const quote = usePublicQuote(token);

  useEffect(() => {
    const previous = document.title;
    document.title = quote.data ? t('publicQuote.docTitle', { number: quote.data.number }) : t('publicQuote.title');
    return () => {
      document.title = previous;
    };
  }, [quote.data, t]);

  let body;
  if (quote.isPending) body = <PageLoader />;
  else if (quote.isError && isApiError(quote.error, 404))
    body = (
      <Paper withBorder p="xl" radius="md">
        <Stack align="center" gap="sm">
          <IconLinkOff size={40} color="var(--mantine-color-gray-6)" aria-hidden />
          <Title order={2} ta="center">
            {t('publicQuote.invalidTitle')}
          </Title>
          <Text c="dimmed" ta="center">
            {t('publicQuote.invalidBody')}
          </Text>
        </Stack>
      </Paper>
    );
  else if (quote.isError) body = <ProblemAlert error={quote.error} title={t('publicQuote.loadFailed')} onRetry={() => void quote.refetch()} />;
  else body = <QuoteView token={token} quote={quote.data} />;

  return (
    <Box bg="gray.0" mih="100vh" py="xl">
      <Container size="md">
        <Stack gap="lg">
          <Group justify="space-between" wrap="nowrap">
            <Text fw={700} c="dimmed" tt="uppercase" size="sm">
              {t('publicQuote.brand')}
            </Text>
            <LocaleSwitch />
          </Group>
          <main>{body}</main>
        </Stack>
      </Container>
    </Box>
  );
}

function QuoteView({ token, quote }: { token: string; quote: PublicQuote }) {
  const { t, i18n } = useTranslation();
  const fmt = useFormatters();
  const { money } = useMoney();
  const [mode, setMode] = useState<'idle' | 'accept' | 'decline'>('idle');
  const [justAnswered, setJustAnswered] = useState(false);
  const locale = i18n.language;
  const qty = (v: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(v as Intl.StringNumericLiteral);
  const pct = (v: string) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(Number(v) / 100);

  return (
    <Paper withBorder radius="md" p="xl">
      <Stack gap="lg">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={1}>{t('publicQuote.heading', { number: quote.number })}</Title>
            <Text c="dimmed">{t('publicQuote.revision', { n: quote.revision })}</Text>
          </Stack>
          <Badge size="lg" variant="light" color={STATUS_COLOR[quote.status]}>
            {t(`publicQuote.status.${quote.status}`)}
          </Badge>
        </Group>

        <Group gap="xl">
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('publicQuote.validUntil')}
            </Text>
            <Text fw={500}>{fmt.date(quote.valid_until)}</Text>
          </Stack>
          {quote.sent_at && (
            <Stack gap={0}>
              <Text size="xs" c="dimmed">
                {t('publicQuote.sentAt')}
              </Text>
              <Text fw={500}>{fmt.date(quote.sent_at)}</Text>
            </Stack>
          )}
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              {t('publicQuote.currency')}
            </Text>
            <Text fw={500}>{quote.currency}</Text>
          </Stack>
        </Group>

        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" striped aria-label={t('publicQuote.lines')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('publicQuote.description')}</Table.Th>
                <Table.Th ta="right">{t('publicQuote.quantity')}</Table.Th>
                <Table.Th ta="right">{t('publicQuote.unitPrice')}</Table.Th>
                <Table.Th ta="right">{t('publicQuote.discount')}</Table.Th>
                <Table.Th ta="right">{t('publicQuote.tax')}</Table.Th>
                <Table.Th ta="right">{t('publicQuote.lineTotal')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {quote.lines.map((l, i) => (
                <Table.Tr key={`${i}-${l.description}`}>
                  <Table.Td>{l.description}</Table.Td>
                  <Table.Td ta="right">{qty(l.quantity)}</Table.Td>
                  <Table.Td ta="right">{money(l.unit_price, quote.currency)}</Table.Td>
                  <Table.Td ta="right">{Number(l.discount_percent) > 0 ? pct(l.discount_percent) : '—'}</Table.Td>
                  <Table.Td ta="right">{Number(l.tax_percent) > 0 ? pct(l.tax_percent) : '—'}</Table.Td>
                  <Table.Td ta="right">{money(l.total_amount, quote.currency)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>

        <Group justify="flex-end">
          <Table w={{ base: '100%', sm: 360 }} withRowBorders={false} verticalSpacing={4} aria-label={t('publicQuote.totals')}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row" fw={400}>
                  {t('publicQuote.subtotal')}
                </Table.Th>
                <Table.Td ta="right">{money(quote.subtotal, quote.currency)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row" fw={400}>
                  {t('publicQuote.discountTotal')}
                </Table.Th>
                <Table.Td ta="right">{Number(quote.discount_total) > 0 ? `−${money(quote.discount_total, quote.currency)}` : money(quote.discount_total, quote.currency)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row" fw={400}>
                  {t('publicQuote.taxTotal')}
                </Table.Th>
                <Table.Td ta="right">{money(quote.tax_total, quote.currency)}</Table.Td>
              </Table.Tr>
              <Table.Tr style={{ borderTop: '1px solid var(--mantine-color-gray-4)' }}>
                <Table.Th scope="row">
                  <Text fw={700} size="lg">
                    {t('publicQuote.total')}
                  </Text>
                </Table.Th>
                <Table.Td ta="right" data-testid="public-quote-total">
                  <Text fw={700} size="lg">
                    {money(quote.total, quote.currency)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Group>

        {quote.notes && (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('publicQuote.notes')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {quote.notes}
            </Text>
          </Stack>
        )}

        <Divider />

        {quote.status === 'accepted' && (
          <Alert role="status" color="green" variant="light" icon={<IconCircleCheck size={20} />} title={t(justAnswered ? 'publicQuote.acceptedThanks' : 'publicQuote.acceptedTitle')}>
            {t('publicQuote.acceptedBody', { name: quote.accepted_name ?? '', date: fmt.dateTime(quote.accepted_at) })}
          </Alert>
        )}
        {quote.status === 'rejected' && (
          <Alert role="status" color="red" variant="light" icon={<IconCircleX size={20} />} title={t(justAnswered ? 'publicQuote.declinedThanks' : 'publicQuote.declinedTitle')}>
            {t('publicQuote.declinedBody', { date: fmt.dateTime(quote.declined_at) })}
          </Alert>
        )}
        {quote.status === 'expired' && (
          <Alert role="status" color="orange" variant="light" icon={<IconClock size={20} />} title={t('publicQuote.expiredTitle')}>
            {t('publicQuote.expiredBody', { date: fmt.date(quote.valid_until) })}
          </Alert>
        )}
        {quote.status === 'sent' && mode === 'idle' && (
          <Stack gap="xs">
            <Text>{t('publicQuote.prompt')}</Text>
            <Group>
              <Button color="green" leftSection={<IconCircleCheck size={18} />} onClick={() => setMode('accept')}>
                {t('publicQuote.accept')}
              </Button>
              <Button color="red" variant="light" leftSection={<IconCircleX size={18} />} onClick={() => setMode('decline')}>
                {t('publicQuote.decline')}
              </Button>
            </Group>
          </Stack>
        )}
        {quote.status === 'sent' && mode === 'accept' && (
          <AcceptForm token={token} total={money(quote.total, quote.currency)} onCancel={() => setMode('idle')} onDone={() => setJustAnswered(true)} />
        )}
        {quote.status === 'sent' && mode === 'decline' && <DeclineForm token={token} onCancel={() => setMode('idle')} onDone={() => setJustAnswered(true)} />}
      </Stack>
    </Paper>
  );
}

function AcceptForm({ token, total, onCancel, onDone }: { token: string; total: string; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const accept = useAcceptPublicQuote(token);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = name.trim();
    if (!value) {
      setError(t('publicQuote.nameRequired'));
      return;
    }
    accept.mutate(value, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('publicQuote.acceptTitle')}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('publicQuote.acceptTitle')}
        </Title>
        <Text size="sm">{t('publicQuote.acceptBody', { total })}</Text>
        {accept.isError && <ProblemAlert error={accept.error} title={t('publicQuote.acceptFailed')} />}
        <TextInput
          label={t('publicQuote.fullName')}
          required
          autoComplete="name"
          value={name}
          error={error}
          data-autofocus
          onChange={(e) => {
            setName(e.currentTarget.value);
            if (error) setError(null);
          }}
        />
        <Group>
          <Button type="submit" color="green" loading={accept.isPending}>
            {t('publicQuote.confirmAccept')}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={accept.isPending}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DeclineForm({ token, onCancel, onDone }: { token: string; onCancel: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const decline = useDeclinePublicQuote(token);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = reason.trim();
    if (!value) {
      setError(t('publicQuote.reasonRequired'));
      return;
    }
    decline.mutate(value, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('publicQuote.declineTitle')}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('publicQuote.declineTitle')}
        </Title>
        {decline.isError && <ProblemAlert error={decline.error} title={t('publicQuote.declineFailed')} />}
        <Textarea
          label={t('publicQuote.reason')}
          required
          autosize
          minRows={2}
          value={reason}
          error={error}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            if (error) setError(null);
          }}
        />
        <Group>
          <Button type="submit" color="red" loading={decline.isPending}>
            {t('publicQuote.confirmDecline')}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={decline.isPending}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
