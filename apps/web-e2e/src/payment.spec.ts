import { expect, test } from '@playwright/test';
import { rows, workspaceOf } from './support/db';
import { checkOutGrowthMonthly, payAndContinue, signUp } from './support/paid-founder';

// The happy path is in journey.spec.ts; these are the ways a payment goes wrong.
const phonepeControl = `http://127.0.0.1:${process.env['SANDBOX_PORT'] ?? 54400}/phonepe/__sandbox`;

async function sandbox(path: string, body?: object): Promise<unknown> {
  const response = await fetch(`${phonepeControl}${path}`, body ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : undefined);
  expect(response.ok, `PhonePe sandbox ${path}`).toBe(true);
  return response.json();
}

interface PaymentRow {
  merchant_order_id: string;
  state: string;
  error_code: string | null;
  /** completed_at - created_at, in ms. */
  settled_after_ms: number | null;
}

const paymentsOf = async (email: string) =>
  rows<PaymentRow>(
    `select merchant_order_id, state, error_code, (extract(epoch from completed_at - created_at) * 1000)::int as settled_after_ms
     from public.payment_transactions where workspace_id = $1 order by created_at`,
    [(await workspaceOf(email)).workspaceId],
  );

const subscriptionOf = async (email: string) =>
  rows<{ plan_id: string; status: string }>('select plan_id, status from public.subscriptions where workspace_id = $1', [(await workspaceOf(email)).workspaceId]);

const webhooksReceived = (merchantOrderId: string) => rows('select event, state from public.webhook_events where merchant_order_id = $1', [merchantOrderId]);

test('a failed payment can be retried with the same plan', async ({ page }) => {
  const email = await signUp(page, 'retrier');
  await checkOutGrowthMonthly(page);
  await page.getByRole('button', { name: 'Fail payment' }).click();

  await expect(page).toHaveURL(/\/onboarding\/payment\/return\?order=/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Payment failed', { timeout: 30_000 });
  await expect(page.getByRole('alert')).not.toBeEmpty();
  expect(await paymentsOf(email)).toMatchObject([{ state: 'FAILED' }]);
  expect(await subscriptionOf(email)).toEqual([]);
  await page.getByRole('link', { name: 'Try again' }).click();

  await expect(page).toHaveURL(/\/onboarding\/payment\?plan=growth&period=month$/);
  await expect(page.getByRole('radio', { name: 'Growth' })).toBeChecked();
  await expect(page.getByRole('table', { name: 'Billing history' })).toContainText('Failed');
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  await expect(page.getByRole('heading', { name: 'PhonePe (sandbox)' })).toBeVisible();
  await payAndContinue(page);

  // Two orders: the failed one stays failed, the retry paid for the plan.
  expect(await paymentsOf(email)).toMatchObject([{ state: 'FAILED' }, { state: 'COMPLETED', error_code: null }]);
  expect(await subscriptionOf(email)).toEqual([{ plan_id: 'growth', status: 'active' }]);
});

test.describe('PhonePe never sends the webhook', () => {
  test.beforeEach(() => sandbox('/webhook', { mode: 'drop' }));
  test.afterEach(() => sandbox('/webhook', { mode: 'normal' }));

  test('the founder who comes back sees success: the return page asks PhonePe for the order status', async ({ page }) => {
    const email = await signUp(page, 'nohook');
    await checkOutGrowthMonthly(page);
    await payAndContinue(page);

    const [payment] = await paymentsOf(email);
    expect(payment).toMatchObject({ state: 'COMPLETED' });
    // Settled by the API's status check while the return page polled, before the worker's first poll (20 s in).
    expect(payment.settled_after_ms).toBeLessThan(20_000);
    expect(await subscriptionOf(email)).toEqual([{ plan_id: 'growth', status: 'active' }]);
    expect(await webhooksReceived(payment.merchant_order_id)).toEqual([]);
    expect(await sandbox(`/webhooks?merchantOrderId=${payment.merchant_order_id}&wait=true`)).toMatchObject([{ event: 'checkout.order.completed', outcome: 'dropped' }]);
  });

  test('the founder who closes the tab after paying is settled by the worker, and finds the app paid later', async ({ page }) => {
    test.setTimeout(90_000);
    const email = await signUp(page, 'gone');
    await checkOutGrowthMonthly(page);
    // Paid at PhonePe (as the hosted page's button does), but the browser never follows the redirect back.
    const orderId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() as string);
    await page.goto('about:blank');
    await sandbox(`/orders/${encodeURIComponent(orderId)}/complete`, { outcome: 'success' });

    // The worker's reconcile job asks PhonePe ~20 s after checkout (payments.jobs.ts) and settles the order.
    await expect.poll(async () => (await paymentsOf(email))[0]?.state, { timeout: 60_000, intervals: [1000] }).toBe('COMPLETED');
    const [payment] = await paymentsOf(email);
    expect(payment.settled_after_ms).toBeGreaterThanOrEqual(19_000);
    expect(await subscriptionOf(email)).toEqual([{ plan_id: 'growth', status: 'active' }]);
    expect(await webhooksReceived(payment.merchant_order_id)).toEqual([]);

    await page.goto('/onboarding/payment');
    await expect(page).toHaveURL(/\/onboarding(\?.*)?$/);
    await expect(page.getByTestId('step-position')).toHaveText('Step 1 of 23 · Company');
  });
});
