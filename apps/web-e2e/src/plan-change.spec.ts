import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { rows, workspaceOf } from './support/db';
import { signUp } from './support/paid-founder';
import { seedOnboardedWorkspace } from './support/seed';

// Issue #16 items 4-5: a founder on Starter upgrades to Growth paying the prorated amount, then cancels and resumes.
const rupees = (paise: number) => new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', minimumFractionDigits: 2 }).format(paise / 100);
const indianDate = (date: Date) => {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-IN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Kolkata' }).formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts['day']}/${parts['month']}/${parts['year']}`;
};
const subscriptionOf = async (email: string) =>
  (await rows<{ plan_id: string; status: string; current_period_end: Date }>('select plan_id, status, current_period_end from public.subscriptions where workspace_id = $1', [(await workspaceOf(email)).workspaceId]))[0];

test('a founder on Starter upgrades to Growth paying the prorated amount, then cancels in a dialog that states the end date, and resumes', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  const email = await signUp(page, 'upgrader');
  await page.getByRole('radio', { name: 'Monthly' }).check();
  await page.getByRole('radio', { name: 'Starter' }).check();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(page.getByTestId('amount')).toHaveText('₹4,999.00');
  await page.getByRole('button', { name: 'Pay successfully' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payment received', { timeout: 30_000 });
  expect((await subscriptionOf(email)).plan_id).toBe('starter');

  // Onboarding is the journey spec's (the seed also sets the period to 30 days from now).
  await seedOnboardedWorkspace(email);
  const starter = await subscriptionOf(email);
  expect(starter.plan_id).toBe('starter');
  await page.goto('/app/settings');
  const subscription = page.getByTestId('subscription');
  await expect(subscription).toContainText('Starter (monthly)');

  await page.getByTestId('change-plan').click();
  const dialog = page.getByRole('dialog', { name: 'Change plan' });
  await dialog.getByRole('radio', { name: 'Growth (monthly), ₹9,999' }).check();
  // The seed's period started moments ago: nearly the whole ₹5,000 difference, to the paise (half up).
  await expect(dialog.getByTestId('plan-change-quote')).toContainText(/You pay ₹(4,9\d\d(\.\d\d)?|5,000) now for the days left until/);
  await expect(dialog.getByTestId('plan-change-quote')).toContainText(indianDate(starter.current_period_end));
  // On a phone: the dialog fits the screen and passes axe.
  const box = await dialog.boundingBox();
  expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? Infinity) <= 360).toBe(true);
  const axe = await new AxeBuilder({ page }).include('mat-dialog-container').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await dialog.getByRole('button', { name: 'Pay with PhonePe' }).click();

  await expect(page.getByRole('heading', { name: 'PhonePe (sandbox)' })).toBeVisible();
  const [upgrade] = await rows<{ amount: number; purpose: string; state: string }>(
    `select amount, purpose, state from public.payment_transactions where workspace_id = $1 and purpose = 'upgrade'`,
    [(await workspaceOf(email)).workspaceId],
  );
  expect(upgrade).toMatchObject({ purpose: 'upgrade', state: 'PENDING' });
  await expect(page.getByTestId('amount')).toHaveText(rupees(upgrade.amount));
  // Nothing switches before PhonePe confirms the payment.
  expect((await subscriptionOf(email)).plan_id).toBe('starter');
  await page.getByRole('button', { name: 'Pay successfully' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payment received', { timeout: 30_000 });
  await expect(page.getByRole('status')).toContainText('Growth');

  await page.goto('/app/settings');
  await expect(subscription).toContainText('Growth (monthly)');
  const growth = await subscriptionOf(email);
  expect(growth).toMatchObject({ plan_id: 'growth', status: 'active' });
  expect(growth.current_period_end).toEqual(starter.current_period_end);
  await expect(page.getByTestId('billing-history')).toContainText(rupees(upgrade.amount).replace('.00', ''));
  await expect(page.getByTestId('billing-history')).toContainText('Upgrade to Growth (monthly)');

  // Cancel: the dialog says until when access lasts.
  const end = indianDate(growth.current_period_end);
  await page.getByTestId('cancel-subscription').click();
  const cancel = page.getByRole('dialog', { name: 'Cancel subscription' });
  await expect(cancel).toContainText(`You keep full access until ${end}`);
  await cancel.getByRole('button', { name: 'Cancel subscription' }).click();
  await expect(subscription).toContainText('cancelled');
  expect((await subscriptionOf(email)).status).toBe('cancelled');

  await page.getByTestId('resume-subscription').click();
  const resume = page.getByRole('dialog', { name: 'Resume subscription' });
  await expect(resume).toContainText(end);
  await resume.getByRole('button', { name: 'Resume subscription' }).click();
  await expect(subscription).toContainText('active');
  await expect(page.getByTestId('cancel-subscription')).toBeVisible();
  expect((await subscriptionOf(email)).status).toBe('active');
});
