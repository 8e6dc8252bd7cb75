/** Where a record lives in the web app (customers, leads, deals; tasks live on My day). */
export function recordPath(recordType: string | null | undefined, recordId: string | null | undefined): string | null {
  if (!recordType || !recordId) return null;
  switch (recordType) {
    case 'customer':
      return `/customers/${recordId}`;
    case 'lead':
      return `/leads/${recordId}`;
    case 'deal':
      return `/deals/${recordId}`;
    case 'task':
      return `/my-day?task=${recordId}`;
    default:
      return null;
  }
}

/** The i18n namespace holding a record type's field labels (`<ns>.fields.<field>`). */
export function recordNamespace(recordType: string): string | null {
  return recordType === 'customer' ? 'customers' : recordType === 'lead' ? 'leads' : recordType === 'deal' ? 'deals' : null;
}
