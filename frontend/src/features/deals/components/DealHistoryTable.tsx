import { useTranslation } from 'react-i18next';
import { ChangeHistoryTable } from '@/components/ChangeHistoryTable';
import { useDealHistory } from '../api/use-deal-history';

function show(value: unknown, none: string): string {
  if (value === null || value === undefined || value === '') return none;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** A deal's field history. */
export function DealHistoryTable({ dealId }: { dealId: string }) {
  const { t } = useTranslation();
  const history = useDealHistory(dealId);
  return <ChangeHistoryTable history={history} ns="deals" formatValue={(_field, value) => show(value, t('common.none'))} />;
}
