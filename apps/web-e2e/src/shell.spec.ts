import { expect, test } from '@playwright/test';

test('the shell loads and reports the API, Postgres and Redis as up', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('marketing operating system');
  await expect(page.getByText('postgres: up')).toBeVisible();
  await expect(page.getByText('redis: up')).toBeVisible();
});
