import { type Page, expect, test } from '@playwright/test';

// Issue #15 part 1: confirmation on, as on a Supabase project. The e2e stack autoconfirms for the other specs, so
// this file switches it off through the stand-in's control route and back on afterwards (specs run one at a time).
const sandbox = `http://127.0.0.1:${process.env['SANDBOX_PORT'] ?? 54400}`;
const password = 'correct-horse-42';

async function setAutoconfirm(enabled: boolean): Promise<void> {
  const response = await fetch(`${sandbox}/auth/v1/__sandbox/autoconfirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ enabled }) });
  expect(response.ok).toBe(true);
}

async function signUp(page: Page, email: string): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Full name').fill('Meera Confirm');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

test.describe.serial('e-mail confirmation', () => {
  test.beforeAll(() => setAutoconfirm(false));
  test.afterAll(() => setAutoconfirm(true));

  test('sign up, read the mail in the local inbox, follow the link and land signed in', async ({ page }) => {
    const email = `confirm-${Date.now()}@example.com`;
    await signUp(page, email);
    await expect(page).toHaveURL(/\/unconfirmed\?email=/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm your email');
    await expect(page.getByTestId('unconfirmed-email')).toHaveText(email);

    // The mail was sent a moment ago: asking again at once meets the auth server's per-user limit, and says so.
    await page.getByRole('button', { name: 'Send the link again' }).click();
    await expect(page.getByRole('alert')).toHaveText('Too many emails sent. Wait a few minutes and try again.');

    // Logging in before confirming comes back to the same page.
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await expect(page).toHaveURL(/\/unconfirmed\?email=/);

    // The stand-in's inbox page lists the mail; its link opens /verify in the app.
    await page.goto(`${sandbox}/resend/outbox`);
    const row = page.getByRole('row').filter({ hasText: email });
    await expect(row).toContainText('Confirm your email address');
    await row.getByRole('link', { name: 'HTML' }).click();
    const confirm = page.getByRole('link', { name: 'Confirm email address' });
    const href = (await confirm.getAttribute('href')) as string;
    expect(new URL(href).pathname).toBe('/verify');
    await page.goto(href);

    await expect(page).toHaveURL(/\/onboarding\/payment$/);
    await expect(page.getByTestId('user-email')).toHaveText(email);

    // The link works once.
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto(href);
    await expect(page.getByRole('alert')).toHaveText('This link has expired or was already used. Log in, or ask for a new link.');

    // Confirmed: the password now logs in.
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await expect(page).toHaveURL(/\/onboarding\/payment$/);
  });
});
