import { ActionIcon, Badge, Button, Card, CopyButton, Group, Modal, Stack, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconDownload, IconFilePlus, IconLinkOff, IconSend, IconVersions, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useCurrentUser } from '@/hooks/use-current-user';
import { useFormatters } from '@/lib/format';
import { useMoney } from '@/lib/money';
import type { Deal, Quote, QuoteStatus } from '../api/types';
import {
  useCreateQuote,
  useDecideQuote,
  useDownloadQuotePdf,
  useReviseQuote,
  useRevokeQuoteLink,
  useSendQuote,
  useSubmitQuote,
} from '../api/use-quote-actions';
import { useQuotes } from '../api/use-quotes';

const STATUS_COLOR: Record<QuoteStatus, string> = {
  draft: 'gray',
  pending_approval: 'yellow',
  approved: 'teal',
  sent: 'blue',
  accepted: 'green',
  rejected: 'red',
  expired: 'orange',
};

function errorMessage(e: unknown, fallback: string): string {
  return isApiError(e) ? (e.problem?.detail ?? e.problem?.title ?? e.message) : fallback;
}

/** The server returns "/q/<token>" unless CRM_PUBLIC_BASE_URL is set: make it a link the customer can open. */
function absoluteUrl(url: string): string {
  return url.startsWith('/') ? `${window.location.origin}${url}` : url;
}

/** Quote versions of a deal: create, submit, approve/reject (managers), send a public link, PDF. */
export function QuotesPanel({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const { money } = useMoney();
  const me = useCurrentUser();
  const quotes = useQuotes(deal.id);
  const create = useCreateQuote();
  const revise = useReviseQuote();
  const submit = useSubmitQuote();
  const decide = useDecideQuote();
  const send = useSendQuote();
  const revoke = useRevokeQuoteLink();
  const pdf = useDownloadQuotePdf();
  const [creating, setCreating] = useState(false);
  const [validUntil, setValidUntil] = useState('');
  const [deciding, setDeciding] = useState<{ quote: Quote; decision: 'approve' | 'reject' } | null>(null);
  const [comment, setComment] = useState('');
  const [link, setLink] = useState<{ url: string; expires: string } | null>(null);
  const canDecide = me.data?.role === 'admin' || me.data?.role === 'manager';

  const fail = (title: string) => (e: unknown) => notifications.show({ color: 'red', title, message: errorMessage(e, t('common.networkError')) });
  const ok = (message: string) => () => notifications.show({ color: 'green', message });

  const newButton = (
    <Button leftSection={<IconFilePlus size={16} />} onClick={() => setCreating(true)}>
      {t('deals.quotes.new')}
    </Button>
  );

  let body;
  if (quotes.isPending) body = <TableSkeleton rows={3} />;
  else if (quotes.isError) body = <ProblemAlert error={quotes.error} onRetry={() => void quotes.refetch()} />;
  else if (quotes.data.length === 0)
    body = <EmptyState title={t('deals.quotes.emptyTitle')} description={t('deals.quotes.emptyBody')} action={newButton} />;
  else
    body = (
      <Stack gap="sm">
        {quotes.data.map((q) => (
          <Card key={q.id} withBorder radius="md" padding="sm" data-testid="quote-card">
            <Group justify="space-between" align="flex-start">
              <Stack gap={2}>
                <Group gap="xs">
                  <Text fw={600}>{`${q.number} · ${t('deals.quotes.version', { n: q.revision })}`}</Text>
                  <Badge color={STATUS_COLOR[q.status]} variant="light">
                    {t(`deals.quotes.status.${q.status}`)}
                  </Badge>
                  {!q.is_latest && (
                    <Badge color="gray" variant="outline" size="sm">
                      {t('deals.quotes.superseded')}
                    </Badge>
                  )}
                </Group>
                <Text size="sm">
                  {t('deals.quotes.summary', { total: money(q.total, q.currency), date: fmt.date(q.valid_until) })}
                </Text>
                {Number(q.max_discount_percent) > 0 && (
                  <Text size="xs" c="dimmed">
                    {t('deals.quotes.maxDiscount', { percent: q.max_discount_percent })}
                  </Text>
                )}
                {q.approval?.decided_at && (
                  <Text size="xs" c="dimmed">
                    {t(q.approval.decision === 'approved' ? 'deals.quotes.approvedBy' : 'deals.quotes.rejectedBy', {
                      name: q.approval.decided_by_name ?? '',
                      date: fmt.dateTime(q.approval.decided_at),
                    })}
                    {q.approval.comment ? ` — “${q.approval.comment}”` : ''}
                  </Text>
                )}
                {q.accepted_at && (
                  <Text size="xs" c="green">
                    {t('deals.quotes.acceptedBy', { name: q.accepted_name ?? '', date: fmt.dateTime(q.accepted_at) })}
                  </Text>
                )}
                {q.declined_at && (
                  <Text size="xs" c="red">
                    {t('deals.quotes.declined', { reason: q.declined_reason ?? '', date: fmt.dateTime(q.declined_at) })}
                  </Text>
                )}
              </Stack>
              <Group gap="xs">
                {q.is_latest && q.status === 'draft' && (
                  <Button size="xs" onClick={() => submit.mutate(q, { onSuccess: ok(t('deals.quotes.submitted')), onError: fail(t('deals.quotes.actionFailed')) })} loading={submit.isPending && submit.variables?.id === q.id}>
                    {t('deals.quotes.submit')}
                  </Button>
                )}
                {q.status === 'pending_approval' && canDecide && (
                  <>
                    <Button size="xs" color="green" leftSection={<IconCheck size={14} />} onClick={() => { setComment(''); setDeciding({ quote: q, decision: 'approve' }); }}>
                      {t('deals.quotes.approve')}
                    </Button>
                    <Button size="xs" color="red" variant="light" leftSection={<IconX size={14} />} onClick={() => { setComment(''); setDeciding({ quote: q, decision: 'reject' }); }}>
                      {t('deals.quotes.reject')}
                    </Button>
                  </>
                )}
                {q.status === 'approved' && (
                  <Button
                    size="xs"
                    leftSection={<IconSend size={14} />}
                    loading={send.isPending && send.variables?.id === q.id}
                    onClick={() => send.mutate(q, { onSuccess: (r) => setLink({ url: absoluteUrl(r.public_url), expires: r.expires_at }), onError: fail(t('deals.quotes.actionFailed')) })}
                  >
                    {t('deals.quotes.send')}
                  </Button>
                )}
                {q.status === 'sent' && q.link_active && (
                  <Button size="xs" variant="light" color="orange" leftSection={<IconLinkOff size={14} />} onClick={() => revoke.mutate(q, { onSuccess: ok(t('deals.quotes.revoked')), onError: fail(t('deals.quotes.actionFailed')) })}>
                    {t('deals.quotes.revoke')}
                  </Button>
                )}
                {q.is_latest && q.status !== 'accepted' && (
                  <Button size="xs" variant="default" leftSection={<IconVersions size={14} />} onClick={() => revise.mutate(q, { onSuccess: ok(t('deals.quotes.revised')), onError: fail(t('deals.quotes.actionFailed')) })}>
                    {t('deals.quotes.revise')}
                  </Button>
                )}
                <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} loading={pdf.isPending && pdf.variables?.id === q.id} onClick={() => pdf.mutate(q, { onError: fail(t('deals.quotes.pdfFailed')) })}>
                  {t('deals.quotes.pdf')}
                </Button>
              </Group>
            </Group>
          </Card>
        ))}
      </Stack>
    );

  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('deals.quotes.subtitle')}
        </Text>
        {quotes.data && quotes.data.length > 0 && newButton}
      </Group>
      {body}

      <Modal opened={creating} onClose={() => setCreating(false)} title={t('deals.quotes.new')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack>
          <Text size="sm">{t('deals.quotes.newBody')}</Text>
          {create.isError && <ProblemAlert error={create.error} />}
          <TextInput type="date" label={t('deals.quotes.validUntil')} description={t('deals.quotes.validUntilHelp')} value={validUntil} onChange={(e) => setValidUntil(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setCreating(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              loading={create.isPending}
              onClick={() =>
                create.mutate(
                  { dealId: deal.id, validUntil },
                  {
                    onSuccess: (q) => {
                      setCreating(false);
                      notifications.show({ color: 'green', message: t('deals.quotes.created', { number: q.number }) });
                    },
                  },
                )
              }
            >
              {t('deals.quotes.create')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal
        opened={deciding !== null}
        onClose={() => setDeciding(null)}
        title={deciding?.decision === 'approve' ? t('deals.quotes.approveTitle') : t('deals.quotes.rejectTitle')}
        centered
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          {decide.isError && <ProblemAlert error={decide.error} />}
          <Textarea label={t('deals.quotes.comment')} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeciding(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color={deciding?.decision === 'approve' ? 'green' : 'red'}
              loading={decide.isPending}
              onClick={() =>
                deciding &&
                decide.mutate(
                  { quote: deciding.quote, decision: deciding.decision, comment: comment.trim() },
                  {
                    onSuccess: () => {
                      setDeciding(null);
                      notifications.show({ color: 'green', message: deciding.decision === 'approve' ? t('deals.quotes.approved') : t('deals.quotes.rejected') });
                    },
                  },
                )
              }
            >
              {deciding?.decision === 'approve' ? t('deals.quotes.approve') : t('deals.quotes.reject')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={link !== null} onClose={() => setLink(null)} title={t('deals.quotes.linkTitle')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
        {link && (
          <Stack>
            <Text size="sm">{t('deals.quotes.linkBody', { date: fmt.dateTime(link.expires) })}</Text>
            <TextInput
              readOnly
              label={t('deals.quotes.publicLink')}
              value={link.url}
              onFocus={(e) => e.currentTarget.select()}
              rightSection={
                <CopyButton value={link.url}>
                  {({ copied, copy }) => (
                    <Tooltip label={copied ? t('deals.quotes.copied') : t('deals.quotes.copy')} withinPortal>
                      <ActionIcon variant="subtle" onClick={copy} aria-label={t('deals.quotes.copy')}>
                        {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                      </ActionIcon>
                    </Tooltip>
                  )}
                </CopyButton>
              }
            />
            <Group justify="flex-end">
              <Button onClick={() => setLink(null)}>{t('common.close')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
