import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '@/components/ProblemAlert';
import { TableSkeleton } from '@/components/TableSkeleton';
import { useCurrentUser } from '@/hooks/use-current-user';
import { useFormatters } from '@/lib/format';
import { useScoringModel } from '../api/use-scoring-model';
import { useTrainModel } from '../api/use-train-model';
import { FactorBars } from '../components/FactorBars';
import { factorLabel } from '../components/factor-label';

const CalibrationChart = lazy(() => import('../components/CalibrationChart'));

const STATUS_COLOR: Record<string, string> = { trained: 'green', insufficient_data: 'yellow', untrained: 'gray' };

function StatCard({ label, value, hint, testId }: { label: string; value: ReactNode; hint?: ReactNode; testId?: string }) {
  return (
    <Card withBorder radius="md" padding="md" data-testid={testId}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="xl" fw={700} mt={4}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" mt={2}>
          {hint}
        </Text>
      )}
    </Card>
  );
}

/** /leads/model: how the predictive score is doing, and an admin's "Retrain now". */
export default function ScoringModelPage() {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const me = useCurrentUser();
  const model = useScoringModel();
  const train = useTrainModel();
  const isAdmin = me.data?.role === 'admin';
  const none = t('common.none');
  const num = (v: number | null | undefined, digits: number) => (v === null || v === undefined ? none : v.toFixed(digits));

  const retrain = () =>
    train.mutate(undefined, {
      onSuccess: (m) => notifications.show({ color: m.status === 'trained' ? 'green' : 'yellow', title: t('leads.model.retrained'), message: m.message }),
      onError: () => undefined,
    });

  let body: ReactNode;
  if (model.isPending) body = <TableSkeleton rows={5} />;
  else if (model.isError) body = <ProblemAlert error={model.error} onRetry={() => void model.refetch()} />;
  else {
    const m = model.data;
    const trained = m.status === 'trained';
    const better = m.holdout_auc !== null && m.rule_holdout_auc !== null && m.holdout_auc > m.rule_holdout_auc;
    body = (
      <Stack>
        <Card withBorder radius="md" padding="md">
          <Group justify="space-between" align="flex-start">
            <Stack gap={4} style={{ flex: 1 }}>
              <Group gap="xs">
                <Badge color={STATUS_COLOR[m.status] ?? 'gray'} variant="light" data-testid="model-status">
                  {t(`leads.model.status.${m.status}`, { defaultValue: m.status })}
                </Badge>
                <Badge color={m.in_use ? 'indigo' : 'gray'} variant="outline">
                  {m.in_use ? t('leads.model.inUse') : t('leads.model.notInUse')}
                </Badge>
              </Group>
              <Text size="sm">{m.message}</Text>
              {m.trained_at && (
                <Text size="xs" c="dimmed">
                  {t('leads.model.trainedAt', { date: fmt.dateTime(m.trained_at) })}
                  {m.trigger ? ` · ${t(`leads.model.trigger.${m.trigger}`, { defaultValue: m.trigger })}` : ''}
                </Text>
              )}
            </Stack>
          </Group>
        </Card>

        {!trained && (
          <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} title={t('leads.model.insufficientTitle')}>
            <Stack gap={4}>
              <Text size="sm">{t('leads.model.insufficientBody')}</Text>
              <Text size="sm">{t('leads.model.insufficientCounts', { positives: m.positives, negatives: m.negatives })}</Text>
            </Stack>
          </Alert>
        )}

        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <StatCard
            label={t('leads.model.trainingSize')}
            value={fmt.number(m.training_size)}
            hint={t('leads.model.trainingSplit', { positives: fmt.number(m.positives), negatives: fmt.number(m.negatives) })}
          />
          <StatCard
            testId="model-auc"
            label={t('leads.model.modelAuc')}
            value={num(m.holdout_auc, 2)}
            hint={m.holdout_size ? t('leads.model.holdout', { count: m.holdout_size }) : undefined}
          />
          <StatCard
            testId="rules-auc"
            label={t('leads.model.rulesAuc')}
            value={num(m.rule_holdout_auc, 2)}
            hint={m.holdout_auc !== null && m.rule_holdout_auc !== null ? (better ? t('leads.model.modelBetter') : t('leads.model.rulesBetter')) : undefined}
          />
          <StatCard label={t('leads.model.brier')} value={num(m.brier, 3)} hint={t('leads.model.brierHint')} />
        </SimpleGrid>

        {trained && (
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Card withBorder radius="md" padding="md">
              <Title order={2} size="h4">
                {t('leads.model.calibrationTitle')}
              </Title>
              <Text size="xs" c="dimmed" mb="sm">
                {t('leads.model.calibrationHint')}
              </Text>
              {m.calibration.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {none}
                </Text>
              ) : (
                <>
                  <Suspense fallback={<Skeleton height={300} />}>
                    <CalibrationChart bins={m.calibration} />
                  </Suspense>
                  <Table mt="sm" verticalSpacing={4} fz="xs" aria-label={t('leads.model.calibrationTitle')}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('leads.model.predicted')}</Table.Th>
                        <Table.Th>{t('leads.model.observed')}</Table.Th>
                        <Table.Th>{t('leads.model.count')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {m.calibration.map((b, i) => (
                        <Table.Tr key={i}>
                          <Table.Td>{`${Math.round(b.predicted * 100)}%`}</Table.Td>
                          <Table.Td>{`${Math.round(b.observed * 100)}%`}</Table.Td>
                          <Table.Td>{fmt.number(b.count)}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </>
              )}
            </Card>
            <Card withBorder radius="md" padding="md">
              <Title order={2} size="h4">
                {t('leads.model.factorsTitle')}
              </Title>
              <Text size="xs" c="dimmed" mb="sm">
                {t('leads.model.factorsHint')}
              </Text>
              {m.top_factors.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {none}
                </Text>
              ) : (
                <FactorBars
                  label={t('leads.model.factorsTitle')}
                  factors={[...m.top_factors].sort((a, b) => b.weight - a.weight).map((f) => ({ key: f.feature, label: factorLabel(f.feature, f.label, t), value: f.weight }))}
                />
              )}
            </Card>
          </SimpleGrid>
        )}
      </Stack>
    );
  }

  return (
    <Stack>
      <Anchor component={Link} to="/leads" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('nav.leads')}
        </Group>
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {t('leads.model.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('leads.model.subtitle')}
          </Text>
        </div>
        {isAdmin && (
          <Button leftSection={<IconRefresh size={16} />} onClick={retrain} loading={train.isPending} disabled={model.isPending}>
            {t('leads.model.retrain')}
          </Button>
        )}
      </Group>
      {train.isError && <ProblemAlert error={train.error} title={t('leads.model.retrainFailed')} />}
      {body}
    </Stack>
  );
}
