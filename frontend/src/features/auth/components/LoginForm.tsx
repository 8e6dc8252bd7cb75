import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/api/errors';
import { RateLimitedError, useLogin } from '../api/use-login';

interface Props {
  onSuccess: () => void;
}

export function LoginForm({ onSuccess }: Props) {
  const { t } = useTranslation();
  const login = useLogin();
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: {
      email: (v) => (!v.trim() ? t('auth.emailRequired') : /^\S+@\S+$/.test(v.trim()) ? null : t('auth.emailInvalid')),
      password: (v) => (v ? null : t('auth.passwordRequired')),
    },
  });

  let message: string | null = null;
  if (login.error) {
    const e = login.error;
    if (e instanceof RateLimitedError) {
      message = e.retryAfter ? t('auth.tooManyRetry', { seconds: e.retryAfter }) : t('auth.tooMany');
    } else if (e instanceof ApiError && e.status === 401) {
      message = t('auth.invalid');
    } else if (e instanceof ApiError) {
      message = e.problem?.detail ?? e.problem?.title ?? t('common.httpError', { status: e.status });
    } else {
      message = t('common.networkError');
    }
  }

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        login.mutate({ email: values.email.trim(), password: values.password }, { onSuccess }),
      )}
    >
      <Stack>
        {message && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={t('auth.failed')} role="alert">
            {message}
          </Alert>
        )}
        <TextInput
          label={t('auth.email')}
          type="email"
          autoComplete="username"
          required
          data-autofocus
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label={t('auth.password')}
          visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }} autoComplete="current-password" required {...form.getInputProps('password')} />
        <Button type="submit" loading={login.isPending} fullWidth>
          {t('auth.submit')}
        </Button>
      </Stack>
    </form>
  );
}
