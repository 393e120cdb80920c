import { type Page, expect, test } from '@playwright/test';

// One account per run, so reruns never collide with an existing user.
const email = `founder-${Date.now()}@example.com`;
const password = 'correct-horse-42';

async function logIn(page: Page, withPassword: string) {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(withPassword);
  await page.getByRole('button', { name: 'Log in', exact: true }).click();
}

test.describe.serial('sign-up, log-out and log-in', () => {
  test('a new founder signs up and lands on the payment page', async ({ page }) => {
    await page.goto('/signup');
    await page.getByLabel('Full name').fill('Asha Founder');
    await page.getByLabel('Email', { exact: true }).fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Create account' }).click();

    await expect(page).toHaveURL(/\/onboarding\/payment$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose your plan');
    await expect(page.getByTestId('user-email')).toHaveText(email);
  });

  test('logging out and in again returns to the same place', async ({ page }) => {
    await logIn(page, password);
    await expect(page).toHaveURL(/\/onboarding\/payment$/);

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/login$/);

    await logIn(page, password);
    await expect(page).toHaveURL(/\/onboarding\/payment$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose your plan');
  });

  test('the session survives a reload and keeps the user off pages ahead of their state', async ({ page }) => {
    await logIn(page, password);
    await expect(page).toHaveURL(/\/onboarding\/payment$/);
    await page.goto('/app/dashboard');
    await expect(page).toHaveURL(/\/onboarding\/payment$/);
    await page.goto('/login');
    await expect(page).toHaveURL(/\/onboarding\/payment$/);
  });

  test('a wrong password says so', async ({ page }) => {
    await logIn(page, 'not-the-password');
    await expect(page.getByRole('alert')).toHaveText('Wrong email or password');
    await expect(page).toHaveURL(/\/login$/);
  });
});

test('a signed-out visit to the dashboard goes to the login page', async ({ page }) => {
  await page.goto('/app/dashboard');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log in');
});
