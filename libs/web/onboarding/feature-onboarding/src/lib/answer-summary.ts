import type { OnboardingField } from '@raptorflow/contracts';

function optionLabel(field: OnboardingField, value: unknown): string {
  return field.options?.find((option) => option.value === value)?.label ?? String(value);
}

/** One answer as a line of text for the review page ('' when unanswered). */
export function summarize(field: OnboardingField, value: unknown): string {
  if (value === undefined || value === null || value === '') return '';
  switch (field.type) {
    case 'select':
      return optionLabel(field, value);
    case 'multiselect':
      return (value as unknown[]).map((v) => optionLabel(field, v)).join(', ');
    case 'boolean':
      return value === true ? 'Yes' : 'No';
    case 'list':
      return (value as unknown[]).join('; ');
    case 'group-list':
      return (value as Record<string, unknown>[])
        .map((item) =>
          (field.fields ?? [])
            .map((sub) => summarize(sub, item[sub.key]))
            .filter(Boolean)
            .slice(0, 2)
            .join(' · '),
        )
        .join('; ');
    default:
      return String(value);
  }
}
