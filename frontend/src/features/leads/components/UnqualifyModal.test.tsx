import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/errors';
import { renderRoute } from '@/test/render';
import { UnqualifyModal } from './UnqualifyModal';

describe('UnqualifyModal', () => {
  it('refuses an empty reason and sends the trimmed one', async () => {
    const onConfirm = vi.fn();
    renderRoute(<UnqualifyModal opened leadName="Grace Smith" onCancel={() => {}} onConfirm={onConfirm} />);
    const dialog = await screen.findByRole('dialog', { name: 'Unqualify this lead' });
    const user = userEvent.setup();
    await user.click(within(dialog).getByRole('button', { name: 'Unqualify' }));
    expect(within(dialog).getByText('Say why the lead is unqualified')).toBeInTheDocument();
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), '   ');
    await user.click(within(dialog).getByRole('button', { name: 'Unqualify' }));
    expect(onConfirm).not.toHaveBeenCalled();
    await user.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Student project ');
    await user.click(within(dialog).getByRole('button', { name: 'Unqualify' }));
    expect(onConfirm).toHaveBeenCalledWith('Student project');
  });

  it('shows a server 422 on the reason field', async () => {
    const error = new ApiError(422, {
      title: 'Validation failed',
      status: 422,
      errors: [{ loc: ['body', 'unqualified_reason'], msg: 'Say why the lead is unqualified.', type: 'missing' }],
    });
    renderRoute(<UnqualifyModal opened leadName="Grace Smith" error={error} onCancel={() => {}} onConfirm={() => {}} />);
    const dialog = await screen.findByRole('dialog', { name: 'Unqualify this lead' });
    expect(within(dialog).getByText('Say why the lead is unqualified.')).toBeInTheDocument();
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
  });
});
