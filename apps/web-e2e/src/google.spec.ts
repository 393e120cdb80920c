import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';
import { rows, workspaceOf } from './support/db';
import { signUp } from './support/paid-founder';
import { seedOnboardedWorkspace } from './support/seed';

// Issue #15 item 4: "Continue with Google" through the auth server (PKCE) and the sandbox's Google consent page.
const seriousAxe = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);

/** From the app's log-in or sign-up page to Google's consent page, then "Use another account". */
async function continueWithGoogle(page: Page, account: { email: string; name: string }): Promise<void> {
  await page.getByRole('button', { name: 'Continue with Google' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in with Google' })).toBeVisible();
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Name').fill(account.name);
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
}

test.describe('Google sign-in', () => {
  test('a new user continues with Google through the consent page and lands in the app', async ({ page }) => {
    const email = `google-new-${Date.now()}@gmail.com`;
    await page.goto('/signup');
    await page.getByRole('button', { name: 'Continue with Google' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in with Google' })).toBeVisible();
    expect(await seriousAxe(page), 'consent page: axe').toEqual([]);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Name').fill('Meera Google');
    await page.getByRole('button', { name: 'Continue', exact: true }).click();

    // New account, no plan yet: the app's next step is the plan page, signed in as the Google address.
    await expect(page).toHaveURL(/\/onboarding\/payment$/);
    await expect(page.getByTestId('user-email')).toHaveText(email);
    const [profile] = await rows<{ full_name: string }>('select full_name from public.users where email = $1', [email]);
    expect(profile.full_name).toBe('Meera Google');
    await workspaceOf(email);

    // A reload keeps the session (supabase-js stored it after the code exchange).
    await page.reload();
    await expect(page.getByTestId('user-email')).toHaveText(email);
  });

  test('an existing email/password user signs in with Google and gets the same workspace', async ({ page }) => {
    const email = await signUp(page, 'google-linked');
    await seedOnboardedWorkspace(email);
    const before = await workspaceOf(email);
    await page.goto('/app/dashboard');
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/login$/);

    await continueWithGoogle(page, { email, name: 'Asha Founder' });
    await expect(page).toHaveURL(/\/app\/dashboard$/);
    await expect(page.getByTestId('user-email')).toHaveText(email);
    expect(await workspaceOf(email)).toEqual(before);
    const providers = await rows<{ providers: string[] }>(`select raw_app_meta_data -> 'providers' as providers from auth.users where email = $1`, [email]);
    expect(providers).toEqual([{ providers: ['email', 'google'] }]);
  });

  test('Cancel on the consent page comes back with a clear message and a way to log in', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'Continue with Google' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page).toHaveURL(/\/auth\/callback\?error=access_denied/);
    await expect(page.getByRole('alert')).toHaveText('Google sign-in was cancelled. Try again, or log in with your email and password.');
    expect(await seriousAxe(page), 'callback page: axe').toEqual([]);
    await page.getByRole('link', { name: 'Back to log in' }).click();
    await expect(page).toHaveURL(/\/login$/);
  });
});

// Issue #15: a Google-only user has no password to type again, so deleting the account asks for a mailed code instead.
const sandbox = `http://127.0.0.1:${process.env['SANDBOX_PORT'] ?? 54400}`;

/** The 6-digit code of the newest sign-in mail to this address, read from the stand-in's inbox ('' while none). */
async function mailedCode(email: string): Promise<string> {
  const mails: { subject: string; text: string }[] = await (await fetch(`${sandbox}/resend/__sandbox/emails?to=${encodeURIComponent(email)}`)).json();
  const mail = mails.find((m) => m.subject === 'Your sign-in link');
  return /code: (\d{6})/.exec(mail?.text ?? '')?.[1] ?? '';
}

test('a Google-only user deletes the account with the code from the mail, a wrong code deleting nothing', async ({ page }) => {
  const email = `google-delete-${Date.now()}@gmail.com`;
  await page.goto('/login');
  await continueWithGoogle(page, { email, name: 'Meera Google' });
  await expect(page).toHaveURL(/\/onboarding\/payment$/);
  await seedOnboardedWorkspace(email);

  await page.goto('/app/settings');
  const section = page.locator('rf-delete-account');
  await expect(section.getByText('You sign in without a password, so we email you a 6-digit code')).toBeVisible();
  await expect(page.getByTestId('delete-password')).toHaveCount(0);
  await page.getByTestId('delete-confirm').fill(email);
  await expect(page.getByTestId('delete-account')).toBeDisabled();
  await section.getByRole('button', { name: 'Email me a code' }).click();
  await expect(section.getByRole('status')).toHaveText(`We emailed a 6-digit code to ${email}. It confirms it is you.`);
  let code = '';
  await expect.poll(async () => (code = await mailedCode(email))).toMatch(/^\d{6}$/);
  expect((await new AxeBuilder({ page }).include('rf-delete-account').analyze()).violations.map((v) => v.id)).toEqual([]);

  // A wrong code: said at the field, and the account stays.
  await page.getByTestId('delete-code').fill(code === '000000' ? '111111' : '000000');
  await page.getByTestId('delete-account').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete my account' }).click();
  await expect(section.locator('mat-error')).toContainText('That code is wrong or has expired');
  expect(await rows('select 1 from auth.users where email = $1', [email])).toHaveLength(1);

  // The right one, by keyboard: Enter submits the form.
  await page.getByTestId('delete-code').fill(code);
  await page.getByTestId('delete-code').press('Enter');
  await page.getByRole('dialog').getByRole('button', { name: 'Delete my account' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(await rows('select 1 from auth.users where email = $1', [email])).toEqual([]);
});
