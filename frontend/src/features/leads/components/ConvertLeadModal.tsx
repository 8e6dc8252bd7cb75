import { Alert, Anchor, Button, Card, Checkbox, Group, Modal, Select, SimpleGrid, Skeleton, Stack, Switch, Text, TextInput, ThemeIcon } from '@mantine/core';
import { IconBuilding, IconLink, IconPlus, IconUser } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '@/api/errors';
import { ProblemAlert } from '@/components/ProblemAlert';
import { defaultPipeline, usePipelines } from '@/hooks/use-pipelines';
import { locToPath } from '@/lib/form-errors';
import { COMMON_CURRENCIES } from '@/lib/money';
import type { ConversionResult, Lead, LeadConvert } from '../api/types';
import { useConversionPreview } from '../api/use-conversion-preview';
import { useConvertLead } from '../api/use-convert-lead';

const AMOUNT_RE = /^\d+(\.\d{1,2})?$/;

interface Props {
  lead: Lead;
  opened: boolean;
  onClose: () => void;
  onConverted: (result: ConversionResult) => void;
}

function PlanLine({ icon, tone, children }: { icon: ReactNode; tone: 'link' | 'create' | 'none'; children: ReactNode }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <ThemeIcon variant="light" color={tone === 'link' ? 'blue' : tone === 'create' ? 'green' : 'gray'} size="md" radius="xl">
        {icon}
      </ThemeIcon>
      <Text size="sm" component="div" style={{ flex: 1 }}>
        {children}
      </Text>
    </Group>
  );
}

/** Convert a lead: shows what will be linked or created (from the preview), optionally opens a deal. */
export function ConvertLeadModal({ lead, opened, onClose, onConverted }: Props) {
  const { t } = useTranslation();
  const preview = useConversionPreview(lead.id, opened);
  const pipelines = usePipelines(opened);
  const convert = useConvertLead();
  const [skipCompany, setSkipCompany] = useState(false);
  const [withDeal, setWithDeal] = useState(false);
  const [dealName, setDealName] = useState<string | null>(null);
  const [pipelineId, setPipelineId] = useState<string | null>(null);
  const [stageId, setStageId] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState<string | null>(null);
  const [closeDate, setCloseDate] = useState('');
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const p = preview.data;
  const pipeline = pipelines.data?.find((x) => x.id === pipelineId) ?? defaultPipeline(pipelines.data);
  const openStages = (pipeline?.stages ?? []).filter((s) => s.kind === 'open');
  const stage = openStages.find((s) => s.id === stageId) ?? openStages[0];
  const shownName = dealName ?? (p?.company_name || lead.company_name || lead.name);
  const shownCurrency = currency ?? pipeline?.currency ?? null;

  const error = convert.error;
  const already = isApiError(error, 409);
  const fieldErrors = isApiError(error, 422) ? error.fieldErrors : [];
  const serverError = (path: string) =>
    fieldErrors
      .filter((e) => locToPath(e.loc) === path)
      .map((e) => e.msg)
      .join('; ') || undefined;
  const dealPaths = ['deal.name', 'deal.pipeline_id', 'deal.stage_id', 'deal.amount', 'deal.currency', 'deal.expected_close_date'];
  const unplaced = error && !already && !fieldErrors.some((e) => dealPaths.includes(locToPath(e.loc)));
  const fieldError = (path: string) => localErrors[path] ?? serverError(path);

  const hasCompany = Boolean(p?.company || p?.creates_company);

  const submit = () => {
    const errors: Record<string, string> = {};
    if (withDeal) {
      if (!shownName.trim()) errors['deal.name'] = t('leads.convert.dealNameRequired');
      if (amount.trim() && !AMOUNT_RE.test(amount.trim())) errors['deal.amount'] = t('leads.convert.amountInvalid');
    }
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const body: LeadConvert = { skip_company: skipCompany };
    if (!skipCompany && p?.company) body.company_id = p.company.id;
    if (p?.contact) body.contact_id = p.contact.id;
    if (withDeal) {
      body.deal = {
        name: shownName.trim(),
        pipeline_id: pipeline?.id ?? null,
        stage_id: stage?.id ?? null,
        ...(amount.trim() ? { amount: amount.trim(), currency: shownCurrency } : {}),
        ...(closeDate ? { expected_close_date: closeDate } : {}),
      };
    }
    convert.mutate({ id: lead.id, body }, { onSuccess: onConverted });
  };

  const reason = (r: string) => t(`leads.convert.reason.${r}`, { defaultValue: r });

  let plan: ReactNode;
  if (preview.isPending) plan = <Skeleton height={72} aria-label={t('app.loading')} />;
  else if (preview.isError) plan = <ProblemAlert error={preview.error} onRetry={() => void preview.refetch()} />;
  else if (p) {
    plan = (
      <Card withBorder radius="md" padding="sm" data-testid="conversion-plan">
        <Stack gap="sm">
          {skipCompany ? (
            <PlanLine icon={<IconBuilding size={16} />} tone="none">
              {t('leads.convert.companySkipped')}
            </PlanLine>
          ) : p.company ? (
            <PlanLine icon={<IconLink size={16} />} tone="link">
              {t('leads.convert.linkCompany', { name: p.company.name, reason: reason(p.company.reason) })}{' '}
              <Anchor component={Link} to={`/customers/${p.company.id}`} size="sm" target="_blank">
                {t('leads.convert.open')}
              </Anchor>
            </PlanLine>
          ) : p.creates_company ? (
            <PlanLine icon={<IconPlus size={16} />} tone="create">
              {t('leads.convert.createCompany', { name: p.company_name ?? '' })}
            </PlanLine>
          ) : (
            <PlanLine icon={<IconBuilding size={16} />} tone="none">
              {t('leads.convert.noCompany')}
            </PlanLine>
          )}
          {p.contact ? (
            <PlanLine icon={<IconUser size={16} />} tone="link">
              {t('leads.convert.linkContact', { name: p.contact.name, reason: reason(p.contact.reason) })}{' '}
              <Anchor component={Link} to={`/customers/${p.contact.id}`} size="sm" target="_blank">
                {t('leads.convert.open')}
              </Anchor>
            </PlanLine>
          ) : (
            <PlanLine icon={<IconPlus size={16} />} tone="create">
              {t('leads.convert.createContact', { name: p.contact_name })}
            </PlanLine>
          )}
        </Stack>
      </Card>
    );
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('leads.convert.title', { name: lead.name })} centered size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('leads.convert.intro')}
          </Text>
          {plan}
          <Checkbox
            label={t('leads.convert.skipCompany')}
            checked={skipCompany}
            disabled={!hasCompany}
            onChange={(e) => setSkipCompany(e.currentTarget.checked)}
          />
          <Switch label={t('leads.convert.withDeal')} checked={withDeal} onChange={(e) => setWithDeal(e.currentTarget.checked)} />
          {withDeal && (
            <Card withBorder radius="md" padding="sm">
              <Stack gap="sm">
                <TextInput
                  label={t('leads.convert.dealName')}
                  required
                  value={shownName}
                  onChange={(e) => setDealName(e.currentTarget.value)}
                  error={fieldError('deal.name')}
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Select
                    label={t('leads.convert.pipeline')}
                    data={(pipelines.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
                    value={pipeline?.id ?? null}
                    onChange={(v) => {
                      setPipelineId(v);
                      setStageId(null);
                      setCurrency(null);
                    }}
                    allowDeselect={false}
                    placeholder={pipelines.isPending ? t('app.loading') : undefined}
                    error={fieldError('deal.pipeline_id')}
                    comboboxProps={{ withinPortal: true, zIndex: 1000 }}
                  />
                  <Select
                    label={t('leads.convert.stage')}
                    data={openStages.map((s) => ({ value: s.id, label: s.name }))}
                    value={stage?.id ?? null}
                    onChange={setStageId}
                    allowDeselect={false}
                    error={fieldError('deal.stage_id')}
                    comboboxProps={{ withinPortal: true, zIndex: 1000 }}
                  />
                  <TextInput
                    label={t('leads.convert.amount')}
                    placeholder="0.00"
                    inputMode="decimal"
                    value={amount}
                    onChange={(e) => setAmount(e.currentTarget.value)}
                    error={fieldError('deal.amount')}
                  />
                  <Select
                    label={t('leads.convert.currency')}
                    data={COMMON_CURRENCIES}
                    searchable
                    value={shownCurrency}
                    onChange={setCurrency}
                    error={fieldError('deal.currency')}
                    comboboxProps={{ withinPortal: true, zIndex: 1000 }}
                  />
                  <TextInput
                    type="date"
                    label={t('leads.convert.closeDate')}
                    value={closeDate}
                    onChange={(e) => setCloseDate(e.currentTarget.value)}
                    error={fieldError('deal.expected_close_date')}
                  />
                </SimpleGrid>
                {pipelines.isError && <ProblemAlert error={pipelines.error} onRetry={() => void pipelines.refetch()} />}
              </Stack>
            </Card>
          )}
          {already && (
            <Alert color="yellow" variant="light" role="alert" title={t('leads.convert.alreadyTitle')}>
              {t('leads.convert.alreadyBody')}
            </Alert>
          )}
          {unplaced ? <ProblemAlert error={error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={convert.isPending} disabled={!p || already}>
              {t('leads.convert.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
