import { Button, Card, Group, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '@/components/EmptyState';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useFormatters } from '@/lib/format';
import { ACCESS_LEVELS, type AccessLevel, type AccessPolicy } from '../api/types';
import { useAccessPolicies } from '../api/use-access-policies';
import { useSetAccessPolicy } from '../api/use-set-access-policy';

function PolicyCard({ policy }: { policy: AccessPolicy }) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const save = useSetAccessPolicy();
  const [level, setLevel] = useState<AccessLevel>(policy.level);
  const dirty = level !== policy.level;
  const labelId = `access-${policy.object_type}`;
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h4" id={labelId}>
              {t(`settings.access.objectTypes.${policy.object_type}`, { defaultValue: policy.object_type })}
            </Title>
            {policy.updated_at && (
              <Text size="xs" c="dimmed">
                {t('settings.access.updatedAt', { when: fmt.dateTime(policy.updated_at) })}
              </Text>
            )}
          </div>
          <Group gap="xs">
            {dirty && (
              <Button variant="default" size="xs" onClick={() => setLevel(policy.level)}>
                {t('common.cancel')}
              </Button>
            )}
            <Button
              size="xs"
              disabled={!dirty}
              loading={save.isPending}
              onClick={() =>
                save.mutate(
                  { objectType: policy.object_type, level },
                  { onSuccess: () => notifications.show({ color: 'green', message: t('settings.access.saved') }) },
                )
              }
            >
              {t('common.save')}
            </Button>
          </Group>
        </Group>
        <SegmentedControl
          aria-labelledby={labelId}
          value={level}
          onChange={(v) => setLevel(v as AccessLevel)}
          data={ACCESS_LEVELS.map((l) => ({ value: l, label: t(`settings.access.levels.${l}`) }))}
          fullWidth
          maw={520}
        />
        <Stack gap={4}>
          {ACCESS_LEVELS.map((l) => (
            <Text key={l} size="sm" c={l === level ? undefined : 'dimmed'} fw={l === level ? 600 : undefined}>
              {t(`settings.access.levels.${l}`)}: {t(`settings.access.explain.${l}`)}
            </Text>
          ))}
        </Stack>
        {save.isError && <ProblemAlert error={save.error} />}
      </Stack>
    </Card>
  );
}

export function AccessPanel() {
  const { t } = useTranslation();
  const policies = useAccessPolicies();
  let body;
  if (policies.isPending) body = <Skeleton height={180} aria-label={t('app.loading')} />;
  else if (policies.isError) body = <ProblemAlert error={policies.error} onRetry={() => void policies.refetch()} />;
  else if (policies.data.length === 0) body = <EmptyState title={t('settings.access.emptyTitle')} description={t('settings.access.emptyBody')} />;
  else body = policies.data.map((p) => <PolicyCard key={`${p.object_type}:${p.level}:${p.version ?? 0}`} policy={p} />);
  return (
    <Stack>
      <Text c="dimmed" size="sm">
        {t('settings.access.subtitle')}
      </Text>
      {body}
    </Stack>
  );
}
