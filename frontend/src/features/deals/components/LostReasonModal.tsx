import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useLostReasons } from '@/hooks/use-lost-reasons';
import { locToPath } from '@/lib/form-errors';

interface Props {
  opened: boolean;
  dealName: string;
  stageName: string;
  loading?: boolean;
  /** The last failed attempt: a 422 on lost_reason_id / lost_reason_note is shown on that field. */
  error?: unknown;
  onCancel: () => void;
  onConfirm: (reasonId: string, note: string) => void;
}

/** Asked before a deal is dropped on a "lost" stage: why it was lost, with an optional note. */
export function LostReasonModal({ opened, dealName, stageName, loading, error, onCancel, onConfirm }: Props) {
  const { t } = useTranslation();
  const reasons = useLostReasons(opened);
  const [reasonId, setReasonId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);

  const fieldErrors = isApiError(error, 422) ? error.fieldErrors : [];
  const errorFor = (field: string) =>
    fieldErrors
      .filter((e) => locToPath(e.loc) === field)
      .map((e) => e.msg)
      .join('; ') || undefined;
  const reasonError = (missing ? t('deals.lost.reasonRequired') : undefined) ?? errorFor('lost_reason_id');
  const otherError = error && !fieldErrors.some((e) => ['lost_reason_id', 'lost_reason_note'].includes(locToPath(e.loc)));

  const options = (reasons.data ?? []).filter((r) => r.active).map((r) => ({ value: r.id, label: r.name }));

  return (
    <Modal
      opened={opened}
      onClose={onCancel}
      title={t('deals.lost.title')}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!reasonId) {
            setMissing(true);
            return;
          }
          onConfirm(reasonId, note.trim());
        }}
        noValidate
      >
        <Stack>
          <Text size="sm">{t('deals.lost.body', { deal: dealName, stage: stageName })}</Text>
          {reasons.isError && <ProblemAlert error={reasons.error} onRetry={() => void reasons.refetch()} />}
          {reasons.isSuccess && options.length === 0 && (
            <Alert color="yellow" variant="light">
              {t('deals.lost.noReasons')}
            </Alert>
          )}
          <Select
            label={t('deals.fields.lost_reason')}
            placeholder={reasons.isPending ? t('app.loading') : t('deals.lost.pick')}
            data={options}
            value={reasonId}
            onChange={(v) => {
              setReasonId(v);
              setMissing(false);
            }}
            required
            searchable
            error={reasonError}
            data-autofocus
            comboboxProps={{ withinPortal: true, zIndex: 1000 }}
          />
          <Textarea
            label={t('deals.fields.lost_reason_note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
            error={errorFor('lost_reason_note')}
          />
          {otherError ? <ProblemAlert error={error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={loading}>
              {t('deals.lost.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
