import { customFieldKeys } from '@/hooks/use-custom-field-definitions';

/**
 * Query-key factory for the settings screens. Users live under the shared ['users'] root so that
 * owner pickers and the current user refresh after an admin changes someone.
 */
export const settingsKeys = {
  users: ['users'] as const,
  userList: () => [...settingsKeys.users, 'admin-list'] as const,
  user: (id: string) => [...settingsKeys.users, 'detail', id] as const,
  customFields: customFieldKeys,
  accessPolicies: () => ['access-policies'] as const,
  apiKeys: () => ['api-keys'] as const,
  apiKeyList: () => [...settingsKeys.apiKeys(), 'list'] as const,
};
