import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';

const PORT = Number(process.env.E2E_PORT ?? 8765);
const BASE_URL = `http://127.0.0.1:${PORT}`;
export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'e2e-Passw0rd!';

// The real server on a fresh database, serving the built SPA (frontend/dist; built here if missing).
const serverEnv = `CRM_DATA_DIR=var/e2e CRM_PORT=${PORT} CRM_LOG_LEVEL=WARNING CRM_ADMIN_EMAIL=${ADMIN_EMAIL} CRM_ADMIN_PASSWORD='${ADMIN_PASSWORD}'`;
const command = [
  '(test -f frontend/dist/index.html || (cd frontend && npm ci && npm run build))',
  'rm -rf var/e2e',
  `${serverEnv} .venv/bin/crm setup --no-demo`,
  `${serverEnv} exec .venv/bin/crm serve`,
].join(' && ');

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: BASE_URL,
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions: chromiumLaunchOptions } }],
  webServer: {
    command: `sh -c "${command.replace(/"/g, '\\"')}"`,
    cwd: '../..',
    url: `${BASE_URL}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
