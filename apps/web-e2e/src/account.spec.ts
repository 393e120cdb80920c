import { type Page, expect, test } from '@playwright/test';
import { signUp } from './support/paid-founder';
import { seedOnboardedWorkspace } from './support/seed';

// Issue #15 items 2, 3 and 8: passwordless sign-in from the local inbox, a password change in Settings, and
// "Sign out of all other sessions" reaching another browser.
const sandbox = `http://127.0.0.1:${process.env['SANDBOX_PORT'] ?? 54400}`;
const password = 'correct-horse-42';

async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
}

/** On the log-in page: asks for a sign-in mail and lands on the code page. */
async function requestSignInMail(page: Page, email: string): Promise<void> {
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link or code' }).click();
  await expect(page).toHaveURL(/\/login\/code\?email=/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
}

/** Opens the newest mail with this subject to the address in the stand-in's outbox page (HTML view). */
async function openMail(page: Page, email: string, subject: string): Promise<void> {
  await page.goto(`${sandbox}/resend/outbox`);
  await page.getByRole('row').filter({ hasText: email }).filter({ hasText: subject }).first().getByRole('link', { name: 'HTML' }).click();
}

async function logIn(page: Page, email: string, withPassword: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(withPassword);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

test('a founder signs in with the link from the sign-in mail', async ({ page }) => {
  const email = await signUp(page, 'magic');
  await logOut(page);
  await requestSignInMail(page, email);

  await openMail(page, email, 'Your sign-in link');
  const href = (await page.getByRole('link', { name: 'Sign in' }).getAttribute('href')) as string;
  expect(new URL(href).searchParams.get('type')).toBe('magiclink');
  await page.goto(href);
  await expect(page).toHaveURL(/\/onboarding\/payment$/);
});

test('a founder signs in with the 6-digit code from the sign-in mail; a wrong code says so', async ({ page }) => {
  const email = await signUp(page, 'code');
  await logOut(page);
  await requestSignInMail(page, email);
  const codePage = page.url();

  await openMail(page, email, 'Your sign-in link');
  const code = /code: (\d{6})/.exec((await page.locator('body').textContent()) ?? '')?.[1] as string;
  expect(code).toMatch(/^\d{6}$/);

  await page.goto(codePage);
  const field = page.getByLabel('6-digit code');
  await field.fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('That code is wrong or has expired');
  await field.fill(code);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/onboarding\/payment$/);
});

test('a founder changes the password in Settings and logs in with the new one', async ({ page }) => {
  const email = await signUp(page, 'newpass');
  await seedOnboardedWorkspace(email);
  await page.goto('/app/settings');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');

  const form = page.getByRole('form', { name: 'Change password' });
  await form.getByLabel('New password').fill('short');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByText('Use at least 8 characters')).toBeVisible();
  await form.getByLabel('New password').fill('a-brand-new-password');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Password changed' })).toBeVisible();

  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, email, password);
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password');
  await logIn(page, email, 'a-brand-new-password');
  await expect(page).toHaveURL(/\/app\/dashboard$/);
});

test('a founder changes the e-mail: pending until the link from the new inbox confirms it, then it signs in', async ({ page }) => {
  const email = await signUp(page, 'oldmail');
  await seedOnboardedWorkspace(email);
  const next = email.replace('oldmail-', 'newmail-');
  await page.goto('/app/settings');
  const form = page.getByRole('form', { name: 'Change email' });
  await form.getByLabel('New email').fill(next);
  await form.getByRole('button', { name: 'Send confirmation link' }).click();
  await expect(page.getByTestId('pending-email')).toContainText(`Pending: confirm at ${next}`);
  await expect(page.getByTestId('profile-email')).toHaveText(email);

  await openMail(page, next, 'Confirm your new email address');
  await page.goto((await page.getByRole('link', { name: 'Confirm new email address' }).getAttribute('href')) as string);
  await expect(page).toHaveURL(/\/app\/dashboard$/);
  await page.goto('/app/settings');
  await expect(page.getByTestId('profile-email')).toHaveText(next);
  await expect(page.getByTestId('pending-email')).toHaveCount(0);

  await page.getByRole('button', { name: 'Log out' }).click();
  await logIn(page, next, password);
  await expect(page).toHaveURL(/\/app\/dashboard$/);
});

test('"Sign out of all other sessions" signs another browser out at its next request', async ({ page, browser }) => {
  const email = await signUp(page, 'sessions');
  await seedOnboardedWorkspace(email);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  try {
    await logIn(otherPage, email, password);
    await expect(otherPage).toHaveURL(/\/app\/dashboard$/);

    await page.goto('/app/settings');
    const devices = page.getByTestId('account-session');
    await expect(devices).toHaveCount(2);
    await expect(devices.first()).toContainText('This device');
    await page.getByRole('button', { name: 'Sign out of all other sessions' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sign out others' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Signed out of all other sessions.' })).toBeVisible();
    await expect(devices).toHaveCount(1);

    // The other browser still shows the app; its next API call finds the session ended and it goes to log in.
    await otherPage.getByRole('link', { name: 'Settings' }).click();
    await expect(otherPage).toHaveURL(/\/login$/);

    // This browser is still signed in.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  } finally {
    await other.close();
  }
});
