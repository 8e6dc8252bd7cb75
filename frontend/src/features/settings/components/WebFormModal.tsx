import { ActionIcon, Alert, Button, Checkbox, Grid, Group, Modal, NumberInput, Select, Stack, Switch, Table, TagsInput, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/api/errors';
import { ProblemAlert } from '@/components/ProblemAlert';
import { locToPath } from '@/lib/form-errors';
import { FORM_FIELD_NAMES, type FormFieldName } from '@/lib/leads';
import type { User, WebForm } from '../api/types';
import { useCreateWebForm, useUpdateWebForm } from '../api/use-save-web-form';
import { WebFormPreview } from './WebFormPreview';

export const ORIGIN_RE = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;
export const REDIRECT_RE = /^https?:\/\/\S+$/;
const COMBO = { withinPortal: true, zIndex: 1000 } as const;

interface FieldRow {
  name: FormFieldName;
  label: string;
  required: boolean;
  included: boolean;
}

const DEFAULT_INCLUDED: FormFieldName[] = ['first_name', 'last_name', 'email', 'company_name'];

/** Every possible field once: the form's own (in its order) first, then the rest, unticked. */
export function initialRows(form: WebForm | undefined, t: TFunction): FieldRow[] {
  const label = (n: FormFieldName) => t(`settings.webForms.fieldNames.${n}`);
  if (form) {
    const own = form.fields.map((f) => ({ name: f.name, label: f.label, required: f.required, included: true }));
    const rest = FORM_FIELD_NAMES.filter((n) => !form.fields.some((f) => f.name === n)).map((n) => ({ name: n, label: label(n), required: false, included: false }));
    return [...own, ...rest];
  }
  return FORM_FIELD_NAMES.map((n) => ({ name: n, label: label(n), required: n === 'email', included: DEFAULT_INCLUDED.includes(n) }));
}

interface Props {
  form?: WebForm;
  users: User[];
  onClose: () => void;
  onSaved: (form: WebForm) => void;
}

/** Create or edit a web form: its fields (which, labels, required, order), origins, redirect, defaults. */
export function WebFormModal({ form, users, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const create = useCreateWebForm();
  const update = useUpdateWebForm();
  const [name, setName] = useState(form?.name ?? '');
  const [rows, setRows] = useState<FieldRow[]>(() => initialRows(form, t));
  const [origins, setOrigins] = useState<string[]>(form?.allowed_origins ?? []);
  const [redirect, setRedirect] = useState(form?.redirect_url ?? '');
  const [ownerId, setOwnerId] = useState<string | null>(form?.default_owner_id ?? null);
  const [campaign, setCampaign] = useState(form?.default_campaign ?? '');
  const [dedupe, setDedupe] = useState<number | string>(form?.dedupe_window_hours ?? 720);
  const [active, setActive] = useState(form?.active ?? true);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const error = create.error ?? update.error;
  const serverErrors: Record<string, string> = {};
  if (isApiError(error, 422)) for (const e of error.fieldErrors) serverErrors[locToPath(e.loc)] = e.msg;
  const err = (k: string) => errors[k] ?? serverErrors[k] ?? Object.entries(serverErrors).find(([p]) => p.startsWith(`${k}.`))?.[1];
  const placed = ['name', 'fields', 'allowed_origins', 'redirect_url', 'default_owner_id', 'default_campaign', 'dedupe_window_hours'];
  const unplaced = error && !Object.keys(serverErrors).some((k) => placed.some((p) => k === p || k.startsWith(`${p}.`)));

  const setRow = (i: number, patch: Partial<FieldRow>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, dir: -1 | 1) =>
    setRows((rs) => {
      const next = [...rs];
      const [a, b] = [next[i], next[i + dir]];
      if (!a || !b) return rs;
      next[i] = b;
      next[i + dir] = a;
      return next;
    });
  const included = rows.filter((r) => r.included);

  const submit = () => {
    const next: Record<string, string> = {};
    if (!name.trim()) next.name = t('settings.webForms.nameRequired');
    if (!included.some((r) => r.name === 'email')) next.fields = t('settings.webForms.emailRequired');
    rows.forEach((r) => {
      if (r.included && !r.label.trim()) next[`label.${r.name}`] = t('settings.webForms.labelRequired');
    });
    const badOrigin = origins.find((o) => !ORIGIN_RE.test(o.trim().replace(/\/$/, '')));
    if (badOrigin) next.allowed_origins = t('settings.webForms.originInvalid', { origin: badOrigin });
    if (redirect.trim() && !REDIRECT_RE.test(redirect.trim())) next.redirect_url = t('settings.webForms.redirectInvalid');
    const hours = Number(dedupe);
    if (dedupe === '' || !Number.isInteger(hours) || hours < 0 || hours > 8760) next.dedupe_window_hours = t('settings.webForms.dedupeInvalid');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const body = {
      name: name.trim(),
      fields: included.map((r) => ({ name: r.name, label: r.label.trim(), required: r.required })),
      allowed_origins: origins.map((o) => o.trim().replace(/\/$/, '')),
      redirect_url: redirect.trim() || null,
      default_owner_id: ownerId,
      default_campaign: campaign.trim() || null,
      dedupe_window_hours: hours,
      active,
    };
    const done = (saved: WebForm) => {
      notifications.show({ color: 'green', message: t('settings.webForms.saved', { name: saved.name }) });
      onSaved(saved);
    };
    if (form) update.mutate({ id: form.id, changes: body }, { onSuccess: done });
    else create.mutate(body, { onSuccess: done });
  };

  return (
    <Modal opened onClose={onClose} title={form ? t('settings.webForms.edit', { name: form.name }) : t('settings.webForms.new')} centered size="80rem" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack>
              {unplaced ? <ProblemAlert error={error} /> : null}
              <TextInput label={t('settings.webForms.name')} required data-autofocus value={name} onChange={(e) => setName(e.currentTarget.value)} error={err('name')} />
              <div>
                <Text size="sm" fw={500}>
                  {t('settings.webForms.fields')}
                </Text>
                <Text size="xs" c="dimmed" mb={4}>
                  {t('settings.webForms.fieldsHint')}
                </Text>
                {err('fields') && (
                  <Alert color="red" variant="light" role="alert" mb="xs">
                    {err('fields')}
                  </Alert>
                )}
                <Table verticalSpacing={4} aria-label={t('settings.webForms.fields')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('settings.webForms.include')}</Table.Th>
                      <Table.Th>{t('settings.webForms.label')}</Table.Th>
                      <Table.Th>{t('settings.webForms.required')}</Table.Th>
                      <Table.Th>{t('settings.webForms.order')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((r, i) => {
                      const fieldName = t(`settings.webForms.fieldNames.${r.name}`);
                      return (
                        <Table.Tr key={r.name}>
                          <Table.Td>
                            <Checkbox
                              label={fieldName}
                              checked={r.included}
                              disabled={r.name === 'email'}
                              onChange={(e) => setRow(i, { included: e.currentTarget.checked })}
                            />
                          </Table.Td>
                          <Table.Td>
                            <TextInput
                              size="xs"
                              aria-label={t('settings.webForms.labelFor', { field: fieldName })}
                              value={r.label}
                              disabled={!r.included}
                              onChange={(e) => setRow(i, { label: e.currentTarget.value })}
                              error={errors[`label.${r.name}`]}
                            />
                          </Table.Td>
                          <Table.Td>
                            <Checkbox
                              aria-label={t('settings.webForms.requiredFor', { field: fieldName })}
                              checked={r.required}
                              disabled={!r.included}
                              onChange={(e) => setRow(i, { required: e.currentTarget.checked })}
                            />
                          </Table.Td>
                          <Table.Td>
                            <Group gap={2} wrap="nowrap">
                              <ActionIcon variant="subtle" size="sm" disabled={i === 0} aria-label={t('settings.webForms.moveUp', { field: fieldName })} onClick={() => move(i, -1)}>
                                <IconArrowUp size={14} />
                              </ActionIcon>
                              <ActionIcon
                                variant="subtle"
                                size="sm"
                                disabled={i === rows.length - 1}
                                aria-label={t('settings.webForms.moveDown', { field: fieldName })}
                                onClick={() => move(i, 1)}
                              >
                                <IconArrowDown size={14} />
                              </ActionIcon>
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </div>
              <TagsInput
                label={t('settings.webForms.origins')}
                description={t('settings.webForms.originsHint')}
                placeholder="https://www.example.com"
                value={origins}
                onChange={setOrigins}
                splitChars={[',', ' ']}
                error={err('allowed_origins')}
              />
              <TextInput
                label={t('settings.webForms.redirect')}
                description={t('settings.webForms.redirectHint')}
                placeholder="https://www.example.com/thanks"
                value={redirect}
                onChange={(e) => setRedirect(e.currentTarget.value)}
                error={err('redirect_url')}
              />
              <Group grow align="flex-start">
                <Select
                  label={t('settings.webForms.defaultOwner')}
                  description={t('settings.webForms.defaultOwnerHint')}
                  placeholder={t('settings.webForms.byRules')}
                  data={users.filter((u) => u.is_active).map((u) => ({ value: u.id, label: u.full_name || u.email }))}
                  value={ownerId}
                  onChange={setOwnerId}
                  clearable
                  searchable
                  error={err('default_owner_id')}
                  comboboxProps={COMBO}
                />
                <TextInput
                  label={t('settings.webForms.defaultCampaign')}
                  description={t('settings.webForms.defaultCampaignHint')}
                  value={campaign}
                  onChange={(e) => setCampaign(e.currentTarget.value)}
                  error={err('default_campaign')}
                />
              </Group>
              <Group align="flex-end">
                <NumberInput
                  label={t('settings.webForms.dedupe')}
                  description={t('settings.webForms.dedupeHint')}
                  min={0}
                  max={8760}
                  allowDecimal={false}
                  allowNegative={false}
                  value={dedupe}
                  onChange={setDedupe}
                  error={err('dedupe_window_hours')}
                  w={260}
                />
                <Switch label={t('settings.webForms.active')} checked={active} onChange={(e) => setActive(e.currentTarget.checked)} mb={8} />
              </Group>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Title order={3} size="h5" mb="xs">
              {t('settings.webForms.livePreview')}
            </Title>
            <WebFormPreview fields={included.map(({ name: n, label, required }) => ({ name: n, label, required }))} />
          </Grid.Col>
        </Grid>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {form ? t('common.save') : t('settings.webForms.create')}
          </Button>
        </Group>
      </form>
    </Modal>
  );
}
