import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { logIn, renderRoute } from '@/test/render';
import { API, problem, server } from '@/test/server';
import { DocumentDropzone } from './DocumentDropzone';
import { DEAL_ID, makeDocument } from './test-data';

const pdf = () => new File(['%PDF-1.4 proposal'], 'proposal.pdf', { type: 'application/pdf' });
const exe = () => new File(['MZ program'], 'setup.exe', { type: 'application/x-msdownload' });

/** Answers each upload by its content; `hold` keeps the PDF's answer back until released. */
function serveUploads() {
  const seen: { content: string; dealId: FormDataEntryValue | null; auth: string | null }[] = [];
  let release: () => void = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  server.use(
    http.post(`${API}/documents`, async ({ request }) => {
      const form = await request.formData();
      const file = form.get('file') as Blob;
      const content = await file.text();
      seen.push({ content, dealId: form.get('deal_id'), auth: request.headers.get('Authorization') });
      if (content.startsWith('MZ')) {
        return problem(422, 'Validation error', { errors: [{ loc: ['body', 'file'], msg: "Programs and scripts can't be uploaded.", type: 'file_type_refused' }] });
      }
      await held;
      return HttpResponse.json(makeDocument(), { status: 201 });
    }),
  );
  return { seen, release };
}

describe('DocumentDropzone', () => {
  it('uploads several dropped files at once, each with its progress bar; a refused one shows why while the other finishes', async () => {
    logIn();
    const { seen, release } = serveUploads();
    renderRoute(<DocumentDropzone record={{ type: 'deal', id: DEAL_ID }} />);
    fireEvent.drop(screen.getByTestId('document-dropzone'), { dataTransfer: { files: [pdf(), exe()] } });

    const queue = await screen.findByRole('list', { name: 'Uploads' });
    const pdfRow = within(queue).getByRole('listitem', { name: 'proposal.pdf' });
    const exeRow = within(queue).getByRole('listitem', { name: 'setup.exe' });
    // The PDF is still uploading: its own progress bar.
    expect(within(pdfRow).getByRole('progressbar', { name: 'Uploading proposal.pdf' })).toBeInTheDocument();
    // The program is refused with the server's message next to it.
    expect(await within(exeRow).findByRole('alert')).toHaveTextContent("Refused: Programs and scripts can't be uploaded.");
    expect(within(exeRow).queryByRole('progressbar')).not.toBeInTheDocument();
    expect(pdfRow).toHaveAttribute('data-status', 'uploading');

    release();
    await waitFor(() => expect(pdfRow).toHaveAttribute('data-status', 'done'));
    expect(within(pdfRow).getByText('Uploaded')).toBeInTheDocument();
    expect(within(pdfRow).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');

    expect(seen).toHaveLength(2);
    expect(seen.every((s) => s.dealId === DEAL_ID && s.auth === 'Bearer test-access')).toBe(true);
  });

  it('shows the size limit from a 413', async () => {
    logIn();
    server.use(http.post(`${API}/documents`, () => problem(413, 'Payload too large', { detail: 'The file exceeds the upload limit of 26214400 bytes.' })));
    renderRoute(<DocumentDropzone record={{ type: 'deal', id: DEAL_ID }} />);
    await userEvent.setup().upload(screen.getByLabelText('Files to upload'), pdf());
    expect(await screen.findByRole('alert')).toHaveTextContent('The file exceeds the upload limit of 26214400 bytes.');
  });

  it('opens the file picker from the keyboard', async () => {
    logIn();
    renderRoute(<DocumentDropzone record={{ type: 'deal', id: DEAL_ID }} />);
    const input = screen.getByLabelText('Files to upload') as HTMLInputElement;
    let clicks = 0;
    input.addEventListener('click', () => (clicks += 1));
    const zone = screen.getByRole('button', { name: /Upload files/ });
    zone.focus();
    await userEvent.setup().keyboard('{Enter}');
    expect(clicks).toBe(1);
  });
});
