import { type AbstractControl, FormArray, FormControl, FormGroup } from '@angular/forms';
import { type OnboardingField, type OnboardingFieldError, type OnboardingStep, type StepAnswers, normalizeAnswers } from '@raptorflow/contracts';

type Value = unknown;

/** A control for one catalog field, filled with a saved answer. Lists start with one empty row to type into. */
export function controlFor(field: OnboardingField, value: Value): AbstractControl {
  switch (field.type) {
    case 'number':
    case 'integer':
      return new FormControl<number | null>(typeof value === 'number' ? value : null);
    case 'multiselect':
      return new FormControl<string[]>(Array.isArray(value) ? (value as string[]) : [], { nonNullable: true });
    case 'boolean':
      return new FormControl<boolean>(value === true, { nonNullable: true });
    case 'list': {
      const items = Array.isArray(value) && value.length ? (value as string[]) : [''];
      return new FormArray(items.map((item) => new FormControl<string>(String(item ?? ''), { nonNullable: true })));
    }
    case 'group-list': {
      const items = Array.isArray(value) ? (value as Record<string, Value>[]) : [];
      const rows = items.length || !field.required ? items : [{}];
      return new FormArray(rows.map((item) => groupFor(field.fields ?? [], item)));
    }
    default:
      return new FormControl<string>(typeof value === 'string' ? value : '', { nonNullable: true });
  }
}

export function groupFor(fields: readonly OnboardingField[], value: Record<string, Value> | undefined): FormGroup<Record<string, AbstractControl>> {
  const controls: Record<string, AbstractControl> = {};
  for (const field of fields) controls[field.key] = controlFor(field, value?.[field.key]);
  return new FormGroup(controls);
}

export function buildStepForm(step: OnboardingStep, answers: StepAnswers | undefined): FormGroup<Record<string, AbstractControl>> {
  return groupFor(step.fields, answers as Record<string, Value> | undefined);
}

/** The answers to send: blanks dropped, an unticked confirmation left out (it only accepts `true`). */
export function answersOf(step: OnboardingStep, form: FormGroup): StepAnswers {
  const raw = form.getRawValue() as Record<string, Value>;
  for (const field of step.fields) if (field.type === 'boolean' && raw[field.key] !== true) delete raw[field.key];
  return normalizeAnswers(raw) as StepAnswers;
}

/** Field errors keyed by their path inside the step ('companyName', 'competitors[2].name'); the first message wins. */
export function errorMap(stepId: string, errors: readonly OnboardingFieldError[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const error of errors) {
    if (error.stepId !== stepId) continue;
    const path = error.path === stepId ? '' : error.path.slice(stepId.length + 1);
    map[path] ??= error.message;
  }
  return map;
}
