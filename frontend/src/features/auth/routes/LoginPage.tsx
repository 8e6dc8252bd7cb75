import { Center, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { LocaleSwitch } from '@/components/LocaleSwitch';
import { useIsLoggedIn } from '@/hooks/use-current-user';
import { LoginForm } from '../components/LoginForm';

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const loggedIn = useIsLoggedIn();
  const from = (location.state as { from?: string } | null)?.from ?? '/customers';
  if (loggedIn) return <Navigate to={from} replace />;
  return (
    <Center mih="100vh" bg="gray.0">
      <Container size={420} w="100%">
        <Stack>
          <Group justify="flex-end">
            <LocaleSwitch />
          </Group>
          <Paper withBorder shadow="sm" p="xl" radius="md">
            <Stack>
              <div>
                <Title order={1} size="h2">
                  {t('auth.title')}
                </Title>
                <Text c="dimmed" size="sm" mt={4}>
                  {t('auth.subtitle')}
                </Text>
              </div>
              <LoginForm onSuccess={() => navigate(from, { replace: true })} />
            </Stack>
          </Paper>
        </Stack>
      </Container>
    </Center>
  );
}
