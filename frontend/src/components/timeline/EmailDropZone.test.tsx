import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { CUSTOMER_ID, makeInteraction } from '@/test/activity';
import { logIn, renderRoute } from '@/test/render';
import { API, problem, server } from '@/test/server';
import { EmailDropZone } from './EmailDropZone';

const eml = () => new File(['From: ann@example.com\r\nSubject: Order\r\nMessage-ID: <1@x>\r\n\r\nHello'], 'order.eml', { type: 'message/rfc822' });

function serveUpload(respond: () => Response) {
  const seen: { file: string | null; customerId: FormDataEntryValue | null; auth: string | null }[] = [];
  server.use(
    http.post(`${API}/interactions/emails`, async ({ request }) => {
      const form = await request.formData();
      const file = form.get('file');
      // The part is a Blob of the fetch realm (jsdom's XHR drops the file name on the way): check its content.
      seen.push({ file: file && typeof file === 'object' && 'text' in file ? await file.text() : null, customerId: form.get('customer_id'), auth: request.headers.get('Authorization') });
      return respond();
    }),
  );
  return seen;
}

describe('EmailDropZone', () => {
  it('uploads a dropped .eml with the record id and says it was logged', async () => {
    logIn();
    const seen = serveUpload(() => HttpResponse.json({ interaction: makeInteraction({ type: 'email', subject: 'Order' }), created: true }, { status: 201 }));
    renderRoute(<EmailDropZone recordType="customer" recordId={CUSTOMER_ID} />);
    fireEvent.drop(screen.getByTestId('eml-drop-zone'), { dataTransfer: { files: [eml()] } });
    expect(await screen.findByText('E-mail logged')).toBeInTheDocument();
    expect(screen.getByText('“Order” was added to the timeline.')).toBeInTheDocument();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ customerId: CUSTOMER_ID, auth: 'Bearer test-access' });
    expect(seen[0]?.file).toContain('Subject: Order');
  });

  it('says when the message was logged before (200, created false)', async () => {
    logIn();
    serveUpload(() => HttpResponse.json({ interaction: makeInteraction({ type: 'email', subject: 'Order' }), created: false }));
    renderRoute(<EmailDropZone recordType="customer" recordId={CUSTOMER_ID} />);
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    await userEvent.setup().upload(input, eml());
    expect(await screen.findByText('Already logged')).toBeInTheDocument();
    expect(screen.getByText('“Order” was logged before; nothing new was added.')).toBeInTheDocument();
  });

  it('explains when nobody in the message matched', async () => {
    logIn();
    serveUpload(() =>
      problem(422, 'Validation error', {
        errors: [{ loc: ['body', 'customer_id'], msg: 'Nobody in this message is a customer or lead you can see.', type: 'missing' }],
      }),
    );
    renderRoute(<EmailDropZone recordType="customer" recordId={CUSTOMER_ID} />);
    fireEvent.drop(screen.getByTestId('eml-drop-zone'), { dataTransfer: { files: [eml()] } });
    expect(await screen.findByText('Nobody matched')).toBeInTheDocument();
  });

  it('refuses other files without uploading', async () => {
    logIn();
    const seen = serveUpload(() => HttpResponse.json({}, { status: 500 }));
    renderRoute(<EmailDropZone recordType="customer" recordId={CUSTOMER_ID} />);
    fireEvent.drop(screen.getByTestId('eml-drop-zone'), { dataTransfer: { files: [new File(['x'], 'photo.png', { type: 'image/png' })] } });
    expect(await screen.findByText('Not an e-mail file')).toBeInTheDocument();
    await waitFor(() => expect(seen).toHaveLength(0));
  });
});
