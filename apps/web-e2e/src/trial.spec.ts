import { expect, test } from '@playwright/test';
import { rows, withDb, workspaceOf } from './support/db';
import { signUp } from './support/paid-founder';
import { seedOnboardedWorkspace } from './support/seed';

// Issue #16: Growth's 14-day free trial, started without payment, and the billing banner that asks for payment.
const resendControl = `http://127.0.0.1:${process.env['SANDBOX_PORT'] ?? 54400}/resend/__sandbox`;

const subjectsTo = async (email: string): Promise<string[]> => {
  const response = await fetch(`${resendControl}/emails?to=${encodeURIComponent(email)}`);
  return ((await response.json()) as { subject: string }[]).map((m) => m.subject);
};

const subscriptionOf = async (email: string) =>
  rows<{ plan_id: string; status: string; trial_ends_at: Date | null }>('select plan_id, status, trial_ends_at from public.subscriptions where workspace_id = $1', [(await workspaceOf(email)).workspaceId]);

/** dd/mm/yyyy in India, as the app shows dates. */
const indianDate = (date: Date) => new Intl.DateTimeFormat('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Kolkata' }).format(date);

test('a founder starts the 14-day Growth trial from the plan page, onboards, and sees when the trial ends', async ({ page }) => {
  const email = await signUp(page, 'trialist');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose your plan');
  await expect(page.getByText('Try Growth free for 14 days.')).toBeVisible();
  await page.getByRole('button', { name: 'Start 14-day free trial' }).click();

  // No PhonePe page: straight to the wizard.
  await expect(page).toHaveURL(/\/onboarding(\?.*)?$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tell us about your business');
  const [subscription] = await subscriptionOf(email);
  expect(subscription).toMatchObject({ plan_id: 'growth', status: 'trialing' });
  const endsOn = indianDate(subscription.trial_ends_at as Date);
  expect(await rows('select 1 from public.payment_transactions where workspace_id = $1', [(await workspaceOf(email)).workspaceId])).toEqual([]);
  await expect.poll(() => subjectsTo(email), { timeout: 20_000 }).toContain('Your RaptorFlow Growth trial has started');

  // Past the wizard (seeded), the app says when the trial ends, and so does Settings.
  await seedOnboardedWorkspace(email, { keepSubscription: true });
  await page.goto('/app/dashboard');
  const banner = page.getByTestId('subscription-banner');
  await expect(banner).toContainText(`Your Growth trial ends on ${endsOn} (14 days left)`);
  await expect(banner.getByRole('button', { name: 'Pay now' })).toBeVisible();
  await page.getByRole('navigation', { name: 'App' }).getByRole('link', { name: 'Settings' }).click();
  const settings = page.getByTestId('subscription');
  await expect(settings).toContainText('trialing');
  await expect(settings).toContainText(new RegExp(`Trial ends\\s*${endsOn}`));
});

test('after the trial the app is read-only and the banner checks out the same plan in one click', async ({ page }) => {
  const email = await signUp(page, 'trial-ended');
  await page.getByRole('button', { name: 'Start 14-day free trial' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tell us about your business');
  await seedOnboardedWorkspace(email, { keepSubscription: true });
  // The trial ended a day ago: the 3-day grace.
  await withDb((client) =>
    client.query(
      `update public.subscriptions set current_period_start = now() - interval '15 days', current_period_end = now() - interval '1 day', trial_ends_at = now() - interval '1 day' where workspace_id = (select current_workspace_id from public.users where email = $1)`,
      [email],
    ),
  );

  await page.goto('/app/dashboard');
  const banner = page.getByTestId('subscription-banner');
  await expect(banner).toContainText('Your free trial has ended, so the app is read-only. Pay within 2 days to keep your workspace.');
  await banner.getByRole('button', { name: 'Pay now' }).click();
  await expect(page.getByRole('heading', { name: 'PhonePe (sandbox)' })).toBeVisible();
  await expect(page.getByTestId('amount')).toHaveText('₹9,999.00');
  await page.getByRole('button', { name: 'Pay successfully' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payment received', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Continue to the app' }).click();
  await expect(page).toHaveURL(/\/app\/dashboard$/);
  await expect(page.getByTestId('subscription-banner')).toHaveCount(0);
  expect(await subscriptionOf(email)).toEqual([{ plan_id: 'growth', status: 'active', trial_ends_at: null }]);
});

test('an expired trial goes back to the plan page, where no second trial is offered and the API refuses one', async ({ page }) => {
  const email = await signUp(page, 'trial-expired');
  await page.getByRole('button', { name: 'Start 14-day free trial' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tell us about your business');
  await withDb((client) =>
    client.query(
      `update public.subscriptions set current_period_start = now() - interval '18 days', current_period_end = now() - interval '4 days', trial_ends_at = now() - interval '4 days' where workspace_id = (select current_workspace_id from public.users where email = $1)`,
      [email],
    ),
  );
  await page.goto('/onboarding');
  await expect(page).toHaveURL(/\/onboarding\/payment$/);
  await expect(page.getByText('This workspace has used its free trial.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start 14-day free trial' })).toHaveCount(0);
  // Asked anyway (an old tab), the API refuses with 409 and the plan page stays usable.
  const refused = await page.evaluate(async () => {
    const key = Object.keys(localStorage).find((k) => k.endsWith('-auth-token')) as string;
    const token = JSON.parse(localStorage.getItem(key) as string).access_token as string;
    const res = await fetch('/api/v1/payments/trial', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ planId: 'growth' }) });
    return { status: res.status, body: await res.json() };
  });
  expect(refused).toMatchObject({ status: 409, body: { code: 'TRIAL_ALREADY_USED' } });
  await expect(page.getByRole('button', { name: 'Continue to payment' })).toBeVisible();
});

test('a term ending in 3 days shows a renewal banner whose button checks out the same plan', async ({ page }) => {
  const email = await signUp(page, 'renewer');
  await seedOnboardedWorkspace(email);
  await withDb((client) =>
    client.query(`update public.subscriptions set current_period_end = now() + interval '3 days' - interval '1 hour' where workspace_id = (select current_workspace_id from public.users where email = $1)`, [email]),
  );
  await page.goto('/app/dashboard');
  const banner = page.getByTestId('subscription-banner');
  await expect(banner).toContainText('(3 days left). Renewing now adds a full period after that date.');
  await banner.getByRole('button', { name: 'Renew now' }).click();
  await expect(page.getByRole('heading', { name: 'PhonePe (sandbox)' })).toBeVisible();
  await expect(page.getByTestId('amount')).toHaveText('₹9,999.00');
});
