import { useTranslation } from 'react-i18next';
import { ChangeHistoryTable } from '@/components/ChangeHistoryTable';
import { useLeadHistory } from '../api/use-lead-history';
import { useUsers } from '../api/use-users';

function formatItem(item: unknown): string {
  if (item === null || item === undefined) return '';
  if (typeof item !== 'object') return String(item);
  const o = item as Record<string, unknown>;
  if (typeof o.value === 'string') return o.label ? `${o.value} (${String(o.label)})` : o.value;
  return JSON.stringify(item);
}

/** A lead's field history, with owners and enums shown as people read them. */
export function LeadHistoryTable({ leadId }: { leadId: string }) {
  const { t } = useTranslation();
  const history = useLeadHistory(leadId);
  const users = useUsers();
  const none = t('common.none');
  const format = (field: string | null | undefined, v: unknown): string => {
    if (v === null || v === undefined || v === '') return none;
    if (field === 'status' && typeof v === 'string') return t(`leads.status.${v}`, { defaultValue: v });
    if (field === 'source' && typeof v === 'string') return t(`leads.source.${v}`, { defaultValue: v });
    if (field === 'owner_id' && typeof v === 'string') return users.data?.find((u) => u.id === v)?.full_name ?? v;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (Array.isArray(v)) return v.length === 0 ? none : v.map(formatItem).join(', ');
    if (typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== null && x !== '');
      return entries.length === 0 ? none : entries.map(([k, x]) => `${k}: ${formatItem(x)}`).join(', ');
    }
    return JSON.stringify(v);
  };
  return <ChangeHistoryTable history={history} ns="leads" formatValue={format} />;
}
