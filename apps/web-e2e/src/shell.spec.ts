import { expect, test } from '@playwright/test';

test('the status page reports the API, Postgres and Redis as up', async ({ page }) => {
  await page.goto('/status');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('System status');
  await expect(page.getByText('postgres: up')).toBeVisible();
  await expect(page.getByText('redis: up')).toBeVisible();
});

test('the landing page says what the product does and offers a way in, without the status card', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('marketing operating system');
  await expect(page.getByRole('link', { name: 'Start now' }).first()).toHaveAttribute('href', '/signup');
  await expect(page.getByRole('main').getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
  await expect(page.getByTestId('landing-price-starter')).toHaveText('₹4,999');
  await expect(page.getByTestId('landing-price-pro')).toHaveText('₹19,999');
  await expect(page.getByText('Prices are inclusive of 18% GST')).toBeVisible();
  await expect(page.getByText('postgres: up')).toHaveCount(0);
});
