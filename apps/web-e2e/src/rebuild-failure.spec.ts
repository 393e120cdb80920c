import { expect, test } from '@playwright/test';
import { rows } from './support/db';
import { signUp } from './support/paid-founder';
import { addUnbuildableBusinessContext, seedOnboardedWorkspace } from './support/seed';

// A rebuild runs on the worker; allow for a slow, shared machine.
const REBUILD_TIMEOUT = 45_000;

test('a failed rebuild says why and keeps the last good manifest in use', async ({ page }) => {
  // Paid and onboarded straight in Postgres (the journey spec clicks through all of that); no manifest yet.
  const email = await signUp(page, 'rebuild');
  const { workspaceId } = await seedOnboardedWorkspace(email);

  // The first manifest, built from the dashboard's missing state.
  await page.goto('/app/dashboard');
  await expect(page.getByTestId('bcm-missing')).toBeVisible();
  await page.getByRole('button', { name: 'Build manifest' }).click();
  await expect(page.getByTestId('positioning')).toContainText('Ledgerly', { timeout: REBUILD_TIMEOUT });
  const chip = page.locator('header').getByTestId('bcm-freshness');
  await expect(chip).toHaveText('Manifest v1: Up to date');

  // A newer business context that the builder rejects: the rebuild fails for good (no retries).
  await addUnbuildableBusinessContext(email);
  await page.reload();
  await expect(page.getByTestId('bcm-stale')).toBeVisible();
  await page.getByRole('button', { name: 'Rebuild', exact: true }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Rebuild now' }).click();
  await expect(dialog.getByRole('alert')).toContainText('The rebuild failed: Business context v2 cannot be built', { timeout: REBUILD_TIMEOUT });
  await expect(dialog.getByRole('alert')).toContainText('companyName');
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Every page still runs on v1, under a banner naming the failure.
  await expect(page.getByRole('alert').filter({ hasText: 'The last rebuild failed: Business context v2 cannot be built' })).toBeVisible();
  await expect(page.getByTestId('manifest-stamp')).toContainText('Manifest v1');
  await expect(page.getByTestId('positioning')).toContainText('Ledgerly');
  await expect(chip).toHaveText('Manifest v1: Out of date');
  await page.getByRole('navigation', { name: 'App' }).getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page.getByTestId('bcm-version')).toContainText('Version 1');
  await expect(page.getByRole('alert').filter({ hasText: 'The last rebuild failed' })).toBeVisible();

  // Stored: the failure and its reason, the pointer still at v1, no v2.
  expect(await rows('select latest_version, status, last_error from public.bcm_state where workspace_id = $1', [workspaceId])).toEqual([
    { latest_version: 1, status: 'failed', last_error: expect.stringContaining('Business context v2 cannot be built') },
  ]);
  expect(await rows('select version from public.bcm_manifests where workspace_id = $1', [workspaceId])).toEqual([{ version: 1 }]);
});
