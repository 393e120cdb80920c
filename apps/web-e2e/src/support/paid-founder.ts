import { type Page, expect } from '@playwright/test';

/** Signs a new founder up; they land on the plan page. Each call uses a fresh email so reruns never collide. */
export async function signUp(page: Page, label = 'founder'): Promise<string> {
  const email = `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  await page.goto('/signup');
  await page.getByLabel('Full name').fill('Asha Founder');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill('correct-horse-42');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/onboarding\/payment$/);
  return email;
}

/** From the plan page: picks Growth monthly and continues to the PhonePe sandbox checkout page. */
export async function checkOutGrowthMonthly(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose your plan');
  await page.getByRole('radio', { name: 'Monthly' }).check();
  await page.getByRole('radio', { name: 'Growth' }).check();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(page.getByRole('heading', { name: 'PhonePe (sandbox)' })).toBeVisible();
  await expect(page.getByTestId('amount')).toHaveText('₹9,999.00');
}

/** Pays on the sandbox page and continues from the return page to the onboarding wizard. */
export async function payAndContinue(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Pay successfully' }).click();
  await expect(page).toHaveURL(/\/onboarding\/payment\/return\?order=/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payment received', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Continue to onboarding' }).click();
  await expect(page).toHaveURL(/\/onboarding(\?.*)?$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tell us about your business');
}

/** A new founder with an active Growth subscription, on the onboarding wizard. */
export async function signUpAndPay(page: Page): Promise<string> {
  const email = await signUp(page);
  await checkOutGrowthMonthly(page);
  await payAndContinue(page);
  return email;
}
