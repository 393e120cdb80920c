import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';
import { generateSync } from 'otplib';
import { rows } from './support/db';
import { signUp } from './support/paid-founder';
import { seedOnboardedWorkspace } from './support/seed';

const PASSWORD = 'correct-horse-42';

// A code of the authenticator app, computed from the key Settings shows; `stepsAgo` gives an outdated (wrong) one.
const code = (secret: string, stepsAgo = 0) => generateSync({ secret, epoch: Date.now() / 1000 - stepsAgo * 30 });

// Phone width: nothing wider than the screen, and no serious axe findings in what this feature adds.
async function checkAccessible(page: Page, scope: string): Promise<void> {
  const size = await page.evaluate(() => ({ document: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(size.document).toBe(size.viewport);
  const axe = await new AxeBuilder({ page }).include(scope).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
}

async function logIn(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

test('a founder turns on two-factor authentication in Settings, logs in again with a code, and confirms account deletion with one', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 360, height: 800 });
  const email = await signUp(page, 'twofactor');
  await seedOnboardedWorkspace(email);
  await page.goto('/app/settings');

  const section = page.locator('rf-two-factor-settings');
  await expect(section.getByRole('heading', { name: 'Two-factor authentication' })).toBeVisible();
  await expect(section).toContainText('Off.');
  await section.getByRole('button', { name: 'Set up authenticator app' }).click();
  const qr = section.getByRole('img', { name: /QR code/ });
  await expect(qr).toBeVisible();
  expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const secret = (await section.getByTestId('totp-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await checkAccessible(page, 'rf-two-factor-settings');

  // A wrong code does not activate it.
  await section.getByTestId('totp-activate-code').fill(code(secret, 20));
  await section.getByRole('button', { name: 'Activate' }).click();
  await expect(section.getByRole('alert')).toContainText('That code is not right');
  await section.getByTestId('totp-activate-code').fill(code(secret));
  await section.getByRole('button', { name: 'Activate' }).click();
  await expect(section.getByTestId('two-factor-notice')).toContainText('Two-factor authentication is on');
  await expect(section.getByTestId('two-factor-factors')).toContainText('My phone');
  expect(await rows(`select f.status::text as status from auth.mfa_factors f join auth.users u on u.id = f.user_id where u.email = $1`, [email])).toEqual([{ status: 'verified' }]);

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await logIn(page, email);
  // The password alone does not open the app.
  await expect(page).toHaveURL(/\/two-factor$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Two-factor authentication');
  await checkAccessible(page, 'rf-two-factor-page');
  await page.goto('/app/settings');
  await expect(page).toHaveURL(/\/two-factor$/);
  await page.getByTestId('two-factor-code').fill(code(secret, 20));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert')).toContainText('That code is not right');
  await page.getByTestId('two-factor-code').fill(code(secret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/app\/dashboard$/);

  // Deleting asks for the password again (a new, password-only sign-in), so the API asks for the code too.
  await page.goto('/app/settings');
  await page.getByTestId('delete-confirm').fill(email);
  await page.getByTestId('delete-password').fill(PASSWORD);
  await page.getByTestId('delete-account').click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete my account' }).click();
  const challenge = page.getByRole('dialog', { name: "Confirm it's you" });
  await expect(challenge).toBeVisible();
  await checkAccessible(page, 'rf-two-factor-dialog');
  await challenge.getByTestId('two-factor-code').fill(code(secret));
  await challenge.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(await rows('select 1 from auth.users where email = $1', [email])).toEqual([]);
});
