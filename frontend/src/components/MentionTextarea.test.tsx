import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderRoute } from '@/test/render';
import { emptyMention, matchUsers, MentionTextarea, type MentionValue } from './MentionTextarea';

const users = [
  { id: 'u-ray', name: 'Ray Rep', email: 'ray@example.com' },
  { id: 'u-mia', name: 'Mia Manager', email: 'mia@example.com' },
  { id: 'u-kim', name: '김민지', email: 'minji@example.com' },
];

let last: MentionValue = emptyMention;
function Harness() {
  const [value, setValue] = useState<MentionValue>(emptyMention);
  return (
    <MentionTextarea
      label="Comment"
      users={users}
      value={value}
      onChange={(v) => {
        last = v;
        setValue(v);
      }}
    />
  );
}

describe('MentionTextarea', () => {
  it('filters colleagues by name or e-mail, ignoring case', () => {
    const items = users.map((u) => ({ id: u.id, display: u.name, email: u.email }));
    expect(matchUsers('ra', items).map((u) => u.id)).toEqual(['u-ray']);
    expect(matchUsers('MIA@', items).map((u) => u.id)).toEqual(['u-mia']);
    expect(matchUsers('민지', items).map((u) => u.id)).toEqual(['u-kim']);
    expect(matchUsers('', items)).toHaveLength(3);
  });

  it('opens the list on @, filters as you type, and inserts the name with the id', async () => {
    last = emptyMention;
    renderRoute(<Harness />);
    const user = userEvent.setup();
    const box = screen.getByRole('textbox', { name: 'Comment' });
    await user.type(box, 'Thanks @');
    expect(await screen.findByRole('option', { name: /Ray Rep/, hidden: true })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: /Mia Manager/, hidden: true })).toBeInTheDocument();
    await user.type(box, 'mi');
    await waitFor(() => expect(screen.queryByRole('option', { name: /Ray Rep/, hidden: true })).not.toBeInTheDocument());
    await user.click(screen.getByRole('option', { name: /Mia Manager/, hidden: true }));
    await user.type(box, ' please call');
    await waitFor(() => expect(last.text).toBe('Thanks @Mia Manager please call'));
    expect(last.mentions).toEqual(['u-mia']);
  });

  it('forgets a mention whose name was deleted', async () => {
    last = emptyMention;
    renderRoute(<Harness />);
    const user = userEvent.setup();
    const box = screen.getByRole('textbox', { name: 'Comment' });
    await user.type(box, '@ray');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(last.mentions).toEqual(['u-ray']));
    await user.clear(box);
    await waitFor(() => expect(last.mentions).toEqual([]));
  });
});
