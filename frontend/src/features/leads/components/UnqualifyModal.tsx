import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { ProblemAlert } from '@/components/ProblemAlert';
import { locToPath } from '@/lib/form-errors';

interface Props {
  opened: boolean;
  leadName: string;
  loading?: boolean;
  /** The last failed attempt: a 422 on unqualified_reason is shown on the field. */
  error?: unknown;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}

export const REASON_MAX = 500;

/** Asked before a lead is marked unqualified: why (required, kept on the lead). */
export function UnqualifyModal({ opened, leadName, loading, error, onCancel, onConfirm }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const fieldErrors = isApiError(error, 422) ? error.fieldErrors : [];
  const serverError = fieldErrors
    .filter((e) => locToPath(e.loc) === 'unqualified_reason')
    .map((e) => e.msg)
    .join('; ');
  const otherError = error && !serverError;
  return (
    <Modal opened={opened} onClose={onCancel} title={t('leads.unqualify.title')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) {
            setMissing(true);
            return;
          }
          onConfirm(reason.trim());
        }}
      >
        <Stack>
          <Text size="sm">{t('leads.unqualify.body', { name: leadName })}</Text>
          <Textarea
            label={t('leads.fields.unqualified_reason')}
            placeholder={t('leads.unqualify.placeholder')}
            required
            data-autofocus
            autosize
            minRows={3}
            maxLength={REASON_MAX}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setMissing(false);
            }}
            error={(missing ? t('leads.unqualify.reasonRequired') : undefined) ?? (serverError || undefined)}
          />
          {otherError ? <ProblemAlert error={error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={loading}>
              {t('leads.unqualify.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
