export const trashKeys = {
  all: ['trash'] as const,
  list: (recordType?: string) => [...trashKeys.all, 'list', recordType ?? 'all'] as const,
};
