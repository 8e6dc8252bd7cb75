import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import {
  IconArrowsRightLeft,
  IconCalendarEvent,
  IconChecklist,
  IconCircleCheck,
  IconMail,
  IconMapPin,
  IconMessage,
  IconMessageCircle,
  IconMessages,
  IconNote,
  IconPaperclip,
  IconPencil,
  IconPhone,
  IconVideo,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatters } from '@/lib/format';
import { recordNamespace, recordPath } from '@/lib/records';
import type { InteractionType, RecordType, TimelineItem } from './api/types';

const TYPE_ICON: Record<InteractionType, typeof IconPhone> = {
  call: IconPhone,
  email: IconMail,
  meeting: IconCalendarEvent,
  visit: IconMapPin,
  sms: IconMessage,
  chat: IconMessages,
  video: IconVideo,
  note: IconNote,
};

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The bullet of an item: an icon and a colour per kind (and per interaction type). */
export function entryBullet(item: TimelineItem): { icon: ReactNode; color: string } {
  const size = 14;
  switch (item.kind) {
    case 'interaction': {
      const Icon = TYPE_ICON[(str(item.data?.type) ?? 'note') as InteractionType] ?? IconNote;
      return { icon: <Icon size={size} />, color: 'blue' };
    }
    case 'comment':
      return { icon: <IconMessageCircle size={size} />, color: 'grape' };
    case 'task':
      return item.data?.status === 'done' ? { icon: <IconCircleCheck size={size} />, color: 'green' } : { icon: <IconChecklist size={size} />, color: 'orange' };
    case 'stage_change':
      return { icon: <IconArrowsRightLeft size={size} />, color: 'teal' };
    default:
      return { icon: <IconPencil size={size} />, color: 'gray' };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A changed value as people read it; null when it is an id nobody can read (the change is then named only). */
function shortValue(v: unknown, lookup: (id: string) => string | undefined, fmt: ReturnType<typeof useFormatters>): string | null {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') {
    if (UUID.test(v)) return lookup(v) ?? null;
    if (DATE.test(v)) return fmt.date(v);
    if (DATETIME.test(v)) return fmt.dateTime(v);
    return v.length > 80 ? `${v.slice(0, 79)}…` : v;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const json = JSON.stringify(v);
  return json.length > 80 ? `${json.slice(0, 79)}…` : json;
}

/** Body text with "@Name" of known colleagues emphasised. */
export function MentionText({ text, names }: { text: string; names: readonly string[] }) {
  const sorted = [...names].filter(Boolean).sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return <>{text}</>;
  const escaped = sorted.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = text.split(new RegExp(`(@(?:${escaped.join('|')}))`, 'g'));
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <Text key={i} span fw={600} c="indigo">
            {p}
          </Text>
        ) : (
          p
        ),
      )}
    </>
  );
}

interface Props {
  item: TimelineItem;
  /** The record whose page this is: items of other records (a company's people, its deals) link there. */
  pageType: RecordType;
  pageId: string;
  userName: (id: string) => string | undefined;
  /** Names of ids a change may hold (users, lost reasons). */
  lookup: (id: string) => string | undefined;
  mentionNames: readonly string[];
}

/** What one item says: title, details and who/when. */
export function TimelineEntryContent({ item, pageType, pageId, userName, lookup, mentionNames }: Props) {
  const { t } = useTranslation();
  const fmt = useFormatters();
  const d = item.data ?? {};
  const who = item.actor_name ?? t('timeline.system');
  let title: ReactNode = item.title;
  let details: ReactNode = null;
  const badges: ReactNode[] = [];

  if (item.kind === 'interaction') {
    const type = str(d.type) ?? 'note';
    const typeLabel = t(`timeline.types.${type}`, { defaultValue: type });
    const hasSubject = Boolean(item.title) && item.title !== type;
    title = hasSubject ? item.title : typeLabel;
    if (hasSubject) {
      badges.push(
        <Badge key="type" size="xs" variant="light">
          {typeLabel}
        </Badge>,
      );
    }
    const direction = str(d.direction);
    if (direction) {
      badges.push(
        <Badge key="dir" size="xs" variant="outline" color="gray">
          {t(`timeline.direction.${direction}`, { defaultValue: direction })}
        </Badge>,
      );
    }
    const seconds = num(d.duration_seconds);
    if (seconds) badges.push(<Text key="dur" size="xs" c="dimmed">{t('timeline.minutes', { count: Math.max(1, Math.round(seconds / 60)) })}</Text>);
    const outcome = str(d.outcome);
    if (outcome) {
      badges.push(
        <Badge key="out" size="xs" variant="light" color="teal">
          {outcome}
        </Badge>,
      );
    }
    const files = num(d.attachments);
    if (files) {
      badges.push(
        <Group key="files" gap={2}>
          <IconPaperclip size={12} />
          <Text size="xs" c="dimmed">
            {t('timeline.attachments', { count: files })}
          </Text>
        </Group>,
      );
    }
    if (item.summary) details = item.summary;
  } else if (item.kind === 'comment') {
    title = t('timeline.commented', { name: who });
    details = <MentionText text={item.summary ?? item.title} names={mentionNames} />;
  } else if (item.kind === 'task') {
    title = t('timeline.taskTitle', { title: item.title });
    const status = str(d.status) ?? 'open';
    badges.push(
      <Badge key="status" size="xs" variant="light" color={status === 'done' ? 'green' : status === 'cancelled' ? 'gray' : 'orange'}>
        {t(`timeline.taskStatus.${status}`, { defaultValue: status })}
      </Badge>,
    );
    const due = str(d.due_at);
    if (due) badges.push(<Text key="due" size="xs" c="dimmed">{t('timeline.taskDue', { date: fmt.dateTime(due) })}</Text>);
    const assignee = str(d.assignee_id);
    if (assignee && userName(assignee)) badges.push(<Text key="who" size="xs" c="dimmed">{t('timeline.taskFor', { name: userName(assignee) })}</Text>);
    if (item.summary) details = item.summary;
  } else if (item.kind === 'stage_change') {
    const from = str(d.from_stage);
    const to = str(d.to_stage) ?? '';
    const deal = str(d.deal_name) ?? '';
    title = from ? t('timeline.stageChange', { deal, from, to }) : t('timeline.stageEntered', { deal, to });
  } else if (item.kind === 'field_change') {
    const action = str(d.action) ?? 'updated';
    const field = str(d.field);
    const ns = recordNamespace(item.record_type);
    const label = field ? (ns ? t(`${ns}.fields.${field}`, { defaultValue: field }) : field) : null;
    if (action === 'updated' && label) {
      title = t('timeline.fieldChanged', { field: label });
      const before = shortValue(d.old_value, lookup, fmt);
      const after = shortValue(d.new_value, lookup, fmt);
      if (before !== null && after !== null) details = `${before} → ${after}`;
    } else {
      title = t(`timeline.recordAction.${action}`, { defaultValue: action });
    }
  }

  const elsewhere = item.record_type !== pageType || item.record_id !== pageId;
  const path = elsewhere ? recordPath(item.record_type, item.record_id) : null;

  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600} style={{ wordBreak: 'break-word' }}>
          {title}
        </Text>
        {badges}
      </Group>
      {details && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} lineClamp={6}>
          {details}
        </Text>
      )}
      <Group gap={6}>
        <Text size="xs" c="dimmed" title={fmt.dateTime(item.at)}>
          {item.kind === 'comment' ? fmt.dateTime(item.at) : `${who} · ${fmt.dateTime(item.at)}`}
        </Text>
        {path && (
          <Anchor component={Link} to={path} size="xs">
            {t(`timeline.onRecord.${item.record_type}`, { defaultValue: item.record_type })}
          </Anchor>
        )}
      </Group>
    </Stack>
  );
}
