import { expect, test } from '@playwright/test';
import { rows } from './support/db';
import { signUp } from './support/paid-founder';
import { seedOnboardedWorkspace } from './support/seed';

// The sandbox's Vertex AI stand-in answers after `delayMs`; the worker gives up on the model after AI_TIMEOUT_MS.
const vertexControl = `http://127.0.0.1:${process.env['SANDBOX_PORT'] ?? 54400}/vertex/__sandbox`;
const aiTimeoutMs = Number(process.env['AI_TIMEOUT_MS'] ?? 8000);
// Far slower than the timeout; a manifest shown within PROMPTLY cannot have waited for the model.
const modelDelayMs = aiTimeoutMs + 30_000;
const PROMPTLY = 15_000;

const vertex = (path: string, body?: object) =>
  fetch(`${vertexControl}${path}`, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : undefined);

test.afterEach(async () => {
  await vertex('/reset', {}).catch(() => undefined);
});

test('a model slower than the AI timeout delays nothing: the manifest appears at once, without suggestions or errors', async ({ page }) => {
  test.setTimeout(90_000);
  const reset = await vertex('/reset', {}).catch(() => null);
  test.skip(!reset?.ok, 'the sandbox has no Vertex AI stand-in');
  expect((await vertex('/behaviour', { delayMs: modelDelayMs })).ok).toBe(true);

  const email = await signUp(page, 'slowai');
  const { workspaceId } = await seedOnboardedWorkspace(email);
  await page.goto('/app/dashboard');
  await page.getByRole('button', { name: 'Build manifest' }).click();
  const started = Date.now();
  await expect(page.getByTestId('positioning')).toContainText('Ledgerly', { timeout: PROMPTLY });
  expect(Date.now() - started).toBeLessThan(PROMPTLY);
  await expect(page.locator('header').getByTestId('bcm-freshness')).toHaveText('Manifest v1: Up to date');

  // Enrichment starts right after the manifest is stored; without a model configured there is nothing to prove here.
  const called = async () => ((await (await vertex('/calls')).json()) as { at: string }[]).length;
  await expect.poll(called, { timeout: 5000 }).toBeGreaterThan(0).catch(() => test.skip(true, "the stack's worker has no AI model configured"));

  // Once the timeout has passed, the enrichment was skipped: nothing stored, nothing shown, no error.
  const timedOut = `select now() > created_at + make_interval(secs => $2::float / 1000 + 1) as ok from public.bcm_manifests where workspace_id = $1`;
  await expect.poll(async () => (await rows<{ ok: boolean }>(timedOut, [workspaceId, aiTimeoutMs]))[0]?.ok, { timeout: aiTimeoutMs + 10_000 }).toBe(true);
  expect(await rows('select version, enrichment from public.bcm_manifests where workspace_id = $1', [workspaceId])).toEqual([{ version: 1, enrichment: null }]);
  await page.reload();
  await expect(page.getByTestId('positioning')).toContainText('Ledgerly');
  await expect(page.getByRole('alert')).toHaveCount(0);
});
