import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderRoute } from '@/test/render';
import { server } from '@/test/server';
import { WebFormPreview } from './WebFormPreview';

describe('WebFormPreview', () => {
  it('renders the fields as inputs and never submits for real', async () => {
    const requests: string[] = [];
    server.events.on('request:start', ({ request }) => requests.push(request.url));
    renderRoute(
      <WebFormPreview
        fields={[
          { name: 'first_name', label: 'First name', required: false },
          { name: 'email', label: 'Work email', required: true },
          { name: 'company_size', label: 'Employees', required: false },
          { name: 'message', label: 'How can we help?', required: false },
        ]}
      />,
    );
    const form = screen.getByRole('form', { name: 'Form preview' });
    expect(within(form).getByRole('textbox', { name: 'First name' })).toHaveAttribute('type', 'text');
    const email = within(form).getByRole('textbox', { name: /Work email/ });
    expect(email).toHaveAttribute('type', 'email');
    expect(email).toBeRequired();
    expect(within(form).getByLabelText('Employees')).toHaveAttribute('type', 'number');
    expect(within(form).getByRole('textbox', { name: 'How can we help?' }).tagName).toBe('TEXTAREA');

    const user = userEvent.setup();
    await user.click(within(form).getByRole('button', { name: 'Send' }));
    expect(within(form).getByText('Required')).toBeInTheDocument();
    await user.type(email, 'ada@example.com');
    await user.click(within(form).getByRole('button', { name: 'Send' }));
    expect(await within(form).findByRole('status')).toHaveTextContent('Preview only: nothing was sent.');
    expect(requests).toEqual([]);
    server.events.removeAllListeners();
  });
});
