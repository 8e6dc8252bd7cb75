import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { ReminderRule, ReminderRuleCreate, ReminderRuleUpdate } from './types';

/** Every reminder rule (GET /reminder-rules; few, so the cursor is followed). */
export function useReminderRules() {
  return useQuery({
    queryKey: settingsKeys.reminderRules,
    queryFn: async ({ signal }) => {
      const items: ReminderRule[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = unwrap(await api.GET('/reminder-rules', { signal, params: { query: { limit: 200, cursor } } }));
        items.push(...page.items);
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      return items;
    },
  });
}

export function useCreateReminderRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: ReminderRuleCreate) => unwrap(await api.POST('/reminder-rules', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.reminderRules }),
  });
}

/** PATCH with If-Match: a stale version answers 412. */
export function useUpdateReminderRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ rule, changes }: { rule: ReminderRule; changes: ReminderRuleUpdate }) =>
      unwrap(
        await api.PATCH('/reminder-rules/{rule_id}', {
          params: { path: { rule_id: rule.id }, header: { 'if-match': `"${rule.version}"` } },
          body: changes,
        }),
      ),
    onSettled: () => void qc.invalidateQueries({ queryKey: settingsKeys.reminderRules }),
  });
}

export function useDeleteReminderRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (rule: ReminderRule) => {
      const { response, error } = await api.DELETE('/reminder-rules/{rule_id}', {
        params: { path: { rule_id: rule.id }, header: { 'if-match': `"${rule.version}"` } },
      });
      if (!response.ok) unwrap({ response, error });
      return rule.id;
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: settingsKeys.reminderRules }),
  });
}

/** POST /reminder-rules/run: the hourly job, now (idempotent). */
export function useRunReminders() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/reminder-rules/run')),
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.tasks }),
  });
}
