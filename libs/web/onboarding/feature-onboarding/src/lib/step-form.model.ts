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

/** A step never answered starts from the catalog's defaults (country: India). */
export function buildStepForm(step: OnboardingStep, answers: StepAnswers | undefined): FormGroup<Record<string, AbstractControl>> {
  const defaults = Object.fromEntries(step.fields.filter((field) => field.initial !== undefined).map((field) => [field.key, field.initial]));
  return groupFor(step.fields, (answers ?? defaults) as Record<string, Value>);
}

/** The words an error summary uses for a path: 'Competitors 1: Name' for 'competitors[0].name'. */
export function errorLabel(step: OnboardingStep, path: string): string {
  const [, key = path, index, sub] = /^([^[.]+)(?:\[(\d+)\])?(?:\.(.+))?$/.exec(path) ?? [];
  const field = step.fields.find((f) => f.key === key);
  if (!field) return path;
  const item = index === undefined ? '' : ` ${Number(index) + 1}`;
  const subLabel = sub ? field.fields?.find((f) => f.key === sub)?.label : undefined;
  return `${field.label}${item}${subLabel ? `: ${subLabel}` : ''}`;
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
