// JSON Schema (draft-07, Ajv's default) derived from the catalog; nothing here repeats a field by hand.
import { ONBOARDING_STEPS, OnboardingField, OnboardingStep, StepId, findStep } from './onboarding.catalog';

/** Version of the business_context shape; bump when a stored context would no longer validate. */
export const SCHEMA_VERSION = 1;

export type JsonSchema = Record<string, unknown>;

export interface SchemaOptions {
  /** Draft mode: types and limits only; required fields, minimum item counts and confirmation are not enforced. */
  partial?: boolean;
}

// A required text must contain a non-space character.
const NON_BLANK = '\\S';
// http(s) with a dotted host name; format 'uri' checks the rest.
const HTTP_URL = '^https?://[^\\s/?#.]+(\\.[^\\s/?#.]+)+([/?#]|$)';

function fieldSchema(field: OnboardingField, partial: boolean): JsonSchema {
  const enforceRequired = field.required && !partial;
  switch (field.type) {
    case 'text':
    case 'textarea':
      return {
        type: 'string',
        ...(field.maxLength !== undefined && { maxLength: field.maxLength }),
        ...(enforceRequired && { minLength: 1, pattern: NON_BLANK }),
      };
    case 'url':
      return { type: 'string', format: 'uri', pattern: HTTP_URL, maxLength: field.maxLength ?? 2048 };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'number':
    case 'integer':
      return {
        type: field.type,
        ...(field.min !== undefined && { minimum: field.min }),
        ...(field.max !== undefined && { maximum: field.max }),
      };
    case 'boolean':
      return { type: 'boolean', ...(field.mustBeTrue && !partial && { const: true }) };
    // enum alone: a wrong type is reported once, as a wrong option.
    case 'select':
      return { enum: optionValues(field) };
    case 'multiselect':
      return arraySchema(field, partial, { enum: optionValues(field) }, true);
    case 'list':
      return arraySchema(
        field,
        partial,
        { type: 'string', ...(field.maxLength !== undefined && { maxLength: field.maxLength }), ...(!partial && { minLength: 1, pattern: NON_BLANK }) },
        false,
      );
    case 'group-list':
      return arraySchema(field, partial, objectSchema(field.fields ?? [], partial), false);
  }
}

function arraySchema(field: OnboardingField, partial: boolean, items: JsonSchema, unique: boolean): JsonSchema {
  return {
    type: 'array',
    items,
    ...(!partial && field.minItems !== undefined && { minItems: field.minItems }),
    ...(field.maxItems !== undefined && { maxItems: field.maxItems }),
    ...(unique && { uniqueItems: true }),
  };
}

function optionValues(field: OnboardingField): string[] {
  return (field.options ?? []).map((option) => option.value);
}

function objectSchema(fields: readonly OnboardingField[], partial: boolean): JsonSchema {
  const required = partial ? [] : fields.filter((field) => field.required).map((field) => field.key);
  return {
    type: 'object',
    properties: Object.fromEntries(fields.map((field) => [field.key, { title: field.label, ...fieldSchema(field, partial) }])),
    ...(required.length > 0 && { required }),
    additionalProperties: false,
  };
}

function buildStepSchema(step: OnboardingStep, partial: boolean): JsonSchema {
  return { title: step.title, ...objectSchema(step.fields, partial) };
}

/** The schema of one step's answers; throws on an unknown step id. */
export function stepSchema(stepId: StepId, options: SchemaOptions = {}): JsonSchema {
  const step = findStep(stepId);
  if (!step) throw new Error(`Unknown onboarding step: ${stepId}`);
  return buildStepSchema(step, options.partial ?? false);
}

/** The finalized business_context: one property per step, every non-optional step required. */
export const businessContextSchema: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: `https://raptorflow.app/schemas/business-context.v${SCHEMA_VERSION}.json`,
  title: 'business_context',
  type: 'object',
  properties: Object.fromEntries(ONBOARDING_STEPS.map((step) => [step.id, buildStepSchema(step, false)])),
  required: ONBOARDING_STEPS.filter((step) => !step.optional).map((step) => step.id),
  additionalProperties: false,
};
