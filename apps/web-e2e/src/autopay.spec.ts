import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { rows, workspaceOf } from './support/db';
import { signUp } from './support/paid-founder';
import { seedOnboardedWorkspace } from './support/seed';

// UPI Autopay (issue #16): chosen at checkout, approved on PhonePe's (stand-in) mandate screen, shown in Settings.
test('a founder pays the first month with UPI Autopay and sees the mandate in Settings', async ({ page }) => {
  const email = await signUp(page, 'autopay');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose your plan');
  await page.getByRole('radio', { name: 'Monthly' }).check();

  // Pro monthly is above the Rs 15,000 e-mandate limit: offered one-time renewal, with the reason.
  await page.getByRole('radio', { name: 'Pro' }).check();
  await expect(page.getByTestId('autopay-ineligible')).toContainText('Starter monthly and Growth monthly');
  await expect(page.getByTestId('autopay-setup')).toHaveCount(0);

  await page.getByRole('radio', { name: 'Growth' }).check();
  await expect(page.getByText('approve a UPI mandate of up to ₹15,000 a debit')).toBeVisible();
  await page.getByRole('button', { name: 'Set up UPI Autopay' }).click();

  await expect(page.getByRole('heading', { name: 'Set up UPI Autopay (sandbox)' })).toBeVisible();
  await expect(page.getByTestId('max-amount')).toHaveText('₹15,000.00');
  await page.getByRole('button', { name: 'Approve Autopay' }).click();
  await expect(page).toHaveURL(/\/onboarding\/payment\/return\?order=/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payment received', { timeout: 30_000 });

  const { workspaceId } = await workspaceOf(email);
  expect(await rows('select plan_id, status from public.subscriptions where workspace_id = $1', [workspaceId])).toEqual([{ plan_id: 'growth', status: 'active' }]);

  // Onboarding is the journey spec's; the founder goes straight to Settings.
  await seedOnboardedWorkspace(email);
  await page.goto('/app/settings');
  const card = page.getByTestId('autopay-card');
  await expect(card.getByTestId('autopay-state')).toHaveText('Active', { timeout: 20_000 });
  await expect(card.getByTestId('autopay-max')).toHaveText('₹15,000');
  await expect(card.getByTestId('autopay-next')).toContainText('₹9,999 on ');
  const axe = await new AxeBuilder({ page }).include('[data-testid="autopay-card"]').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // Pause from Settings, then cancel through the dialog.
  await card.getByRole('button', { name: 'Pause Autopay' }).click();
  await expect(card.getByTestId('autopay-state')).toHaveText('Paused');
  await expect(card.getByRole('link', { name: 'renew with a one-time payment' })).toHaveAttribute('href', /\/onboarding\/payment\?plan=growth&period=month$/);
  await card.getByRole('button', { name: 'Cancel Autopay' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel Autopay' }).click();
  await expect(card.getByTestId('autopay-state')).toHaveText('Cancelled');
  expect(await rows('select state from public.mandates where workspace_id = $1', [workspaceId])).toEqual([{ state: 'revoked' }]);
});
