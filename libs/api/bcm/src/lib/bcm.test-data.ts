// Test builders for the BCM specs (not exported from the library).
import { BusinessContextData, ONBOARDING_STEPS, OnboardingField, SAMPLE_BUSINESS_CONTEXT } from '@raptorflow/contracts';

export const STAMP = { version: 4, sourceContextVersion: 7, generatedAt: '2026-01-15T10:00:00.000Z' };

// The checksum of buildBcm(sampleContext(), STAMP), computed outside our code: the manifest without checksum and
// generatedAt through Python's json.dumps(m, sort_keys=True, separators=(',', ':'), ensure_ascii=False), then sha256.
// A change to what the builder produces changes it: recompute it the same way.
export const SAMPLE_CHECKSUM = '67294d60546c7d966893f650634b9800e6a0435ec96558d29e10197e67f0def5';

export function sampleContext(): BusinessContextData {
  return JSON.parse(JSON.stringify(SAMPLE_BUSINESS_CONTEXT)) as BusinessContextData;
}

/** `word`s joined by spaces, exactly `length` characters (code points) long, starting with `prefix`. */
function filler(length: number, word: string, prefix = ''): string {
  let text = prefix;
  while (Array.from(text).length < length) text += (text ? ' ' : '') + word;
  return Array.from(text).slice(0, length).join('').replace(/\s$/, 'x');
}

// Every generated text starts with a unique tag, so de-duplication never shrinks the maximal context.
let tag = 0;

function maximalValue(field: OnboardingField, word: string, index: number): unknown {
  switch (field.type) {
    case 'text':
    case 'textarea':
      return filler(field.maxLength ?? 100, word, `t${tag++}`);
    case 'url': {
      const base = `https://example${index}.com/`;
      return base + 'a'.repeat((field.maxLength ?? 2048) - base.length);
    }
    case 'number':
    case 'integer':
      return field.max ?? 1000;
    case 'boolean':
      return true;
    case 'date':
      return '2026-12-31';
    case 'select':
      return field.options?.[index % field.options.length]?.value;
    case 'multiselect':
      return (field.options ?? []).slice(0, field.maxItems).map((option) => option.value);
    case 'list':
      return Array.from({ length: field.maxItems ?? 5 }, () => filler(field.maxLength ?? 100, word, `t${tag++}`));
    case 'group-list':
      return Array.from({ length: field.maxItems ?? 5 }, (_, i) =>
        Object.fromEntries((field.fields ?? []).map((sub) => [sub.key, maximalValue(sub, word, i)])),
      );
  }
}

/** Every step answered, every list at its maximum, every text at its maximum length. */
export function maximalContext(word = 'lorem'): BusinessContextData {
  tag = 0;
  return Object.fromEntries(
    ONBOARDING_STEPS.map((step) => [step.id, Object.fromEntries(step.fields.map((field) => [field.key, maximalValue(field, word, 0)]))]),
  ) as unknown as BusinessContextData;
}
