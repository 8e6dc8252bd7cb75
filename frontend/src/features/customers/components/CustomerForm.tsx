import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '@/api/errors';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useCustomFieldDefinitions, type CustomFieldDefinition } from '@/hooks/use-custom-field-definitions';
import { hasPath, mapFieldErrors } from '@/lib/form-errors';
import { LIFECYCLE_STAGES, SOCIAL_KEYS, type Customer, type CustomerType } from '../api/types';
import { useCompanySearch } from '../api/use-company-search';
import { useCreateCustomer } from '../api/use-create-customer';
import { useCustomer } from '../api/use-customer';
import { useUpdateCustomer } from '../api/use-update-customer';
import { useUsers } from '../api/use-users';
import { CustomFieldInput } from './CustomFieldInput';
import { toCreatePayload, toFormValues, toUpdatePayload, type CustomerFormValues } from './customer-form-values';

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_RE = /^\+?[0-9 ()\-.]{6,24}$/;

interface Props {
  /** The customer being edited; absent when creating. */
  customer?: Customer;
  defaults?: Partial<CustomerFormValues>;
  onSaved: (c: Customer) => void;
  onCancel: () => void;
  /** Re-fetch the latest version after a 412 (edit only). */
  onReloadLatest?: () => Promise<Customer | undefined>;
}

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        {action}
      </Group>
      <Stack gap="sm">{children}</Stack>
    </Card>
  );
}

/** Loads the customer custom field definitions first, so the form's values hold a key for each. */
export function CustomerForm(props: Props) {
  const { t } = useTranslation();
  const defs = useCustomFieldDefinitions('customer');
  if (defs.isPending) {
    return (
      <Stack aria-busy="true" aria-label={t('app.loading')}>
        <Skeleton height={240} />
        <Skeleton height={120} />
      </Stack>
    );
  }
  if (defs.isError) {
    return <ProblemAlert error={defs.error} title={t('customers.customFields.loadFailed')} onRetry={() => void defs.refetch()} />;
  }
  return <CustomerFormInner {...props} defs={defs.data} />;
}

function CustomerFormInner({ customer, defaults, onSaved, onCancel, onReloadLatest, defs }: Props & { defs: CustomFieldDefinition[] }) {
  const { t } = useTranslation();
  const [initial, setInitial] = useState(() => toFormValues(customer, defaults, defs));
  const [version, setVersion] = useState(customer?.version ?? 0);
  const [general, setGeneral] = useState<string[]>([]);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const create = useCreateCustomer();
  const update = useUpdateCustomer();
  const users = useUsers();

  const form = useForm<CustomerFormValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: {
      name: (v, values) => (values.type === 'company' && !v.trim() ? t('customers.form.nameRequired') : null),
      first_name: (v, values) =>
        values.type === 'person' && !v.trim() && !values.last_name.trim() ? t('customers.form.personNameRequired') : null,
      emails: { value: (v) => (v.trim() && !EMAIL_RE.test(v.trim()) ? t('customers.form.emailInvalid') : null) },
      phones: { value: (v) => (v.trim() && !PHONE_RE.test(v.trim()) ? t('customers.form.phoneInvalid') : null) },
      addresses: { country: (v) => (v.trim() && !/^[A-Za-z]{2}$/.test(v.trim()) ? t('customers.form.countryInvalid') : null) },
      website: (v) => (v.trim() && /\s/.test(v.trim()) ? t('customers.form.urlInvalid') : null),
    },
  });
  const v = form.getValues();
  const type = v.type;

  // Employer picker: server-side company search, always including the current employer.
  const [companyQuery, setCompanyQuery] = useState('');
  const [debouncedCompanyQuery] = useDebouncedValue(companyQuery, 300);
  const companies = useCompanySearch(debouncedCompanyQuery, type === 'person');
  const employer = useCustomer(v.company_id ?? '', type === 'person' && Boolean(v.company_id) && v.company_id !== customer?.company_id);
  const companyOptions = useMemo(() => {
    const map = new Map<string, string>();
    if (customer?.company_id && customer.company_name) map.set(customer.company_id, customer.company_name);
    if (employer.data) map.set(employer.data.id, employer.data.name);
    for (const c of companies.data ?? []) if (c.id !== customer?.id) map.set(c.id, c.name);
    return [...map].map(([value, label]) => ({ value, label }));
  }, [companies.data, customer, employer.data]);

  const handleError = (e: unknown) => {
    if (isApiError(e, 412)) {
      setConflict(true);
      return;
    }
    if (isApiError(e, 422) && e.fieldErrors.length > 0) {
      const { fields, general: rest } = mapFieldErrors(e.fieldErrors, (p) => hasPath(form.getValues(), p));
      form.setErrors(fields);
      setGeneral(rest);
      setSubmitError(Object.keys(fields).length > 0 ? null : e);
      return;
    }
    setSubmitError(e);
  };

  /** Custom fields are keyed dynamically, so they are checked here rather than in `validate`. */
  const customErrors = (values: CustomerFormValues): Record<string, string> => {
    const errors: Record<string, string> = {};
    for (const def of defs) {
      const val = values.custom_fields[def.key];
      const text = typeof val === 'string' || typeof val === 'number' ? String(val).trim() : '';
      const empty = val === null || val === undefined || (Array.isArray(val) ? val.length === 0 : typeof val !== 'boolean' && text === '');
      const path = `custom_fields.${def.key}`;
      if (def.required && empty) errors[path] = t('customers.customFields.required', { label: def.label });
      else if (!empty && def.type === 'email' && !EMAIL_RE.test(text)) errors[path] = t('customers.form.emailInvalid');
      else if (!empty && def.type === 'url' && /\s/.test(text)) errors[path] = t('customers.form.urlInvalid');
    }
    return errors;
  };

  const submit = form.onSubmit(
    (values) => {
      setGeneral([]);
      setSubmitError(null);
      const invalid = customErrors(values);
      if (Object.keys(invalid).length > 0) {
        form.setErrors(invalid);
        setGeneral([t('customers.form.fixErrors')]);
        return;
      }
      if (customer) {
        const changes = toUpdatePayload(initial, values, defs);
        if (Object.keys(changes).length === 0) {
          onSaved(customer);
          return;
        }
        update.mutate({ id: customer.id, version, changes }, { onSuccess: onSaved, onError: handleError });
      } else {
        create.mutate(toCreatePayload(values, defs), { onSuccess: onSaved, onError: handleError });
      }
    },
    () => setGeneral([t('customers.form.fixErrors')]),
  );

  const reloadLatest = async () => {
    const latest = await onReloadLatest?.();
    setConflict(false);
    if (latest) {
      const next = toFormValues(latest, undefined, defs);
      setInitial(next);
      setVersion(latest.version);
      form.setValues(next);
      form.resetDirty(next);
      form.clearErrors();
    }
  };

  const pending = create.isPending || update.isPending;
  const typeLabel = t('customers.fields.type');

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {general.length > 0 && (
          <Alert color="red" variant="light" role="alert" title={t('customers.form.fixErrors')}>
            {general.map((g, i) => (
              <Text size="sm" key={i}>
                {g}
              </Text>
            ))}
          </Alert>
        )}
        {submitError !== null && !(submitError instanceof ApiError && submitError.status === 422 && general.length > 0) && (
          <ProblemAlert error={submitError} />
        )}

        <Section title={t('customers.detail.profile')}>
          <div>
            <Text size="sm" fw={500} mb={4} id="customer-type-label">
              {typeLabel}
            </Text>
            <SegmentedControl
              aria-labelledby="customer-type-label"
              value={type}
              onChange={(val) => form.setFieldValue('type', val as CustomerType)}
              data={[
                { value: 'company', label: t('customers.type.company') },
                { value: 'person', label: t('customers.type.person') },
              ]}
            />
          </div>
          {type === 'company' ? (
            <>
              <TextInput label={t('customers.fields.name')} required {...form.getInputProps('name')} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('customers.fields.website')} {...form.getInputProps('website')} />
                <TextInput label={t('customers.fields.industry')} {...form.getInputProps('industry')} />
              </SimpleGrid>
            </>
          ) : (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('customers.fields.first_name')} {...form.getInputProps('first_name')} />
                <TextInput label={t('customers.fields.last_name')} {...form.getInputProps('last_name')} />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  label={t('customers.fields.company')}
                  placeholder={t('customers.form.companySearch')}
                  searchable
                  clearable
                  data={companyOptions}
                  filter={({ options }) => options}
                  searchValue={companyQuery}
                  onSearchChange={setCompanyQuery}
                  nothingFoundMessage={t('customers.form.noCompany')}
                  {...form.getInputProps('company_id')}
                />
                <TextInput label={t('customers.fields.job_title')} {...form.getInputProps('job_title')} />
              </SimpleGrid>
              <TextInput type="date" label={t('customers.fields.birthday')} w={220} {...form.getInputProps('birthday')} />
            </>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('customers.fields.owner')}
              searchable
              clearable
              data={(users.data ?? []).map((u) => ({ value: u.id, label: u.full_name || u.email }))}
              {...form.getInputProps('owner_id')}
            />
            <Select
              label={t('customers.fields.lifecycle_stage')}
              clearable
              data={LIFECYCLE_STAGES.map((s) => ({ value: s, label: t(`customers.stage.${s}`) }))}
              {...form.getInputProps('lifecycle_stage')}
            />
          </SimpleGrid>
          <TagsInput label={t('customers.fields.tags')} placeholder={t('customers.form.tagsPlaceholder')} {...form.getInputProps('tags')} />
        </Section>

        <Section
          title={t('customers.fields.emails')}
          action={
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => form.insertListItem('emails', { label: '', value: '', primary: v.emails.length === 0 })}
            >
              {t('customers.form.addEmail')}
            </Button>
          }
        >
          {v.emails.map((_, i) => (
            <Group key={i} align="flex-start" wrap="nowrap">
              <TextInput label={t('customers.fields.email')} type="email" style={{ flex: 2 }} {...form.getInputProps(`emails.${i}.value`)} />
              <TextInput label={t('customers.fields.label')} style={{ flex: 1 }} {...form.getInputProps(`emails.${i}.label`)} />
              <Checkbox mt={32} label={t('customers.fields.primary')} {...form.getInputProps(`emails.${i}.primary`, { type: 'checkbox' })} />
              <ActionIcon mt={28} variant="subtle" color="red" aria-label={t('common.remove')} onClick={() => form.removeListItem('emails', i)}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
        </Section>

        <Section
          title={t('customers.fields.phones')}
          action={
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => form.insertListItem('phones', { label: '', value: '', primary: v.phones.length === 0 })}
            >
              {t('customers.form.addPhone')}
            </Button>
          }
        >
          {v.phones.map((_, i) => (
            <Group key={i} align="flex-start" wrap="nowrap">
              <TextInput label={t('customers.fields.phone')} type="tel" style={{ flex: 2 }} {...form.getInputProps(`phones.${i}.value`)} />
              <TextInput label={t('customers.fields.label')} style={{ flex: 1 }} {...form.getInputProps(`phones.${i}.label`)} />
              <Checkbox mt={32} label={t('customers.fields.primary')} {...form.getInputProps(`phones.${i}.primary`, { type: 'checkbox' })} />
              <ActionIcon mt={28} variant="subtle" color="red" aria-label={t('common.remove')} onClick={() => form.removeListItem('phones', i)}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          ))}
        </Section>

        <Section
          title={t('customers.fields.addresses')}
          action={
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() =>
                form.insertListItem('addresses', { label: '', street: '', city: '', region: '', postal_code: '', country: '' })
              }
            >
              {t('customers.form.addAddress')}
            </Button>
          }
        >
          {v.addresses.map((_, i) => (
            <Card key={i} withBorder padding="sm">
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput label={t('customers.fields.label')} {...form.getInputProps(`addresses.${i}.label`)} />
                <TextInput label={t('customers.fields.street')} {...form.getInputProps(`addresses.${i}.street`)} />
                <TextInput label={t('customers.fields.city')} {...form.getInputProps(`addresses.${i}.city`)} />
                <TextInput label={t('customers.fields.region')} {...form.getInputProps(`addresses.${i}.region`)} />
                <TextInput label={t('customers.fields.postal_code')} {...form.getInputProps(`addresses.${i}.postal_code`)} />
                <TextInput label={t('customers.fields.country')} maxLength={2} {...form.getInputProps(`addresses.${i}.country`)} />
              </SimpleGrid>
              <Group justify="flex-end" mt="xs">
                <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => form.removeListItem('addresses', i)}>
                  {t('common.remove')}
                </Button>
              </Group>
            </Card>
          ))}
        </Section>

        <Section title={t('customers.fields.social_profiles')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {SOCIAL_KEYS.map((k) => (
              <TextInput key={k} label={t(`customers.social.${k}`)} {...form.getInputProps(`social_profiles.${k}`)} />
            ))}
          </SimpleGrid>
        </Section>

        {defs.length > 0 && (
          <Section title={t('customers.fields.custom_fields')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {defs.map((def) => (
                <CustomFieldInput
                  key={def.id}
                  def={def}
                  value={v.custom_fields[def.key] ?? null}
                  onChange={(val) => form.setFieldValue(`custom_fields.${def.key}`, val)}
                  error={form.errors[`custom_fields.${def.key}`]}
                />
              ))}
            </SimpleGrid>
          </Section>
        )}

        <Section title={t('customers.fields.notes')}>
          <Textarea label={t('customers.fields.notes')} autosize minRows={3} {...form.getInputProps('notes')} />
        </Section>

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>

      <Modal opened={conflict} onClose={() => setConflict(false)} title={t('customers.form.conflictTitle')} centered>
        <Stack>
          <Text size="sm">{t('customers.form.conflictBody')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConflict(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void reloadLatest()}>{t('customers.form.conflictReload')}</Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}
