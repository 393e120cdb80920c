import { type Browser, type Page, expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { addEditedBusinessContext, seedOnboardedWorkspace } from './support/app-shell.seed';

// One onboarded founder per run: signed up through the UI, then paid and onboarded directly in Postgres.
const email = `shell-${Date.now()}@example.com`;
const password = 'correct-horse-42';
// A rebuild runs on the worker; allow for a slow, shared machine.
const REBUILD_TIMEOUT = 45_000;

test.describe.configure({ mode: 'serial' });

let page: Page;

const openPage = (name: string) => page.getByRole('navigation', { name: 'App' }).getByRole('link', { name, exact: true }).click();

async function signUpAndSeed(browser: Browser): Promise<Page> {
  const created = await browser.newPage();
  await created.goto('/signup');
  await created.getByLabel('Full name').fill('Asha Founder');
  await created.getByLabel('Email', { exact: true }).fill(email);
  await created.getByLabel('Password', { exact: true }).fill(password);
  await created.getByRole('button', { name: 'Create account' }).click();
  await expect(created).toHaveURL(/\/onboarding\/payment/);
  await seedOnboardedWorkspace(email);
  return created;
}

test.beforeAll(async ({ browser }) => {
  page = await signUpAndSeed(browser);
});

test.afterAll(async () => {
  await page.close();
});

test('a founder without a manifest builds it from the dashboard', async () => {
  await page.goto('/app/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dashboard');
  await expect(page.getByTestId('bcm-missing')).toBeVisible();
  await page.getByRole('button', { name: 'Build manifest' }).click();

  await expect(page.getByTestId('positioning')).toContainText('Ledgerly', { timeout: REBUILD_TIMEOUT });
  await expect(page.getByTestId('manifest-stamp')).toContainText('Manifest v1');
  await expect(page.getByTestId('bcm-freshness')).toContainText('Up to date');
  await expect(page.getByRole('navigation', { name: 'App' }).getByRole('link')).toHaveText(['Dashboard', 'Moves', 'Campaigns', 'Analytics', 'Settings']);
});

test('moves: generate suggestions, accept one, complete it', async () => {
  await openPage('Moves');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Moves');
  await page.getByRole('button', { name: 'Generate suggestions' }).click();

  const suggested = page.getByTestId('moves-suggested').getByTestId('move');
  await expect(suggested.first()).toBeVisible();
  const title = (await suggested.first().locator('.title').textContent())?.trim() ?? '';
  await suggested.first().getByRole('button', { name: 'Accept' }).click();

  const planned = page.getByTestId('moves-planned').getByTestId('move').filter({ hasText: title });
  await expect(planned).toHaveCount(1);
  await planned.getByRole('button', { name: 'Complete' }).click();
  await expect(page.getByTestId('moves-done').getByTestId('move').filter({ hasText: title })).toHaveCount(1);
});

test('campaigns: create one for the primary profile', async () => {
  await openPage('Campaigns');
  await page.getByRole('button', { name: 'New campaign' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('December demo push');
  await dialog.getByLabel('Metric').fill('Demo calls');
  await dialog.getByLabel('Target').fill('12');
  const end = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await dialog.getByLabel('End date').fill(end);
  await dialog.getByRole('button', { name: 'Create campaign' }).click();

  await expect(page.getByTestId('campaign').filter({ hasText: 'December demo push' })).toBeVisible();
});

test('analytics shows the weekly bars, with this week done', async () => {
  await openPage('Analytics');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Analytics');
  await expect(page.getByTestId('bar').first()).toBeVisible();
  await expect(page.getByRole('listitem', { name: /1 of \d+ committed moves done/ })).toBeVisible();
});

test('settings shows the profile, members and billing; rebuilds a stale manifest and exports it', async () => {
  await addEditedBusinessContext(email);
  await openPage('Settings');
  await expect(page.getByTestId('bcm-stale')).toContainText('Your business context changed since this manifest was built');
  await expect(page.getByTestId('profile-email')).toHaveText(email);
  await expect(page.getByTestId('members')).toContainText(email);
  await expect(page.getByTestId('subscription')).toContainText('Growth');
  await expect(page.getByTestId('billing-history')).toBeVisible();
  await expect(page.getByTestId('bcm-version')).toContainText('Version 1');

  await page.getByRole('button', { name: 'Rebuild manifest' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Rebuild now' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Manifest v2 is ready.', { timeout: REBUILD_TIMEOUT });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('bcm-version')).toContainText('Version 2');
  await expect(page.getByTestId('bcm-versions').getByRole('listitem')).toHaveCount(2);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('raptorflow-bcm-v2.json');
  const manifest = JSON.parse(await readFile(await file.path(), 'utf8')) as { version: number; positioning: { statement: string } };
  expect(manifest.version).toBe(2);
  expect(manifest.positioning.statement).toContain('Ledgerly');
});
