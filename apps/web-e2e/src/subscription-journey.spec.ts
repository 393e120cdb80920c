import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { rows, workspaceOf } from './support/db';
import { signUp } from './support/paid-founder';
import { seedOnboardedWorkspace } from './support/seed';

// Issue #16 in one journey: a founder starts the Growth trial, sets up UPI Autopay on the stand-in's mandate page
// from Settings, sees the mandate, upgrades to Pro paying the prorated amount, cancels and resumes.
const rupees = (paise: number) => new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', minimumFractionDigits: 2 }).format(paise / 100);
const indianDate = (date: Date) => new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Kolkata' }).format(date);

type SubscriptionRow = { plan_id: string; period: string; status: string; trial_ends_at: Date | null; current_period_start: Date; current_period_end: Date };
const subscriptionOf = async (email: string) =>
  (
    await rows<SubscriptionRow>('select plan_id, period, status, trial_ends_at, current_period_start, current_period_end from public.subscriptions where workspace_id = $1', [
      (await workspaceOf(email)).workspaceId,
    ])
  )[0];

test('a founder starts a trial, sets up Autopay, sees the mandate in Settings, upgrades, cancels and resumes', async ({ page }) => {
  test.setTimeout(120_000);
  const email = await signUp(page, 'journey16');

  // 1. The trial: no payment, straight to the wizard (onboarding itself is the journey spec's: seeded here).
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose your plan');
  await page.getByRole('button', { name: 'Start 14-day free trial' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tell us about your business');
  const trial = await subscriptionOf(email);
  expect(trial).toMatchObject({ plan_id: 'growth', period: 'month', status: 'trialing' });
  const trialEnd = indianDate(trial.trial_ends_at as Date);
  await seedOnboardedWorkspace(email, { keepSubscription: true });

  await page.goto('/app/settings');
  const subscription = page.getByTestId('subscription');
  await expect(subscription).toContainText('trialing');
  await expect(subscription).toContainText(new RegExp(`Trial ends\\s*${trialEnd}`));

  // 2. Autopay during the trial, from Settings: the first month is paid now and starts when the trial ends.
  const offer = page.getByTestId('autopay-offer');
  await expect(offer).toContainText('Pay ₹9,999 now and approve a UPI mandate of up to ₹15,000 a debit: each month it debits your plan\'s price');
  await expect(offer).toContainText(`starts when the trial ends on ${trialEnd}`);
  await offer.getByRole('button', { name: 'Set up UPI Autopay' }).click();
  await expect(page.getByRole('heading', { name: 'Set up UPI Autopay (sandbox)' })).toBeVisible();
  await expect(page.getByTestId('max-amount')).toHaveText('₹15,000.00');
  await page.getByRole('button', { name: 'Approve Autopay' }).click();
  await expect(page).toHaveURL(/\/onboarding\/payment\/return\?order=/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payment received', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Continue to the app' }).click();
  await expect(page).toHaveURL(/\/app\/dashboard$/);

  // No trial day lost: the paid month runs from the trial end.
  const paid = await subscriptionOf(email);
  expect(paid).toMatchObject({ plan_id: 'growth', status: 'active', trial_ends_at: null });
  expect(paid.current_period_start).toEqual(trial.trial_ends_at);
  const periodEnd = indianDate(paid.current_period_end);

  // 3. The mandate in Settings: max amount, frequency, validity, next debit.
  await page.getByRole('navigation', { name: 'App' }).getByRole('link', { name: 'Settings' }).click();
  await expect(subscription).toContainText('Growth (monthly)');
  await expect(subscription).toContainText(new RegExp(`Current period ends\\s*${periodEnd}`));
  const card = page.getByTestId('autopay-card');
  await expect(card.getByTestId('autopay-state')).toHaveText('Active', { timeout: 20_000 });
  await expect(page.getByTestId('autopay-offer')).toHaveCount(0);
  await expect(card.getByTestId('autopay-max')).toHaveText('₹15,000');
  await expect(card).toContainText('Every month');
  const [mandate] = await rows<{ valid_until: Date }>('select valid_until from public.mandates where workspace_id = $1', [(await workspaceOf(email)).workspaceId]);
  await expect(card).toContainText(new RegExp(`Valid until\\s*${indianDate(mandate.valid_until)}`));
  await expect(card.getByTestId('autopay-next')).toHaveText(`₹9,999 on ${periodEnd}`);

  // 4. Upgrade to Pro: the whole paid month is ahead, so the prorated amount is the full ₹10,000 difference.
  await page.getByTestId('change-plan').click();
  const dialog = page.getByRole('dialog', { name: 'Change plan' });
  await dialog.getByRole('radio', { name: 'Pro (monthly), ₹19,999' }).check();
  await expect(dialog.getByTestId('plan-change-quote')).toContainText(`You pay ₹10,000 now for the days left until ${periodEnd}`);
  await dialog.getByRole('button', { name: 'Pay with PhonePe' }).click();
  await expect(page.getByRole('heading', { name: 'PhonePe (sandbox)' })).toBeVisible();
  await expect(page.getByTestId('amount')).toHaveText(rupees(1_000_000));
  await page.getByRole('button', { name: 'Pay successfully' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payment received', { timeout: 30_000 });
  await expect(page.getByRole('status')).toContainText('Pro');

  await page.goto('/app/settings');
  await expect(subscription).toContainText('Pro (monthly)');
  await expect(page.getByTestId('billing-history')).toContainText('Upgrade to Pro (monthly)');
  const pro = await subscriptionOf(email);
  expect(pro).toMatchObject({ plan_id: 'pro', status: 'active' });
  expect(pro.current_period_end).toEqual(paid.current_period_end);

  // 5. Cancel: the dialog names the end date; then resume before it.
  await page.getByTestId('cancel-subscription').click();
  const cancel = page.getByRole('dialog', { name: 'Cancel subscription' });
  await expect(cancel).toContainText(`You keep full access until ${periodEnd}`);
  await cancel.getByRole('button', { name: 'Cancel subscription' }).click();
  await expect(subscription).toContainText('cancelled');
  await expect(page.getByText(`Cancelled: you keep access until ${periodEnd}`)).toBeVisible();
  // Cancelling stopped the mandate at PhonePe as well, and the Autopay card says so.
  await expect(card.getByTestId('autopay-state')).toHaveText('Cancelled');
  await expect(card.getByRole('link', { name: 'Renew with a one-time payment' })).toBeVisible();

  await page.getByTestId('resume-subscription').click();
  const resume = page.getByRole('dialog', { name: 'Resume subscription' });
  await expect(resume).toContainText(`Your subscription continues after ${periodEnd}. Cancelling also stopped UPI Autopay`);
  await resume.getByRole('button', { name: 'Resume subscription' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Subscription resumed.' })).toBeVisible();
  await expect(subscription).toContainText('active');
  await expect(subscription).toContainText('Pro (monthly)');
  await expect(page.getByTestId('cancel-subscription')).toBeVisible();
  expect(await subscriptionOf(email)).toMatchObject({ plan_id: 'pro', status: 'active' });
  expect(await rows('select state from public.mandates where workspace_id = $1', [(await workspaceOf(email)).workspaceId])).toEqual([{ state: 'revoked' }]);

  // The Settings page in its final state passes axe.
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});
