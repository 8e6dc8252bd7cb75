import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { leadKeys } from '../api/keys';
import type { Lead, LeadStatus } from '../api/types';
import { useUpdateLead } from '../api/use-update-lead';
import { LeadConflictModal } from './LeadConflictModal';
import { UnqualifyModal } from './UnqualifyModal';

/** The statuses a lead can be moved to by hand from its current one (conversion has its own dialog). */
export function nextStatuses(status: LeadStatus): LeadStatus[] {
  switch (status) {
    case 'new':
      return ['contacted', 'qualified'];
    case 'contacted':
      return ['qualified', 'new'];
    case 'qualified':
      return ['contacted'];
    case 'unqualified':
      return ['new'];
    default:
      return [];
  }
}

export function canUnqualify(status: LeadStatus): boolean {
  return status === 'new' || status === 'contacted' || status === 'qualified';
}

/**
 * Status changes for one lead: PATCH with If-Match, the unqualify dialog (reason required) and
 * the 412 reload dialog. Render `modals` once next to the buttons that call `setStatus`.
 */
export function useLeadStatus(lead: Lead) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const update = useUpdateLead();
  const [unqualifying, setUnqualifying] = useState(false);
  const [conflict, setConflict] = useState(false);
  const [unqualifyError, setUnqualifyError] = useState<unknown>(null);

  const onError = (e: unknown) => {
    if (isApiError(e, 412)) {
      setUnqualifying(false);
      setConflict(true);
      return;
    }
    notifications.show({ color: 'red', title: t('leads.statusFailed'), message: isApiError(e) ? (e.problem?.detail ?? e.message) : t('common.networkError') });
  };

  const setStatus = (status: LeadStatus) =>
    update.mutate(
      { id: lead.id, version: lead.version, changes: { status } },
      {
        onSuccess: () => notifications.show({ color: 'green', message: t('leads.statusChanged', { name: lead.name, status: t(`leads.status.${status}`) }) }),
        onError,
      },
    );

  const unqualify = (reason: string) =>
    update.mutate(
      { id: lead.id, version: lead.version, changes: { status: 'unqualified', unqualified_reason: reason } },
      {
        onSuccess: () => {
          setUnqualifying(false);
          notifications.show({ color: 'green', message: t('leads.statusChanged', { name: lead.name, status: t('leads.status.unqualified') }) });
        },
        onError: (e) => {
          if (isApiError(e, 412)) onError(e);
          else setUnqualifyError(e);
        },
      },
    );

  const modals: ReactNode = (
    <>
      {unqualifying && (
        <UnqualifyModal
          opened
          leadName={lead.name}
          loading={update.isPending}
          error={unqualifyError}
          onCancel={() => setUnqualifying(false)}
          onConfirm={unqualify}
        />
      )}
      <LeadConflictModal
        opened={conflict}
        onClose={() => setConflict(false)}
        onReload={() => {
          setConflict(false);
          void qc.invalidateQueries({ queryKey: leadKeys.detail(lead.id) });
          void qc.invalidateQueries({ queryKey: leadKeys.lists() });
          notifications.show({ message: t('leads.conflict.reloaded') });
        }}
      />
    </>
  );

  return {
    setStatus,
    openUnqualify: () => {
      setUnqualifyError(null);
      setUnqualifying(true);
    },
    pending: update.isPending,
    pendingStatus: update.isPending ? update.variables?.changes.status : undefined,
    modals,
  };
}
