import { Alert, Button, Paper, Stack, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormFieldName } from '@/lib/leads';

export interface PreviewField {
  name: FormFieldName;
  label: string;
  required: boolean;
}

const TYPES: Partial<Record<FormFieldName, string>> = { email: 'email', phone: 'tel', website: 'url', company_size: 'number' };

/**
 * The web form as visitors will see it, drawn from its field list with ordinary inputs (the embed
 * HTML is never injected). Submitting only checks required fields: nothing is sent anywhere.
 */
export function WebFormPreview({ fields }: { fields: PreviewField[] }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const ok = tried && Object.keys(errors).length === 0;
  return (
    <Paper withBorder p="md" radius="md" bg="gray.0">
      <form
        aria-label={t('settings.webForms.previewForm')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const next: Record<string, string> = {};
          for (const f of fields) if (f.required && !(values[f.name] ?? '').trim()) next[f.name] = t('settings.webForms.previewRequired');
          setErrors(next);
          setTried(true);
        }}
      >
        <Stack gap="sm">
          {fields.map((f) => {
            const props = {
              label: f.label || f.name,
              required: f.required,
              value: values[f.name] ?? '',
              error: errors[f.name],
              onChange: (e: { currentTarget: { value: string } }) => {
                const value = e.currentTarget.value;
                setValues((v) => ({ ...v, [f.name]: value }));
                setTried(false);
              },
            };
            return f.name === 'message' ? (
              <Textarea key={f.name} {...props} autosize minRows={3} />
            ) : (
              <TextInput key={f.name} {...props} type={TYPES[f.name] ?? 'text'} />
            );
          })}
          <div>
            <Button type="submit" variant="filled">
              {t('settings.webForms.previewSend')}
            </Button>
          </div>
          {ok && (
            <Alert color="blue" variant="light" role="status">
              {t('settings.webForms.previewOnly')}
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
