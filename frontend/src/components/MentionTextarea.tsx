import { Group, Mentions, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface MentionableUser {
  id: string;
  name: string;
  email?: string;
}

export interface MentionValue {
  /** The editor's markup (`@[Ada Admin](<id>)`): what the field holds. */
  markup: string;
  /** The text people read and the API stores as the body ("@Ada Admin, see this"). */
  text: string;
  /** The ids of the users mentioned, each once, in order. */
  mentions: string[];
}

export const emptyMention: MentionValue = { markup: '', text: '', mentions: [] };

interface Props {
  value: MentionValue;
  onChange: (value: MentionValue) => void;
  users: readonly MentionableUser[];
  label: string;
  placeholder?: string;
  description?: string;
  error?: string;
  disabled?: boolean;
  minRows?: number;
  onSubmitShortcut?: () => void;
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/**
 * Users whose name or e-mail contains the typed query (accents and case ignored): names starting
 * with it first, then a word of the name, then anything else.
 */
export function matchUsers<T extends { display?: string; email?: string }>(query: string, items: T[]): T[] {
  const q = fold(query.trim());
  if (!q) return items;
  const rank = (u: T) => {
    const name = fold(u.display ?? '');
    if (name.startsWith(q)) return 0;
    if (name.split(/\s+/).some((w) => w.startsWith(q))) return 1;
    if (name.includes(q)) return 2;
    return fold(u.email ?? '').includes(q) ? 3 : -1;
  };
  return items
    .map((u) => ({ u, r: rank(u) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r)
    .map((x) => x.u);
}

/**
 * A textarea where `@` opens a list of colleagues (filtered as you type); picking one inserts the
 * name and records the user's id, so a comment can notify them.
 */
export function MentionTextarea({ value, onChange, users, label, placeholder, description, error, disabled, minRows = 3, onSubmitShortcut }: Props) {
  const { t } = useTranslation();
  const data = useMemo(() => users.map((u) => ({ id: u.id, display: u.name, email: u.email })), [users]);
  return (
    <Mentions
      label={label}
      placeholder={placeholder}
      description={description}
      error={error}
      disabled={disabled}
      minRows={minRows}
      maxRows={12}
      value={value.markup}
      nothingFoundMessage={t('mentions.nobody')}
      a11ySuggestionsListLabel={t('mentions.suggestions')}
      filter={({ query, items }) => matchUsers(query, items).slice(0, 8)}
      onKeyDown={(e) => {
        if (onSubmitShortcut && e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
          e.preventDefault();
          onSubmitShortcut();
        }
      }}
      onChange={(p) =>
        onChange({
          markup: p.value,
          text: p.plainTextValue,
          mentions: [...new Set(p.mentions.map((m) => m.id))],
        })
      }
    >
      <Mentions.Mention
        trigger="@"
        data={data}
        withTrigger
        allowSpaceInQuery
        renderSuggestion={({ item }) => (
          <Group gap="xs" wrap="nowrap">
            <Text size="sm">{item.display}</Text>
            {item.email && (
              <Text size="xs" style={{ opacity: 0.7 }}>
                {item.email}
              </Text>
            )}
          </Group>
        )}
      />
    </Mentions>
  );
}
