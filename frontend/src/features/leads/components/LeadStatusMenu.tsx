import { Badge, Menu, UnstyledButton } from '@mantine/core';
import { IconBan, IconChevronDown, IconCircleCheck, IconPhoneCall, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Lead, LeadStatus } from '../api/types';
import { LeadStatusBadge, STATUS_COLOR } from './LeadStatusBadge';
import { canUnqualify, nextStatuses, useLeadStatus } from './use-lead-status';

const ICON: Partial<Record<LeadStatus, typeof IconPhoneCall>> = { contacted: IconPhoneCall, qualified: IconCircleCheck, new: IconRefresh };

/** The status badge as a menu button: quick moves (contacted, qualified) and "Unqualify…". */
export function LeadStatusMenu({ lead }: { lead: Lead }) {
  const { t } = useTranslation();
  const status = useLeadStatus(lead);
  const targets = nextStatuses(lead.status);
  if (targets.length === 0 && !canUnqualify(lead.status)) return <LeadStatusBadge status={lead.status} />;
  return (
    <>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <UnstyledButton aria-label={t('leads.changeStatusOf', { name: lead.name, status: t(`leads.status.${lead.status}`) })} disabled={status.pending}>
            <Badge variant="light" color={STATUS_COLOR[lead.status]} size="sm" rightSection={<IconChevronDown size={12} />} style={{ cursor: 'pointer' }}>
              {t(`leads.status.${lead.status}`)}
            </Badge>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('leads.changeStatus')}</Menu.Label>
          {targets.map((s) => {
            const Icon = ICON[s] ?? IconRefresh;
            return (
              <Menu.Item key={s} leftSection={<Icon size={14} />} onClick={() => status.setStatus(s)}>
                {t(`leads.actions.to.${s}`)}
              </Menu.Item>
            );
          })}
          {canUnqualify(lead.status) && (
            <Menu.Item color="red" leftSection={<IconBan size={14} />} onClick={status.openUnqualify}>
              {t('leads.actions.unqualify')}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      {status.modals}
    </>
  );
}
