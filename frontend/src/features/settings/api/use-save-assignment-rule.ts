import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { AssignmentRuleCreate, AssignmentRuleUpdate } from './types';

export function useCreateAssignmentRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: AssignmentRuleCreate) => unwrap(await api.POST('/assignment-rules', { body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.assignmentRules }),
  });
}

export function useUpdateAssignmentRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, changes }: { id: string; changes: AssignmentRuleUpdate }) =>
      unwrap(await api.PATCH('/assignment-rules/{rule_id}', { params: { path: { rule_id: id } }, body: changes })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.assignmentRules }),
  });
}

export function useDeleteAssignmentRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      unwrap(await api.DELETE('/assignment-rules/{rule_id}', { params: { path: { rule_id: id } } }));
      return id;
    },
    onSuccess: () => void qc.invalidateQueries({ queryKey: settingsKeys.assignmentRules }),
  });
}
