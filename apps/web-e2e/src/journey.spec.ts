import { type Page, expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { type BusinessContextManifest, CHANNEL_OPTIONS, GOAL_TYPE_OPTIONS, INDUSTRY_OPTIONS } from '@raptorflow/contracts';
import { rows, workspaceOf } from './support/db';
import { fillSampleSteps, finalize } from './support/onboarding-filler';
import { checkOutGrowthMonthly, payAndContinue, signUp } from './support/paid-founder';

// A rebuild runs on the worker; allow for a slow, shared machine.
const REBUILD_TIMEOUT = 45_000;

const openPage = (page: Page, name: string) => page.getByRole('navigation', { name: 'App' }).getByRole('link', { name, exact: true }).click();

// The whole product in one sitting, as one founder: issue #8's proof. Failure paths have their own specs.
test('sign up, pay, onboard in 23 steps, get a manifest, use every page, rebuild and export', async ({ page }) => {
  test.setTimeout(240_000);

  // Sign up, choose Growth monthly, pay on the PhonePe checkout, come back to a success page.
  const email = await signUp(page, 'journey');
  await checkOutGrowthMonthly(page);
  await payAndContinue(page);
  await expect(page.getByTestId('step-position')).toHaveText('Step 1 of 23 · Company');
  const { workspaceId } = await workspaceOf(email);
  expect(await rows('select state, amount from public.payment_transactions where workspace_id = $1', [workspaceId])).toEqual([{ state: 'COMPLETED', amount: 999_900 }]);
  // Paid: the plan page now sends the founder on to onboarding.
  await page.goto('/onboarding/payment');
  await expect(page).toHaveURL(/\/onboarding(\?.*)?$/);

  // All 23 steps, with a reload in the middle: the wizard resumes at the same step, also from the server's draft.
  await fillSampleSteps(page, 1, 12);
  await expect(page.getByTestId('step-position')).toHaveText('Step 13 of 23 · Market');
  await page.reload();
  await expect(page.getByTestId('step-position')).toHaveText('Step 13 of 23 · Market');
  await page.goto('/onboarding');
  await expect(page.getByTestId('step-position')).toHaveText('Step 13 of 23 · Market');
  await expect(page.getByRole('progressbar')).toHaveAccessibleName('Step 13 of 23, 12 of 23 steps done');
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(Math.round((13 / 23) * 100)));
  // Answered sections are links; Back in the browser returns to the step before.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Offer' }).click();
  await expect(page.getByTestId('step-position')).toHaveText('Step 3 of 23 · Offer');
  await page.goBack();
  await expect(page.getByTestId('step-position')).toHaveText('Step 13 of 23 · Market');
  await fillSampleSteps(page, 13, 23);

  await expect(page.getByRole('heading', { name: 'Review your answers' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Company' })).toContainText('Ledgerly Technologies');
  await expect(page.getByRole('link', { name: 'Edit Your company' })).toBeVisible();
  await finalize(page);

  // The manifest appears on the dashboard once the worker has built it.
  await expect(page.getByTestId('positioning')).toContainText('Ledgerly', { timeout: REBUILD_TIMEOUT });
  await expect(page.getByTestId('manifest-stamp')).toContainText('Manifest v1');
  const chip = page.locator('header').getByTestId('bcm-freshness');
  await expect(chip).toHaveText('Manifest v1: Up to date');
  // The first week's moves are suggested without a click.
  await expect(page.getByTestId('move-counts')).toContainText(/^\s*[1-9]\d* suggested/);
  await expect(page.getByRole('navigation', { name: 'App' }).getByRole('link')).toHaveText(['Dashboard', 'Manifest', 'Moves', 'Campaigns', 'Analytics', 'Settings']);

  // Every page reads the manifest. Moves: suggestions from it; accept one and complete it.
  await openPage(page, 'Moves');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Moves');
  await expect(chip).toHaveText('Manifest v1: Up to date');
  const suggested = page.getByTestId('moves-suggested').getByTestId('move');
  await expect(suggested.first()).toBeVisible();
  await page.getByRole('button', { name: 'Generate suggestions' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'suggestions' })).toContainText('0 new');
  await expect(suggested.first()).toBeVisible();
  const title = (await suggested.first().locator('.title').textContent())?.trim() ?? '';
  await suggested.first().getByRole('button', { name: 'Accept' }).click();
  const planned = page.getByTestId('moves-planned').getByTestId('move').filter({ hasText: title });
  await expect(planned).toHaveCount(1);
  await planned.getByRole('button', { name: 'Complete' }).click();
  await expect(page.getByTestId('moves-done').getByTestId('move').filter({ hasText: title })).toHaveCount(1);

  // Campaigns: one for the manifest's primary customer profile.
  await openPage(page, 'Campaigns');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Campaigns');
  await expect(chip).toHaveText('Manifest v1: Up to date');
  await page.getByRole('button', { name: 'New campaign' }).click();
  const campaign = page.getByRole('dialog');
  // The dialog focuses its first field once it has opened; typing before that would land in the wrong field.
  await expect(campaign.getByLabel('Name')).toBeFocused();
  await campaign.getByLabel('Name').fill('December demo push');
  await campaign.getByLabel('Metric').fill('Demo calls');
  await campaign.getByLabel('Target').fill('12');
  await campaign.getByLabel('End date').fill(new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10));
  await campaign.getByRole('button', { name: 'Create campaign' }).click();
  await expect(page.getByTestId('campaign').filter({ hasText: 'December demo push' })).toBeVisible();

  // Analytics: this week's bar with the done move, and the manifest's version history.
  await openPage(page, 'Analytics');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Analytics');
  await expect(chip).toHaveText('Manifest v1: Up to date');
  await expect(page.getByTestId('bar').first()).toBeVisible();
  await expect(page.getByRole('listitem', { name: /1 of \d+ committed moves done/ })).toBeVisible();
  await expect(page.getByText(/^v1 · /)).toBeVisible();

  // Settings: profile, members, the paid plan and its payment, the manifest.
  await openPage(page, 'Settings');
  await expect(chip).toHaveText('Manifest v1: Up to date');
  await expect(page.getByTestId('profile-email')).toHaveText(email);
  await expect(page.getByTestId('members')).toContainText(email);
  await expect(page.getByTestId('subscription')).toContainText('Growth');
  await expect(page.getByTestId('billing-history')).toContainText(/Growth \(monthly\)\s*₹9,999(\.00)?\s*Paid/);
  await expect(page.getByTestId('bcm-version')).toContainText('Version 1');

  // Edit an answer after finalizing: back to the review, change what the company sells, save, finalize again. The new
  // context builds v2 by itself.
  await page.getByRole('link', { name: 'Edit business answers' }).click();
  await expect(page.getByRole('heading', { name: 'Review your answers' })).toBeVisible();
  await page.getByRole('link', { name: 'Edit What you sell' }).click();
  const offering = page.getByRole('form', { name: 'What you sell' });
  await offering.locator('[data-field-path="oneLiner"]').locator('input').fill('GST reconciliation and month-end close on autopilot for Indian SMBs');
  await offering.getByRole('button', { name: 'Save and review' }).click();
  await finalize(page);
  await expect(chip).toHaveText('Manifest v2: Up to date', { timeout: REBUILD_TIMEOUT });
  await expect(page.getByTestId('manifest-stamp')).toContainText('Manifest v2');

  // A manual rebuild of an up-to-date manifest runs and keeps its version.
  await openPage(page, 'Settings');
  await page.getByRole('button', { name: 'Rebuild manifest' }).click();
  const rebuild = page.getByRole('dialog');
  await rebuild.getByRole('button', { name: 'Rebuild now' }).click();
  await expect(rebuild.getByRole('status')).toHaveText('Manifest v2 is ready.', { timeout: REBUILD_TIMEOUT });
  await rebuild.getByRole('button', { name: 'Done' }).click();
  await expect(chip).toHaveText('Manifest v2: Up to date');
  await expect(page.getByTestId('bcm-version')).toContainText('Version 2');
  await expect(page.getByTestId('bcm-versions').getByRole('listitem')).toHaveCount(2);

  // Export: the JSON file is the current manifest.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('raptorflow-bcm-v2.json');
  const manifest = await readManifest(await file.path());
  expect(manifest.version).toBe(2);
  expect(manifest.positioning.statement).toContain('Ledgerly');
  expect(JSON.stringify(manifest.offering)).toContain('month-end close on autopilot');

  // The manifest page shows every section of that JSON, exports it as Markdown and shows what v2 changed.
  await openPage(page, 'Manifest');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Manifest');
  await expectManifestPage(page, manifest);
  const markdown = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Markdown' }).click();
  const md = await readFile(await (await markdown).path(), 'utf8');
  expect(md).toContain(`# ${manifest.identity.company}: Business Context Manifest v2`);
  expect(md).toContain(`- **Statement:** ${manifest.positioning.statement}`);
  await page.getByRole('button', { name: 'Compare' }).click();
  const diff = page.getByTestId('bcm-diff');
  await expect(diff.getByRole('row').filter({ hasText: 'One-liner' })).toContainText('month-end close on autopilot');
  await page.getByRole('link', { name: 'Edit Offering' }).click();
  await expect(page.getByRole('form', { name: 'What you sell' })).toBeVisible();
});

const readManifest = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as BusinessContextManifest;

// Each section of the page against the manifest JSON: its own text, and choices by the labels the catalog gives them.
async function expectManifestPage(page: Page, bcm: BusinessContextManifest): Promise<void> {
  const section = (id: string) => page.getByTestId(`bcm-section-${id}`);
  const label = (options: readonly { value: string; label: string }[], value: string) => options.find((o) => o.value === value)?.label ?? value;
  await expect(section('identity')).toContainText(bcm.identity.company);
  await expect(section('identity')).toContainText(label(INDUSTRY_OPTIONS, bcm.identity.industry));
  await expect(section('offering')).toContainText(bcm.offering.oneLiner);
  await expect(section('offering')).toContainText(bcm.offering.problem);
  for (const outcome of bcm.offering.outcomes) await expect(section('offering')).toContainText(outcome);
  await expect(section('positioning')).toContainText(bcm.positioning.statement);
  for (const item of bcm.positioning.differentiators) await expect(section('positioning')).toContainText(item);
  for (const icp of bcm.icps) {
    await expect(section('icps')).toContainText(icp.name);
    for (const pain of icp.topPains) await expect(section('icps')).toContainText(pain);
  }
  for (const competitor of bcm.competitors) await expect(section('competitors')).toContainText(competitor.name);
  for (const pillar of bcm.messaging.pillars) await expect(section('messaging')).toContainText(pillar);
  for (const { channel } of bcm.channels.active) await expect(section('channels')).toContainText(label(CHANNEL_OPTIONS, channel));
  await expect(section('goals')).toContainText(label(GOAL_TYPE_OPTIONS, bcm.goals.primary));
  await expect(section('goals')).toContainText(bcm.goals.target.toLocaleString('en-IN'));
  await expect(section('constraints')).toContainText(`₹${bcm.constraints.monthlyBudgetInr.toLocaleString('en-IN')}`);
  await expect(section('constraints')).toContainText(String(bcm.constraints.hoursPerWeek));
  for (const [key, value] of Object.entries(bcm.baseline)) {
    if (typeof value === 'number') await expect(section('baseline'), key).toContainText(value.toLocaleString('en-IN', { maximumFractionDigits: 2 }));
  }
}
