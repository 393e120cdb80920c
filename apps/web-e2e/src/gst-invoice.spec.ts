import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rows, workspaceOf } from './support/db';
import { checkOutGrowthMonthly, payAndContinue, signUp } from './support/paid-founder';
import { seedOnboardedWorkspace } from './support/seed';

test('a founder gives GST billing details (a wrong GSTIN is refused), pays, and downloads the tax invoice', async ({ page }) => {
  const email = await signUp(page, 'gst');
  await page.getByText('Need a GST invoice for your business?').click();
  const form = page.getByRole('form', { name: 'Billing details' });
  await form.getByLabel('Legal name').fill('Acme Analytics Private Limited');
  await form.getByLabel('Billing address').fill('12 MG Road, Pune 411001');
  await form.getByLabel('State').click();
  await page.getByRole('option', { name: 'Maharashtra (27)' }).click();
  await form.getByLabel('GSTIN (optional)').fill('27AAPFU0939F1ZW');
  await form.getByRole('button', { name: 'Save billing details' }).click();
  await expect(form).toContainText('The GSTIN’s last character does not match');
  expect(await rows('select 1 from public.workspace_billing_details where workspace_id = $1', [(await workspaceOf(email)).workspaceId])).toEqual([]);

  await form.getByLabel('GSTIN (optional)').fill('27AAPFU0939F1ZV');
  await expect(form).not.toContainText('does not match');
  await form.getByRole('button', { name: 'Save billing details' }).click();
  await expect(page.getByRole('status')).toContainText('Saved: your tax invoice will be made out to Acme Analytics Private Limited');

  await checkOutGrowthMonthly(page);
  await payAndContinue(page);
  const [invoice] = await rows<{ number: string }>(`select number from public.tax_documents where workspace_id = $1 and kind = 'invoice'`, [(await workspaceOf(email)).workspaceId]);
  expect(invoice.number).toMatch(/^RF\/\d\d-\d\d\/\d{6}$/);

  // Onboarding itself is the journey spec's; here the founder goes straight to Settings.
  await seedOnboardedWorkspace(email);
  await page.goto('/app/settings');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: `Download tax invoice ${invoice.number}` }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${invoice.number.replace(/\//g, '-')}.pdf`);
  const text = execFileSync('pdftotext', ['-', '-'], { input: readFileSync(await file.path()) }).toString();
  for (const field of ['TAX INVOICE', invoice.number, 'Acme Analytics Private Limited', 'GSTIN: 27AAPFU0939F1ZV', 'Place of supply: Maharashtra (27)', 'IGST @ 18%: INR 1,525.27', 'Total (paid): INR 9,999.00']) {
    expect(text).toContain(field);
  }
});
