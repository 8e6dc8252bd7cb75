// Loaded on demand (dynamic import) so pdf.js never weighs on the initial bundle.
import { getDocument, GlobalWorkerOptions, type PDFDocumentProxy } from 'pdfjs-dist';
// The worker ships as its own file under /assets: `script-src 'self'` covers it.
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = workerUrl;

export type { PDFDocumentProxy };

/** Parse a PDF from its bytes; no eval (the page's CSP forbids it). */
export function openPdf(data: ArrayBuffer): Promise<PDFDocumentProxy> {
  return getDocument({ data, isEvalSupported: false }).promise;
}

/** Draw one page into a canvas at `cssWidth` CSS pixels wide (sharp on high-DPI screens). */
export async function renderPage(pdf: PDFDocumentProxy, number: number, canvas: HTMLCanvasElement, cssWidth: number): Promise<void> {
  const page = await pdf.getPage(number);
  const base = page.getViewport({ scale: 1 });
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: (cssWidth / base.width) * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = '100%';
  canvas.style.aspectRatio = `${base.width} / ${base.height}`;
  await page.render({ canvas, viewport }).promise;
}
