import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import type { components } from '@/api/schema.gen';
import { makePipeline, stages } from '@/test/deals';
import { makeLead } from '@/test/leads';
import { logIn, renderRoute } from '@/test/render';
import { API, problem, server } from '@/test/server';
import { ConvertLeadModal } from './ConvertLeadModal';

type S = components['schemas'];
const lead = makeLead();
const COMPANY_ID = '00000000-0000-7000-8000-0000000000c1';

function serve(preview: S['ConversionPreview']) {
  let body: S['LeadConvert'] | undefined;
  server.use(
    http.get(`${API}/leads/:id/conversion`, () => HttpResponse.json(preview)),
    http.get(`${API}/pipelines`, () => HttpResponse.json({ items: [makePipeline()], next_cursor: null })),
    http.post(`${API}/leads/:id/convert`, async ({ request }) => {
      body = (await request.json()) as S['LeadConvert'];
      return HttpResponse.json({
        lead: { ...lead, status: 'converted' },
        company_id: COMPANY_ID,
        company_created: false,
        contact_id: '00000000-0000-7000-8000-0000000000c2',
        contact_created: true,
        deal_id: body.deal ? '00000000-0000-7000-8000-0000000000d9' : null,
      } satisfies S['ConversionResult']);
    }),
  );
  return () => body;
}

describe('ConvertLeadModal', () => {
  it('says it will link the matched company and create the person, and sends the deal', async () => {
    logIn();
    const sent = serve({
      company: { id: COMPANY_ID, name: 'Lumen Analytics Ltd', reason: 'domain' },
      contact: null,
      creates_company: false,
      creates_contact: true,
      company_name: 'Lumen Analytics Ltd',
      contact_name: 'Grace Smith',
    });
    const onConverted = vi.fn();
    renderRoute(<ConvertLeadModal lead={lead} opened onClose={() => {}} onConverted={onConverted} />);
    const dialog = await screen.findByRole('dialog', { name: 'Convert Grace Smith' });
    const plan = await within(dialog).findByTestId('conversion-plan');
    expect(plan).toHaveTextContent('Will link the existing company Lumen Analytics Ltd (matched by email domain)');
    expect(plan).toHaveTextContent('Will create a new person: Grace Smith');

    const user = userEvent.setup();
    await user.click(within(dialog).getByRole('switch', { name: 'Create a deal' }));
    // Prefilled with the company's name; the default pipeline and its first open stage.
    expect(within(dialog).getByRole('textbox', { name: /Deal name/ })).toHaveValue('Lumen Analytics Ltd');
    await user.type(within(dialog).getByRole('textbox', { name: 'Amount' }), '5000');
    await user.click(within(dialog).getByRole('button', { name: 'Convert' }));

    await waitFor(() => expect(onConverted).toHaveBeenCalled());
    expect(sent()).toEqual({
      skip_company: false,
      company_id: COMPANY_ID,
      deal: { name: 'Lumen Analytics Ltd', pipeline_id: makePipeline().id, stage_id: stages.qualified.id, amount: '5000', currency: 'KRW' },
    });
  });

  it('creates the company when nothing matches, and can skip it', async () => {
    logIn();
    const sent = serve({ company: null, contact: null, creates_company: true, creates_contact: true, company_name: 'Lumen Analytics', contact_name: 'Grace Smith' });
    const onConverted = vi.fn();
    renderRoute(<ConvertLeadModal lead={lead} opened onClose={() => {}} onConverted={onConverted} />);
    const dialog = await screen.findByRole('dialog', { name: 'Convert Grace Smith' });
    expect(await within(dialog).findByText('Will create a new company: Lumen Analytics')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(within(dialog).getByRole('checkbox', { name: "Don't link or create a company" }));
    expect(within(dialog).getByText('No company will be linked or created.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Convert' }));
    await waitFor(() => expect(onConverted).toHaveBeenCalled());
    expect(sent()).toEqual({ skip_company: true });
  });

  it('explains a 409: the lead is already converted', async () => {
    logIn();
    server.use(
      http.get(`${API}/leads/:id/conversion`, () =>
        HttpResponse.json({ company: null, contact: null, creates_company: false, creates_contact: true, company_name: null, contact_name: 'Grace Smith' }),
      ),
      http.get(`${API}/pipelines`, () => HttpResponse.json({ items: [makePipeline()], next_cursor: null })),
      http.post(`${API}/leads/:id/convert`, () => problem(409, 'Conflict', { detail: 'This lead is already converted.' })),
      http.get(`${API}/leads/:id`, () => HttpResponse.json({ ...lead, status: 'converted' })),
    );
    renderRoute(<ConvertLeadModal lead={lead} opened onClose={() => {}} onConverted={() => {}} />);
    const dialog = await screen.findByRole('dialog', { name: 'Convert Grace Smith' });
    expect(await within(dialog).findByText('No company: the lead has no company name.')).toBeInTheDocument();
    await userEvent.setup().click(within(dialog).getByRole('button', { name: 'Convert' }));
    expect(await within(dialog).findByText('Already converted')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Convert' })).toBeDisabled();
  });
});
