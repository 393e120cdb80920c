import { expect, test } from '@playwright/test';
import { ONBOARDING_STEPS, SAMPLE_BUSINESS_CONTEXT } from '@raptorflow/contracts';
import { fillStep } from './support/onboarding-filler';
import { signUpAndPay } from './support/paid-founder';

const sample = SAMPLE_BUSINESS_CONTEXT as unknown as Record<string, Record<string, unknown> | undefined>;

test('a paid founder answers all 23 steps, resumes after a reload, reviews and finalizes', async ({ page }) => {
  test.setTimeout(480_000);
  await signUpAndPay(page);

  for (const step of ONBOARDING_STEPS.slice(0, 12)) await fillStep(page, step, sample[step.id]);
  await expect(page.getByTestId('step-position')).toHaveText('Step 13 of 23 · Market');

  // Resume: the same step after a reload, and from the server's draft when the URL names no step.
  await page.reload();
  await expect(page.getByTestId('step-position')).toHaveText('Step 13 of 23 · Market');
  await page.goto('/onboarding');
  await expect(page.getByTestId('step-position')).toHaveText('Step 13 of 23 · Market');
  await expect(page.getByRole('progressbar')).toHaveAccessibleName('12 of 23 steps done');

  for (const step of ONBOARDING_STEPS.slice(12)) await fillStep(page, step, sample[step.id]);

  await expect(page.getByRole('heading', { name: 'Review your answers' })).toBeVisible();
  const company = page.getByRole('region', { name: 'Company' });
  await expect(company).toContainText('Ledgerly Technologies');
  await expect(page.getByRole('link', { name: 'Edit Your company' })).toBeVisible();

  await page.getByRole('button', { name: 'Finalize' }).click();
  await expect(page).toHaveURL(/\/app\/dashboard$/, { timeout: 30_000 });
});
