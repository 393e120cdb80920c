import { defineConfig } from '@playwright/test';

// The stack (sandbox, API, worker, web dev server) is started from built output by tools/stack.ts.
const webPort = Number(process.env['WEB_PORT'] ?? 4300);
const baseURL = `http://localhost:${webPort}`;

export default defineConfig({
  testDir: './src',
  outputDir: '../../tmp/test-results/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: { baseURL, trace: 'retain-on-failure' },
  webServer: {
    command: 'npx tsx tools/stack.ts',
    cwd: '../..',
    url: baseURL,
    reuseExistingServer: false,
    // tools/stack.ts stops its process groups on SIGTERM; Playwright's default SIGKILL would orphan them.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    timeout: 240_000,
    stdout: 'pipe',
    stderr: 'pipe',
    // Existing specs sign up straight into a session; the confirmation specs switch autoconfirm off per test
    // through the stand-in's control route /auth/v1/__sandbox/autoconfirm.
    env: { WEB_PORT: String(webPort), SANDBOX_AUTOCONFIRM: 'true' },
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env['CHROMIUM_PATH'] || '/usr/bin/chromium',
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
        },
      },
    },
  ],
});
