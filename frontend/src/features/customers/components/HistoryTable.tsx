import { useTranslation } from 'react-i18next';
import { ChangeHistoryTable } from '@/components/ChangeHistoryTable';
import { useCustomerHistory } from '../api/use-customer-history';
import { useUsers } from '../api/use-users';
import { formatHistoryValue } from './history-values';

/** A customer's field history, with owners and enums shown as people read them. */
export function HistoryTable({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const history = useCustomerHistory(customerId);
  const users = useUsers();
  const userName = (id: string) => users.data?.find((u) => u.id === id)?.full_name;
  return (
    <ChangeHistoryTable
      history={history}
      ns="customers"
      formatValue={(field, value) => formatHistoryValue(field ?? null, value, t, userName)}
    />
  );
}
