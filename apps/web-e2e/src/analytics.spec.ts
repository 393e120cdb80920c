import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rows } from './support/db';
import { signUp } from './support/paid-founder';
import { seedOnboardedWorkspace } from './support/seed';

test('a founder logs a week of results on Analytics, sees it against the 90-day goal, and exports the manifest as PDF', async ({ page }) => {
  test.setTimeout(90_000);
  const email = await signUp(page, 'results');
  const { workspaceId } = await seedOnboardedWorkspace(email);
  await page.goto('/app/dashboard');
  await page.getByRole('button', { name: 'Build manifest' }).click();
  await expect(page.getByTestId('positioning')).toContainText('Ledgerly', { timeout: 30_000 });

  await page.goto('/app/analytics');
  const form = page.getByRole('form', { name: 'Log a week' });
  // A wrong number is named under its field, and nothing is sent.
  await form.getByLabel('Leads').fill('-2');
  await form.getByRole('button', { name: 'Log week' }).click();
  await expect(form).toContainText('A whole number, 0 or more');
  expect(await rows('select 1 from public.weekly_results where workspace_id = $1', [workspaceId])).toEqual([]);

  await form.getByLabel('Channel').click();
  await page.getByRole('option', { name: 'LinkedIn' }).click();
  await form.getByLabel('Leads').fill('30');
  await form.getByLabel('Sign-ups').fill('4');
  await form.getByLabel('Revenue (₹)').fill('149997.50');
  await form.getByRole('button', { name: 'Log week' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Logged LinkedIn' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Weekly results' });
  await expect(table.getByRole('row').nth(1)).toContainText(/LinkedIn\s*–\s*30\s*4\s*₹1,49,997\.50/);
  // The sample goal is 120 leads.
  await expect(page.getByTestId('results-progress')).toContainText('30 of 120 leads logged toward the 90-day goal');
  expect(await rows('select leads, signups, revenue_paise::int as paise from public.weekly_results where workspace_id = $1', [workspaceId])).toEqual([{ leads: 30, signups: 4, paise: 14_999_750 }]);

  await page.goto('/app/manifest');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export PDF' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('raptorflow-bcm-v1.pdf');
  const text = execFileSync('pdftotext', ['-', '-'], { input: readFileSync(await file.path()) }).toString();
  for (const title of ['Business Context Manifest, version 1', 'Identity', 'Positioning', 'Customer profiles', 'Competitors', '90-day goal', 'Baseline']) expect(text).toContain(title);
});
