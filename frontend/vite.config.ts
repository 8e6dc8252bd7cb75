/// <reference types="vitest/config" />
import { availableParallelism } from 'node:os';
import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    port: 5173,
    // CRM_API_URL points the dev proxy at another backend (default: `crm serve` on :8000).
    proxy: { '/api': { target: process.env.CRM_API_URL ?? 'http://127.0.0.1:8000', changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    include: ['src/**/*.test.{ts,tsx}'],
    testTimeout: 30000,
    // Speed (2-core CI). Vitest's default is one worker fewer than the cores: one worker here.
    // And re-importing Mantine, the icons and the app into a fresh module graph for every file
    // cost more than the tests themselves. So: at least two workers, and the files a worker runs
    // share its modules and its jsdom window. src/test/setup.ts resets everything a test can
    // leave behind (DOM, MSW handlers, session, storage, language, Mantine notifications, the
    // act environment, user-event's clipboard); Vitest restores spies between files. A test that
    // patches a global must undo it (see stubBoardLayout in src/test/deals.ts).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    isolate: false,
  },
});
