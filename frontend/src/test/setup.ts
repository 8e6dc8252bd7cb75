import '@testing-library/jest-dom/vitest';
import { notifications } from '@mantine/notifications';
import { cleanup, configure } from '@testing-library/react';
import { detachClipboardStubFromView, resetClipboardStubOnView } from '@testing-library/user-event/dist/esm/utils/dataTransfer/Clipboard.js';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { session } from '@/api/session';
import i18n from '@/i18n';
import { clearQueryClients } from './render';
import { server } from './server';

// Two test workers share two cores with the rest of CI: give findBy*/waitFor room beyond the
// 1 s default, so a busy machine slows tests down instead of failing them.
configure({ asyncUtilTimeout: 4000 });

// jsdom lacks these browser APIs that Mantine uses.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;
window.HTMLElement.prototype.scrollIntoView = () => {};
Object.defineProperty(window, 'getComputedStyle', { value: window.getComputedStyle.bind(window), writable: true });

// Files in a worker share modules and the window (isolate: false in vite.config.ts). This file
// runs before every test file, but a library registers its own hooks only when it is first
// imported, i.e. in the worker's first file: Testing Library's act environment and cleanup,
// user-event's clipboard reset. So they are registered here for every file, and every piece of
// global state a test can touch is reset, not only what one file happens to need.
beforeAll(() => {
  // What @testing-library/react does in its beforeAll (its afterAll sets it back to undefined).
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  server.listen({ onUnhandledRequest: 'error' });
});
afterEach(async () => {
  cleanup();
  clearQueryClients();
  resetClipboardStubOnView(window);
  // Mantine keeps shown and queued notifications in a module-level store.
  notifications.clean();
  notifications.cleanQueue();
  document.body.innerHTML = '';
  server.resetHandlers();
  session.clear();
  localStorage.clear();
  await i18n.changeLanguage('en');
});
afterAll(() => {
  detachClipboardStubFromView(window);
  server.close();
});

// Mantine's autosize textarea listens to document.fonts, which jsdom lacks.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() },
  });
}
