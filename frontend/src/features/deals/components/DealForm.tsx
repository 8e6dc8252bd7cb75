import { Alert, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '@/api/errors';
import { ProblemAlert } from '@/components/ProblemAlert';
import { useCurrentUser } from '@/hooks/use-current-user';
import { defaultPipeline, usePipelines } from '@/hooks/use-pipelines';
import { hasPath, mapFieldErrors } from '@/lib/form-errors';
import { COMMON_CURRENCIES, isDecimal } from '@/lib/money';
import type { Deal } from '../api/types';
import { useCreateDeal } from '../api/use-create-deal';
import { useCustomerName, useCustomerSearch } from '../api/use-customer-search';
import { useUpdateDeal } from '../api/use-update-deal';
import { useUsers } from '../api/use-users';
import { toCreatePayload, toFormValues, toUpdatePayload, type DealFormValues } from './deal-form-values';

interface Props {
  deal?: Deal;
  defaults?: Partial<DealFormValues>;
  onSaved: (d: Deal) => void;
  onCancel: () => void;
  onReloadLatest?: () => Promise<Deal | undefined>;
}

export function DealForm({ deal, defaults, onSaved, onCancel, onReloadLatest }: Props) {
  const { t } = useTranslation();
  const pipelines = usePipelines();
  const users = useUsers();
  const me = useCurrentUser();
  const [initial, setInitial] = useState(() => toFormValues(deal, defaults));
  const [version, setVersion] = useState(deal?.version ?? 0);
  const [general, setGeneral] = useState<string[]>([]);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const create = useCreateDeal();
  const update = useUpdateDeal();

  const form = useForm<DealFormValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: {
      name: (v) => (!v.trim() ? t('deals.form.nameRequired') : null),
      customer_id: (v) => (!v ? t('deals.form.customerRequired') : null),
      amount: (v) => (v.trim() && !isDecimal(v) ? t('deals.form.amountInvalid') : null),
      currency: (v) => (v && !/^[A-Z]{3}$/.test(v) ? t('deals.form.currencyInvalid') : null),
      probability_override: (v) =>
        v.trim() && !(/^\d+$/.test(v.trim()) && Number(v) <= 100) ? t('deals.form.probabilityInvalid') : null,
    },
  });
  const v = form.getValues();

  // Pipeline & stage: default pipeline, its first open stage.
  const pipelineId = v.pipeline_id ?? defaultPipeline(pipelines.data)?.id ?? null;
  const pipeline = pipelines.data?.find((p) => p.id === pipelineId);
  const stageOptions = (pipeline?.stages ?? []).map((s) => ({ value: s.id, label: `${s.name} (${s.probability}%)` }));

  // Customer picker: server-side search, always including the current pick.
  const [customerQuery, setCustomerQuery] = useState('');
  const [debouncedQuery] = useDebouncedValue(customerQuery, 300);
  const customers = useCustomerSearch(debouncedQuery);
  const picked = useCustomerName(v.customer_id, Boolean(v.customer_id) && v.customer_id !== deal?.customer_id);
  const customerOptions = useMemo(() => {
    const map = new Map<string, string>();
    if (deal) map.set(deal.customer_id, deal.customer_name ?? '');
    if (picked.data) map.set(picked.data.id, picked.data.name);
    for (const c of customers.data ?? []) map.set(c.id, c.name);
    return [...map].map(([value, label]) => ({ value, label }));
  }, [customers.data, deal, picked.data]);

  const currencies = useMemo(() => {
    const set = new Set(COMMON_CURRENCIES);
    if (v.currency) set.add(v.currency);
    if (pipeline?.currency) set.add(pipeline.currency);
    return [...set];
  }, [v.currency, pipeline?.currency]);

  const handleError = (e: unknown) => {
    if (isApiError(e, 412)) {
      setConflict(true);
      return;
    }
    if (isApiError(e, 422) && e.fieldErrors.length > 0) {
      const { fields, general: rest } = mapFieldErrors(e.fieldErrors, (p) => hasPath(form.getValues(), p));
      form.setErrors(fields);
      setGeneral(rest);
      setSubmitError(Object.keys(fields).length > 0 || rest.length > 0 ? null : e);
      return;
    }
    setSubmitError(e);
  };

  const submit = form.onSubmit(
    (values) => {
      setGeneral([]);
      setSubmitError(null);
      if (deal) {
        const changes = toUpdatePayload(initial, values);
        if (Object.keys(changes).length === 0) {
          onSaved(deal);
          return;
        }
        update.mutate({ id: deal.id, version, changes }, { onSuccess: onSaved, onError: handleError });
      } else {
        create.mutate(
          toCreatePayload({ ...values, pipeline_id: pipelineId, owner_id: values.owner_id ?? me.data?.id ?? null }),
          { onSuccess: onSaved, onError: handleError },
        );
      }
    },
    () => setGeneral([t('deals.form.fixErrors')]),
  );

  const reloadLatest = async () => {
    const latest = await onReloadLatest?.();
    setConflict(false);
    if (latest) {
      const next = toFormValues(latest);
      setInitial(next);
      setVersion(latest.version);
      form.setValues(next);
      form.resetDirty(next);
      form.clearErrors();
    }
  };

  const userOptions = (users.data ?? []).map((u) => ({ value: u.id, label: u.full_name || u.email }));

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {general.length > 0 && (
          <Alert color="red" variant="light" role="alert" title={t('deals.form.fixErrors')}>
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
        <Card withBorder radius="md" padding="md">
          <Stack gap="sm">
            <TextInput label={t('deals.fields.name')} required {...form.getInputProps('name')} />
            <Select
              label={t('deals.fields.customer')}
              placeholder={t('deals.form.customerSearch')}
              required
              searchable
              data={customerOptions}
              filter={({ options }) => options}
              searchValue={customerQuery}
              onSearchChange={setCustomerQuery}
              nothingFoundMessage={customers.isFetching ? t('app.loading') : t('deals.form.noCustomer')}
              {...form.getInputProps('customer_id')}
            />
            {!deal && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <Select
                  label={t('deals.fields.pipeline')}
                  data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
                  value={pipelineId}
                  allowDeselect={false}
                  onChange={(val) => {
                    form.setFieldValue('pipeline_id', val);
                    form.setFieldValue('stage_id', null);
                  }}
                  error={form.errors.pipeline_id}
                />
                <Select
                  label={t('deals.fields.stage')}
                  placeholder={t('deals.form.firstStage')}
                  clearable
                  data={stageOptions}
                  {...form.getInputProps('stage_id')}
                />
              </SimpleGrid>
            )}
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('deals.fields.amount')}
                inputMode="decimal"
                placeholder="0.00"
                disabled={deal?.has_lines}
                description={deal?.has_lines ? t('deals.form.amountFromLines') : undefined}
                {...form.getInputProps('amount')}
              />
              <Select
                label={t('deals.fields.currency')}
                placeholder={pipeline?.currency}
                searchable
                clearable
                data={currencies}
                value={v.currency || null}
                onChange={(val) => form.setFieldValue('currency', val ?? '')}
                error={form.errors.currency}
              />
              <TextInput
                label={t('deals.fields.probability_override')}
                inputMode="numeric"
                placeholder={t('deals.form.probabilityFromStage')}
                rightSection="%"
                {...form.getInputProps('probability_override')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput type="date" label={t('deals.fields.expected_close_date')} {...form.getInputProps('expected_close_date')} />
              <Select
                label={t('deals.fields.owner')}
                placeholder={me.data?.full_name || me.data?.email}
                searchable
                clearable={!deal}
                data={userOptions}
                {...form.getInputProps('owner_id')}
              />
            </SimpleGrid>
            <TextInput label={t('deals.fields.source')} {...form.getInputProps('source')} />
            <Textarea label={t('deals.fields.next_step')} autosize minRows={2} {...form.getInputProps('next_step')} />
          </Stack>
        </Card>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
      <Modal opened={conflict} onClose={() => setConflict(false)} title={t('deals.form.conflictTitle')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
        <Stack>
          <Text size="sm">{t('deals.form.conflictBody')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConflict(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void reloadLatest()}>{t('deals.form.conflictReload')}</Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}
