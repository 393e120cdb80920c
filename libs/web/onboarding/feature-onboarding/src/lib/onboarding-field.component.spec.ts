import { TestBed } from '@angular/core/testing';
import { FormGroup } from '@angular/forms';
import { type OnboardingField, findStep } from '@raptorflow/contracts';
import { OnboardingFieldComponent } from './onboarding-field.component';
import { controlFor } from './step-form.model';

function fieldOf(stepId: string, key: string): OnboardingField {
  return findStep(stepId)!.fields.find((f) => f.key === key)!;
}

describe('OnboardingFieldComponent', () => {
  async function render(field: OnboardingField, value?: unknown, errors: Record<string, string> = {}) {
    const control = controlFor(field, value);
    const fixture = TestBed.createComponent(OnboardingFieldComponent);
    fixture.componentRef.setInput('field', field);
    fixture.componentRef.setInput('control', control);
    fixture.componentRef.setInput('path', field.key);
    fixture.componentRef.setInput('errors', errors);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const settle = () => fixture.whenStable();
    return { el, control, settle };
  }

  function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  it.each([
    ['company', 'companyName', 'text', 'Ledgerly'],
    ['company', 'website', 'url', 'https://ledgerly.in'],
    ['problem', 'problemSolved', 'textarea', 'Manual GST matching'],
    ['goals', 'deadline', 'date', '2027-03-31'],
  ])('%s.%s (%s) binds typed text', async (stepId, key, inputType, text) => {
    const { el, control } = await render(fieldOf(stepId, key));
    const input = el.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea')!;
    if (inputType !== 'textarea') expect(input.getAttribute('type')).toBe(inputType);
    type(input, text);
    expect(control.value).toBe(text);
  });

  it.each([
    ['stage', 'teamSize', 9],
    ['resources', 'monthlyBudgetInr', 50000.5],
  ])('%s.%s (number/integer) gives a number', async (stepId, key, number) => {
    const { el, control } = await render(fieldOf(stepId, key));
    const input = el.querySelector('input')!;
    expect(input.type).toBe('number');
    type(input, String(number));
    expect(control.value).toBe(number);
  });

  it('select: shows the options by label and stores the value', async () => {
    const { el, control } = await render(fieldOf('company', 'industry'));
    const select = el.querySelector('select')!;
    expect(select.options[0].textContent).toBe('Choose…');
    select.value = 'fintech';
    select.dispatchEvent(new Event('change'));
    expect(control.value).toBe('fintech');
  });

  it('multiselect: one checkbox per option', async () => {
    const { el, control, settle } = await render(fieldOf('content', 'formats'), ['blog-post']);
    const boxes = el.querySelectorAll<HTMLInputElement>('input[type="checkbox"]');
    expect(boxes.length).toBe(12);
    expect(boxes[3].checked).toBe(true);
    boxes[0].click();
    await settle();
    expect(control.value).toEqual(['blog-post', 'social-post']);
  });

  it('boolean: a checkbox', async () => {
    const { el, control } = await render(fieldOf('review', 'confirmation'));
    el.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    expect(control.value).toBe(true);
  });

  it('list: add and remove strings, up to the maximum', async () => {
    const field = fieldOf('messaging', 'keyMessages');
    const { el, control, settle } = await render(field, ['One', 'Two']);
    const add = () => Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.startsWith('Add'))!;
    add().click();
    await settle();
    expect(control.value).toEqual(['One', 'Two', '']);
    expect(add().disabled).toBe(true);
    el.querySelector<HTMLButtonElement>('button[aria-label="Remove Key messages 1"]')!.click();
    await settle();
    expect(control.value).toEqual(['Two', '']);
  });

  it('group-list: repeating sub-forms with per-item errors', async () => {
    const field = fieldOf('competitors', 'competitors');
    const { el, control, settle } = await render(field, [{ name: 'ClearTax' }], { 'competitors[0].url': 'Must be a valid URL' });
    expect(el.querySelector('[data-field-path="competitors[0].url"]')?.textContent).toContain('Must be a valid URL');
    Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.startsWith('Add'))!.click();
    await settle();
    expect((control.value as unknown[]).length).toBe(2);
    expect(el.querySelectorAll('fieldset.rf-group').length).toBe(2);
    expect((control as unknown as { at: (i: number) => FormGroup }).at(1).controls['name'].value).toBe('');
  });

  it('shows the field message', async () => {
    const { el } = await render(fieldOf('company', 'companyName'), '', { companyName: 'Company name is required' });
    expect(el.querySelector('[role="alert"]')?.textContent).toContain('Company name is required');
  });

  // Our own error text is not a mat-error, so each control names it with aria-describedby (screen readers read it on focus).
  it.each([
    ['text', 'company', 'companyName', 'input'],
    ['select', 'company', 'industry', 'select'],
    ['number', 'company', 'foundedYear', 'input'],
  ])('links a %s control to its error text', async (_, stepId, key, selector) => {
    const { el } = await render(fieldOf(stepId, key), undefined, { [key]: 'Needs a fix' });
    const error = el.querySelector('.rf-error') as HTMLElement;
    expect(error.id).toBe(`rf-error-${key}`);
    expect(el.querySelector(selector)?.getAttribute('aria-describedby')?.split(' ')).toContain(error.id);
  });

  it('links a list item to its own error, and drops the link without an error', async () => {
    const { el } = await render(fieldOf('outcomes', 'outcomes'), ['One', 'Two'], { 'outcomes[1]': 'Too long' });
    const inputs = Array.from(el.querySelectorAll('input'));
    expect(inputs[1].getAttribute('aria-describedby')?.split(' ')).toContain('rf-error-outcomes-1');
    expect(el.querySelector('#rf-error-outcomes-1')?.textContent).toBe('Too long');
    expect(inputs[0].getAttribute('aria-describedby') ?? '').not.toContain('rf-error');
    const clean = await render(fieldOf('company', 'companyName'), '');
    expect(clean.el.querySelector('input')?.getAttribute('aria-describedby') ?? '').not.toContain('rf-error');
  });
});
