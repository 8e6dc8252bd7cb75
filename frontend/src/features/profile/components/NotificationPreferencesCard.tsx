import { Button, Card, Checkbox, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ProblemAlert';
import { NOTIFICATION_KINDS, type NotificationKind } from '../api/types';
import { usePreferences, useSavePreferences } from '../api/use-preferences';

function PreferencesForm({ initial }: { initial: NotificationKind[] }) {
  const { t } = useTranslation();
  const save = useSavePreferences();
  const [kinds, setKinds] = useState<string[]>(initial);
  const dirty = [...kinds].sort().join() !== [...initial].sort().join();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(NOTIFICATION_KINDS.filter((k) => kinds.includes(k)), {
          onSuccess: () => notifications.show({ color: 'green', message: t('profile.prefs.saved') }),
        });
      }}
    >
      <Stack gap="sm">
        <Checkbox.Group label={t('profile.prefs.emailLabel')} description={t('profile.prefs.emailHint')} value={kinds} onChange={setKinds}>
          <Stack gap="xs" mt="xs">
            {NOTIFICATION_KINDS.map((k) => (
              <Checkbox key={k} value={k} label={t(`notifications.kind.${k}`)} description={t(`profile.prefs.kindHint.${k}`)} />
            ))}
          </Stack>
        </Checkbox.Group>
        {save.isError && <ProblemAlert error={save.error} />}
        <Group justify="flex-end">
          <Button type="submit" disabled={!dirty} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Which notifications also come by e-mail (in-app ones always appear). */
export function NotificationPreferencesCard() {
  const { t } = useTranslation();
  const prefs = usePreferences();
  let body;
  if (prefs.isPending) body = <Skeleton height={180} />;
  else if (prefs.isError) body = <ProblemAlert error={prefs.error} onRetry={() => void prefs.refetch()} />;
  else body = <PreferencesForm key={prefs.data.email_kinds.join()} initial={prefs.data.email_kinds.filter((k): k is NotificationKind => (NOTIFICATION_KINDS as string[]).includes(k))} />;
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="profile-prefs">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="profile-prefs">
            {t('profile.prefs.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('profile.prefs.subtitle')}
          </Text>
        </div>
        {body}
      </Stack>
    </Card>
  );
}
