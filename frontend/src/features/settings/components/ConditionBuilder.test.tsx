import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '@/i18n';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderRoute } from '@/test/render';
import { ConditionBuilder, conditionError } from './ConditionBuilder';
import { conditionText, type ConditionLike } from './condition-text';

function Harness({ initial, onChange }: { initial: ConditionLike[]; onChange: (c: ConditionLike[]) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <ConditionBuilder
      value={value}
      onChange={(next) => {
        setValue(next);
        onChange(next);
      }}
    />
  );
}

describe('ConditionBuilder', () => {
  it('builds "country is one of KR, JP" and offers only the operators a field allows', async () => {
    const onChange = vi.fn();
    renderRoute(<Harness initial={[]} onChange={onChange} />);
    const user = userEvent.setup();
    expect(screen.getByText('No conditions: every new lead matches.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add condition' }));
    expect(onChange).toHaveBeenLastCalledWith([{ field: 'country', op: 'eq', value: '' }]);

    await user.click(screen.getByLabelText('Operator 1', { selector: 'input' }));
    await user.click(await screen.findByRole('option', { name: 'is one of', hidden: true }));
    const values = screen.getByLabelText('Value 1', { selector: 'input' });
    await user.type(values, 'KR{enter}JP{enter}');
    await waitFor(() => expect(onChange).toHaveBeenLastCalledWith([{ field: 'country', op: 'in', value: 'KR,JP' }]));

    // A numeric field: comparison operators, no "contains"; the value resets.
    await user.click(screen.getByLabelText('Field 1', { selector: 'input' }));
    await user.click(await screen.findByRole('option', { name: 'Company size', hidden: true }));
    expect(onChange).toHaveBeenLastCalledWith([{ field: 'company_size', op: 'in', value: '' }]);
    await user.click(screen.getByLabelText('Operator 1', { selector: 'input' }));
    expect(await screen.findByRole('option', { name: 'at least', hidden: true })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: 'contains', hidden: true })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Remove condition 1' }));
    expect(onChange).toHaveBeenLastCalledWith([]);
  });

  it('reads conditions in words and checks values', () => {
    const t = i18n.t.bind(i18n);
    expect(conditionText({ field: 'country', op: 'in', value: 'KR,JP' }, t)).toBe('Country is one of KR, JP');
    expect(conditionText({ field: 'company_size', op: 'gte', value: '50' }, t)).toBe('Company size ≥ 50');
    expect(conditionText({ field: 'source', op: 'eq', value: 'referral' }, t)).toBe('Source is Referral');
    expect(conditionText({ field: 'campaign', op: 'isnull', value: 'true' }, t)).toBe('Campaign is empty');
    expect(conditionError({ field: 'company_size', op: 'gte', value: 'fifty' }, t)).toBe('Use whole numbers');
    expect(conditionError({ field: 'country', op: 'in', value: 'KR,Japan' }, t)).toBe('Use two-letter country codes');
    expect(conditionError({ field: 'country', op: 'eq', value: ' ' }, t)).toBe('Give a value');
    expect(conditionError({ field: 'company_size', op: 'gte', value: '50' }, t)).toBeNull();
  });
});
