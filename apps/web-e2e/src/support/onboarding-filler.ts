import { type Locator, type Page, expect } from '@playwright/test';
import { ONBOARDING_STEPS, SAMPLE_BUSINESS_CONTEXT, type OnboardingField, type OnboardingStep } from '@raptorflow/contracts';

function at(scope: Page | Locator, path: string): Locator {
  return scope.locator(`[data-field-path="${path}"]`).first();
}

/** Fills one catalog field in the wizard the way a person would (by its rendered control). */
async function fillField(form: Locator, field: OnboardingField, path: string, value: unknown): Promise<void> {
  if (value === undefined || value === null) return;
  const root = at(form, path);
  switch (field.type) {
    case 'select':
      await root.locator('select').selectOption(String(value));
      return;
    case 'multiselect':
      for (const item of value as string[]) {
        const label = field.options?.find((o) => o.value === item)?.label ?? item;
        await root.getByRole('checkbox', { name: label, exact: true }).check();
      }
      return;
    case 'boolean':
      if (value === true) await root.getByRole('checkbox').check();
      return;
    case 'list': {
      const items = value as string[];
      for (let i = 0; i < items.length; i++) {
        if ((await root.locator(`[data-field-path="${path}[${i}]"]`).count()) === 0) await root.getByRole('button', { name: /^Add / }).last().click();
        await at(root, `${path}[${i}]`).locator('input').fill(items[i]);
      }
      return;
    }
    case 'group-list': {
      const items = value as Record<string, unknown>[];
      for (let i = 0; i < items.length; i++) {
        if ((await root.locator(`[data-field-path="${path}[${i}].${field.fields?.[0]?.key}"]`).count()) === 0) {
          await root.getByRole('button', { name: `Add ${field.label.toLowerCase()}`, exact: true }).click();
        }
        for (const sub of field.fields ?? []) await fillField(form, sub, `${path}[${i}].${sub.key}`, items[i][sub.key]);
      }
      return;
    }
    default:
      await root.locator('input, textarea').first().fill(String(value));
  }
}

/** Fills a step from its sample answers and moves on with Next (or "Review answers" on the last step). */
export async function fillStep(page: Page, step: OnboardingStep, answers: Record<string, unknown> | undefined): Promise<void> {
  await expect(page.getByTestId('step-position')).toHaveText(new RegExp(`^Step ${step.number} of 23 · `));
  const form = page.getByRole('form', { name: step.title });
  for (const field of step.fields) await fillField(form, field, field.key, answers?.[field.key]);
  await form.getByRole('button', { name: step.number === 23 ? 'Review answers' : 'Next', exact: true }).click();
}

const sample = SAMPLE_BUSINESS_CONTEXT as unknown as Record<string, Record<string, unknown> | undefined>;

/** Fills steps `from`..`to` (1-based, inclusive) with the sample business's answers. */
export async function fillSampleSteps(page: Page, from: number, to: number): Promise<void> {
  for (const step of ONBOARDING_STEPS.slice(from - 1, to)) await fillStep(page, step, sample[step.id]);
}

/** From the review page: finalizes and waits for the dashboard. */
export async function finalize(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Review your answers' })).toBeVisible();
  await page.getByRole('button', { name: 'Finalize' }).click();
  await expect(page).toHaveURL(/\/app\/dashboard$/, { timeout: 30_000 });
}
