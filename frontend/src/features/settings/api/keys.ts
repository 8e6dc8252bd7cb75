import { customFieldKeys } from '@/hooks/use-custom-field-definitions';
import { lostReasonKeys } from '@/hooks/use-lost-reasons';
import { pipelineKeys } from '@/hooks/use-pipelines';

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
  pipelines: pipelineKeys,
  lostReasons: lostReasonKeys,
  exchangeRates: () => ['exchange-rates'] as const,
  products: ['products'] as const,
  productList: () => [...settingsKeys.products, 'admin-list'] as const,
  webForms: ['web-forms'] as const,
  webFormList: () => [...settingsKeys.webForms, 'list'] as const,
  scoringRules: ['scoring', 'rules'] as const,
  assignmentRules: ['assignment-rules'] as const,
  /** Rule changes re-score or re-assign leads: refresh every lead screen. */
  leads: ['leads'] as const,
  scoringModel: ['scoring', 'model'] as const,
  reminderRules: ['reminder-rules'] as const,
  mailbox: ['mailbox'] as const,
  mailList: (status: string) => ['mailbox', 'list', { status }] as const,
  /** Running the reminders makes tasks: refresh My day. */
  tasks: ['tasks'] as const,
  /** Boards show stage names and totals: refresh them after pipeline or rate changes. */
  dealBoards: () => ['deals', 'board'] as const,
};
