import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { generateSync } from 'otplib';
import { checkOutGrowthMonthly, payAndContinue, signUp } from './support/paid-founder';
import { seedOnboardedWorkspace } from './support/seed';

test('an operator finds a founder by e-mail, reads the payment story, refunds part of it with a reason and sees it audited', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const founderEmail = await signUp(page, 'refundee');
  await checkOutGrowthMonthly(page);
  await payAndContinue(page);
  // Not an operator: /ops is like any unknown URL.
  await page.goto('/ops');
  await expect(page).not.toHaveURL(/\/ops/);

  const opsContext = await browser.newContext();
  const ops = await opsContext.newPage();
  const opsEmail = await signUp(ops, 'operator');
  // As an operator is granted in production: the CLI, against this run's database (DATABASE_URL).
  expect(execFileSync('npx', ['tsx', 'tools/operator.ts', 'grant', opsEmail], { encoding: 'utf8' })).toContain(`${opsEmail} is an operator`);
  // Operators must use two-factor authentication: without it /ops sends them to Settings to set it up.
  await seedOnboardedWorkspace(opsEmail);
  await ops.goto('/ops');
  await expect(ops).toHaveURL(/\/app\/settings$/);
  const twoFactor = ops.locator('rf-two-factor-settings');
  await twoFactor.getByRole('button', { name: 'Set up authenticator app' }).click();
  const secret = (await twoFactor.getByTestId('totp-secret').textContent())?.trim() ?? '';
  await twoFactor.getByTestId('totp-activate-code').fill(generateSync({ secret }));
  await twoFactor.getByRole('button', { name: 'Activate' }).click();
  await expect(twoFactor.getByTestId('two-factor-notice')).toContainText('Two-factor authentication is on');
  await ops.goto('/ops');
  await expect(ops.getByRole('heading', { level: 1 })).toHaveText('Operator console');

  await ops.getByTestId('ops-search').fill(founderEmail);
  await ops.getByRole('button', { name: 'Search' }).click();
  await ops.getByTestId('ops-hits').getByRole('link', { name: new RegExp(founderEmail.replace(/[.+]/g, '\\$&')) }).click();
  await expect(ops.getByTestId('ops-subscription')).toContainText('growth (month), active');
  await ops.getByRole('link', { name: /^RF_/ }).click();

  await expect(ops.getByTestId('ops-payment-state')).toHaveText('COMPLETED');
  const events = ops.getByTestId('ops-events');
  await expect(events).toContainText('Checkout requested');
  await expect(events).toContainText('authorization verified');
  await expect(events).toContainText('Payment: PENDING → COMPLETED');

  await ops.getByTestId('ops-reason').fill('Founder asked for a partial refund');
  await ops.getByTestId('ops-refund-amount').fill('1000');
  await ops.getByRole('button', { name: 'Refund', exact: true }).click();
  await expect(ops.getByTestId('ops-notice')).toContainText('of ₹1,000 is');
  await expect.poll(async () => (await ops.reload(), ops.getByTestId('ops-refunded').textContent()), { timeout: 30_000 }).toBe('₹1,000');

  await ops.getByRole('link', { name: 'Audit trail' }).click();
  const audit = ops.getByTestId('ops-audit');
  await expect(audit).toContainText('payment.refund');
  await expect(audit).toContainText('Founder asked for a partial refund');
  await expect(audit).toContainText(opsEmail);
  await ops.getByRole('link', { name: 'Queues' }).click();
  await expect(ops.getByTestId('ops-queues')).toContainText('payment-reconcile');
  await opsContext.close();

  // The founder sees the refund in Settings' billing history: the status, the amount and its credit note.
  await seedOnboardedWorkspace(founderEmail);
  await page.goto('/app/settings');
  const history = page.getByRole('table', { name: 'Billing history' });
  await expect(history).toContainText('Partly refunded');
  await expect(history.getByRole('row').nth(1)).toContainText(/₹9,999(\.00)?\s*Partly refunded\s*₹1,000/);
  const creditNote = page.getByRole('button', { name: /^Download credit note CN\// });
  await expect.poll(async () => (await creditNote.count()) || (await page.reload(), 0), { timeout: 30_000 }).toBe(1);
});
