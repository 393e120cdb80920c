import { expect, test } from '@playwright/test';
import { signUp } from './support/paid-founder';

// Issue #15 part 2: "Forgot password?" -> mail in the stand-in's inbox -> the link -> a new password -> logged in.
const sandbox = `http://127.0.0.1:${process.env['SANDBOX_PORT'] ?? 54400}`;

test('a founder who forgot the password resets it from the mailed link and logs in with the new one', async ({ page }) => {
  const email = await signUp(page, 'recover');
  await expect(page).toHaveURL(/\/onboarding\/payment$/);
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);

  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page).toHaveURL(/\/recover$/);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('status')).toContainText(`If an account exists for ${email}`);

  await page.goto(`${sandbox}/resend/outbox`);
  const row = page.getByRole('row').filter({ hasText: email }).filter({ hasText: 'Reset your password' });
  await row.getByRole('link', { name: 'HTML' }).click();
  const href = (await page.getByRole('link', { name: 'Reset password' }).getAttribute('href')) as string;
  await page.goto(href);

  await expect(page).toHaveURL(/\/reset-password$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a new password');
  const field = page.getByLabel('New password', { exact: true });
  await field.fill('short');
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page.getByText('Use at least 8 characters')).toBeVisible();
  await field.fill('a-whole-new-password');
  await page.getByRole('button', { name: 'Save password' }).click();
  await expect(page).toHaveURL(/\/onboarding\/payment$/);

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill('a-whole-new-password');
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(page).toHaveURL(/\/onboarding\/payment$/);
});
