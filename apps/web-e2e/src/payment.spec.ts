import { expect, test } from '@playwright/test';
import { checkOutGrowthMonthly, payAndContinue, signUp } from './support/paid-founder';

test('a new founder pays for Growth monthly and lands on the onboarding wizard', async ({ page }) => {
  await signUp(page, 'payer');
  await checkOutGrowthMonthly(page);
  await payAndContinue(page);
  await expect(page.getByTestId('step-position')).toHaveText('Step 1 of 23 · Company');

  // Paid: the plan page now sends the founder back to onboarding.
  await page.goto('/onboarding/payment');
  await expect(page).toHaveURL(/\/onboarding(\?.*)?$/);
});

test('a failed payment can be retried with the same plan', async ({ page }) => {
  await signUp(page, 'retrier');
  await checkOutGrowthMonthly(page);
  await page.getByRole('button', { name: 'Fail payment' }).click();

  await expect(page).toHaveURL(/\/onboarding\/payment\/return\?order=/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payment failed', { timeout: 30_000 });
  await expect(page.getByRole('alert')).not.toBeEmpty();
  await page.getByRole('link', { name: 'Try again' }).click();

  await expect(page).toHaveURL(/\/onboarding\/payment\?plan=growth&period=month$/);
  await expect(page.getByRole('radio', { name: 'Growth' })).toBeChecked();
  await expect(page.getByRole('table', { name: 'Billing history' })).toContainText('Failed');
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(page.getByRole('heading', { name: 'PhonePe (sandbox)' })).toBeVisible();
  await payAndContinue(page);
});
