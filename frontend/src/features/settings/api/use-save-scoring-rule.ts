import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '@/api/client';
import { unwrap } from '@/api/errors';
import { settingsKeys } from './keys';
import type { ScoringRuleCreate, ScoringRuleUpdate } from './types';

/** Every lead is re-scored after a rule change: refresh the rules and every lead screen. */
export function afterScoringChange(qc: QueryClient) {
  void qc.invalidateQueries({ queryKey: settingsKeys.scoringRules });
  void qc.invalidateQueries({ queryKey: settingsKeys.scoringModel });
  void qc.invalidateQueries({ queryKey: settingsKeys.leads });
}

export function useCreateScoringRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: ScoringRuleCreate) => unwrap(await api.POST('/scoring/rules', { body })),
    onSuccess: () => afterScoringChange(qc),
  });
}

export function useUpdateScoringRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, changes }: { id: string; changes: ScoringRuleUpdate }) =>
      unwrap(await api.PATCH('/scoring/rules/{rule_id}', { params: { path: { rule_id: id } }, body: changes })),
    onSuccess: () => afterScoringChange(qc),
  });
}

export function useDeleteScoringRule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      unwrap(await api.DELETE('/scoring/rules/{rule_id}', { params: { path: { rule_id: id } } }));
      return id;
    },
    onSuccess: () => afterScoringChange(qc),
  });
}
