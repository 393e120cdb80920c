import { expect, test } from '@playwright/test';
import { rows } from './support/db';
import { signUp } from './support/paid-founder';
import { seedOnboardedWorkspace } from './support/seed';

// The sandbox's Vertex AI stand-in (the e2e worker's model) answers after `delayMs`; the worker gives up on the
// model after AI_TIMEOUT_MS (npm test sets it low to keep the suite short).
const vertexControl = `http://127.0.0.1:${process.env['SANDBOX_PORT'] ?? 54400}/vertex/__sandbox`;
const aiTimeoutMs = Number(process.env['AI_TIMEOUT_MS'] ?? 8000);
// Far slower than the timeout; a manifest shown within PROMPTLY cannot have waited for the model.
const modelDelayMs = aiTimeoutMs + 30_000;
const PROMPTLY = 15_000;

const vertex = (path: string, body?: object) =>
  fetch(`${vertexControl}${path}`, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : undefined);
const modelCalls = async () => ((await (await vertex('/calls')).json()) as unknown[]).length;

test.beforeEach(async () => {
  expect((await vertex('/reset', {})).ok).toBe(true);
});
test.afterEach(async () => {
  await vertex('/reset', {});
});

test('a model slower than the AI timeout delays nothing: the manifest appears at once, without suggestions or errors', async ({ page }) => {
  test.setTimeout(60_000 + aiTimeoutMs);
  expect((await vertex('/behaviour', { delayMs: modelDelayMs })).ok).toBe(true);

  const email = await signUp(page, 'slowai');
  const { workspaceId } = await seedOnboardedWorkspace(email);
  await page.goto('/app/dashboard');
  await page.getByRole('button', { name: 'Build manifest' }).click();
  const started = Date.now();
  await expect(page.getByTestId('positioning')).toContainText('Ledgerly', { timeout: PROMPTLY });
  expect(Date.now() - started).toBeLessThan(PROMPTLY);
  await expect(page.locator('header').getByTestId('bcm-freshness')).toHaveText('Manifest v1: Up to date');
  // The worker did ask the model (and is still waiting for it).
  await expect.poll(modelCalls, { timeout: 5000 }).toBeGreaterThan(0);

  // Once the timeout has passed, the enrichment was skipped: nothing stored, nothing shown, no error.
  const timedOut = `select now() > created_at + make_interval(secs => $2::float / 1000 + 1) as ok from public.bcm_manifests where workspace_id = $1`;
  await expect.poll(async () => (await rows<{ ok: boolean }>(timedOut, [workspaceId, aiTimeoutMs]))[0]?.ok, { timeout: aiTimeoutMs + 10_000 }).toBe(true);
  expect(await rows('select version, enrichment from public.bcm_manifests where workspace_id = $1', [workspaceId])).toEqual([{ version: 1, enrichment: null }]);
  await page.reload();
  await expect(page.getByTestId('positioning')).toContainText('Ledgerly');
  await expect(page.getByTestId('ai-suggestions')).toHaveCount(0);
  // The model's time is up: the page no longer says suggestions are on their way.
  await expect(page.getByTestId('ai-pending')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a model that answers in time adds AI suggestions beside the manifest, on the open page', async ({ page }) => {
  const email = await signUp(page, 'ai');
  const { workspaceId } = await seedOnboardedWorkspace(email);
  await page.goto('/app/dashboard');
  await page.getByRole('button', { name: 'Build manifest' }).click();
  await expect(page.getByTestId('positioning')).toContainText('Ledgerly', { timeout: PROMPTLY });
  // The suggestions arrive after the manifest; the page shows them without a reload.
  await expect(page.getByTestId('ai-suggestions')).toBeVisible({ timeout: PROMPTLY });
  expect(await rows<{ stored: boolean }>('select enrichment is not null as stored from public.bcm_manifests where workspace_id = $1', [workspaceId])).toEqual([{ stored: true }]);
  await expect(page.getByTestId('ai-move-ideas').getByRole('listitem')).not.toHaveCount(0);
  // The checksummed manifest is the same with or without suggestions.
  await expect(page.locator('header').getByTestId('bcm-freshness')).toHaveText('Manifest v1: Up to date');
});
