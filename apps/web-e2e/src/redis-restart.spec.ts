import { expect, test } from '@playwright/test';
import { rows, workspaceOf } from './support/db';
import { fillSampleSteps, finalize } from './support/onboarding-filler';
import { signUpAndPay } from './support/paid-founder';

// tools/stack.ts puts Redis behind a proxy when REDIS_DRILL_PORT is set (npm test sets it; tools/redis-drill.ts):
// POST /down cuts every connection and deletes all of this run's keys, as a restart of our Redis (no persistence) would.
const drillPort = process.env['REDIS_DRILL_PORT'];
const apiUrl = `http://127.0.0.1:${process.env['PORT'] ?? 3100}/api/v1`;

async function redis(action: 'down' | 'up'): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${drillPort}/${action}`, { method: 'POST' });
  expect(response.status, `redis drill ${action}`).toBe(200);
}

const readiness = async () => {
  const response = await fetch(`${apiUrl}/health/ready`);
  const body = (await response.json()) as { status: string; worker: { lastHeartbeatAt: string | null } };
  // Redis down alone keeps the API in the load balancer (200) and reports it degraded.
  return { status: `${response.status} ${body.status}`, body };
};

test.skip(!drillPort, 'the stack runs without the Redis drill (set REDIS_DRILL_PORT, as npm test does)');

test.afterEach(async () => {
  if (drillPort) await redis('up');
});

test('Redis restarts mid-onboarding: nothing saved is lost, saving goes on, and the journey finishes without restarting anything', async ({ page }) => {
  test.setTimeout(180_000);
  const email = await signUpAndPay(page);
  await fillSampleSteps(page, 1, 5);
  const saveStatus = page.getByTestId('save-status');
  await expect(saveStatus).toHaveText('Saved');

  await redis('down');
  await expect.poll(async () => (await readiness()).status).toBe('200 degraded');

  // The answers come back from the Postgres checkpoint.
  await page.reload();
  await expect(page.getByTestId('step-position')).toHaveText(/^Step 6 of 23 · /);
  await expect(page.getByRole('progressbar')).toHaveAccessibleName('Step 6 of 23, 5 of 23 steps done');
  await page.goto('/onboarding?step=company');
  await expect(page.locator('[data-field-path="companyName"] input')).toHaveValue('Ledgerly Technologies');
  await page.goto('/onboarding');

  // Saving while Redis is down: the draft is written to Postgres first, so the save succeeds and says so.
  await fillSampleSteps(page, 6, 6);
  await expect(page.getByTestId('step-position')).toHaveText(/^Step 7 of 23 · /);
  await expect(saveStatus).toHaveText('Saved');
  const { workspaceId } = await workspaceOf(email);
  const [draft] = await rows<{ completed_steps: string[] }>('select completed_steps from public.onboarding_drafts where workspace_id = $1', [workspaceId]);
  expect(draft.completed_steps).toEqual(['company', 'stage', 'offering', 'problem', 'outcomes', 'icp_primary']);

  // Redis is back, empty. The API and worker reconnect by themselves.
  await redis('up');
  await expect.poll(async () => (await readiness()).status, { timeout: 15_000 }).toBe('200 ok');
  await page.reload();
  await expect(page.getByTestId('step-position')).toHaveText(/^Step 7 of 23 · /);
  await expect(page.getByRole('progressbar')).toHaveAccessibleName('Step 7 of 23, 6 of 23 steps done');
  await fillSampleSteps(page, 7, 23);
  await finalize(page);

  // The BCM build goes through the emptied queue to the same worker.
  await expect(page.getByTestId('positioning')).toContainText('Ledgerly', { timeout: 45_000 });
  await expect(page.locator('header').getByTestId('bcm-freshness')).toHaveText('Manifest v1: Up to date');

  // The worker's repeatable jobs were lost with the keys; it registers them again (its heartbeat comes back).
  await expect.poll(async () => (await readiness()).body.worker.lastHeartbeatAt, { timeout: 45_000 }).not.toBeNull();
});
