// The one validator of onboarding answers, run by the browser (as you type) and by the API (before saving).
// Browser-safe: Ajv and ajv-formats only, no Node built-ins.
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { OnboardingField, OnboardingStep, findStep } from './onboarding.catalog';
import type { OnboardingFieldError, OnboardingValidationResult } from './onboarding.contracts';
import { businessContextSchema, stepSchema } from './onboarding.schema';

export interface ValidateStepOptions {
  /** Draft save: check types and limits, not required fields. */
  partial?: boolean;
}

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv, ['uri', 'date']);

// Compiled lazily, once per (step, mode).
const compiled = new Map<string, ValidateFunction>();

function compiledFor(key: string, schema: () => object): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema());
    compiled.set(key, validate);
  }
  return validate;
}

type Json = unknown;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Trims strings, drops blank/null properties and blank list entries, so an untouched form input counts as missing.
 * The API stores answers in this normalized form.
 */
export function normalizeAnswers<T = Json>(value: T): T {
  return normalizeValue(value) as T;
}

function normalizeValue(value: Json): Json {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) {
    return value.map(normalizeValue).filter((item) => item !== '' && item !== null && item !== undefined);
  }
  if (isPlainObject(value)) {
    const result: Record<string, Json> = {};
    for (const [key, raw] of Object.entries(value)) {
      const item = normalizeValue(raw);
      if (item !== '' && item !== null && item !== undefined) result[key] = item;
    }
    return result;
  }
  return value;
}

/** Validates one step's answers (normalized first). An unknown step id is an error, not an exception. */
export function validateStep(stepId: string, answers: unknown, options: ValidateStepOptions = {}): OnboardingValidationResult {
  const step = findStep(stepId);
  if (!step) {
    return { valid: false, errors: [{ path: stepId, stepId, field: '', message: 'Unknown onboarding step' }] };
  }
  const partial = options.partial ?? false;
  const validate = compiledFor(`${step.id}:${partial ? 'partial' : 'full'}`, () => stepSchema(step.id, { partial }));
  return result(validate, normalizeAnswers(answers), (error) => [step.id, ...pointerSegments(error.instancePath)]);
}

/** Validates a whole business_context (every required step of every non-optional step). */
export function validateBusinessContext(data: unknown): OnboardingValidationResult {
  const validate = compiledFor('business_context', () => businessContextSchema);
  return result(validate, normalizeAnswers(data), (error) => pointerSegments(error.instancePath));
}

function result(
  validate: ValidateFunction,
  data: unknown,
  segmentsOf: (error: ErrorObject) => string[],
): OnboardingValidationResult {
  if (validate(data)) return { valid: true, errors: [] };
  const seen = new Set<string>();
  const errors: OnboardingFieldError[] = [];
  for (const ajvError of validate.errors ?? []) {
    const error = toFieldError(ajvError, segmentsOf(ajvError));
    const key = `${error.path}\u0000${error.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      errors.push(error);
    }
  }
  return { valid: false, errors };
}

function pointerSegments(instancePath: string): string[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

// Segments: [stepId, field, (index, subfield)*]; the property an error is about is appended for required/additional.
function toFieldError(error: ErrorObject, segments: string[]): OnboardingFieldError {
  const params = error.params as Record<string, unknown>;
  const missing = error.keyword === 'required' ? String(params['missingProperty']) : undefined;
  const extra = error.keyword === 'additionalProperties' ? String(params['additionalProperty']) : undefined;
  const full = [...segments, ...(missing !== undefined ? [missing] : []), ...(extra !== undefined ? [extra] : [])];
  const [stepId = '', field = '', ...rest] = full;
  const step = findStep(stepId);
  const path = full.reduce((acc, segment, i) => (i === 0 ? segment : /^\d+$/.test(segment) ? `${acc}[${segment}]` : `${acc}.${segment}`), '');
  const message = messageFor(error, step, field, rest, full.length === 1);
  return { path, stepId, field, message };
}

function fieldAt(step: OnboardingStep | undefined, field: string, rest: string[]): OnboardingField | undefined {
  let current = step?.fields.find((candidate) => candidate.key === field);
  for (const segment of rest) {
    if (/^\d+$/.test(segment)) continue;
    current = current?.fields?.find((candidate) => candidate.key === segment);
  }
  return current;
}

const TYPE_MESSAGES: Record<string, string> = {
  string: 'Must be text',
  number: 'Must be a number',
  integer: 'Must be a whole number',
  boolean: 'Must be true or false',
  array: 'Must be a list',
  object: 'Must be an object',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function messageFor(error: ErrorObject, step: OnboardingStep | undefined, field: string, rest: string[], isStepLevel: boolean): string {
  const params = error.params as Record<string, unknown>;
  const target = fieldAt(step, field, rest);
  const requiredMessage = target?.requiredMessage ?? `${target?.label ?? 'This field'} is required`;
  switch (error.keyword) {
    case 'required':
      return isStepLevel ? `The "${step?.title ?? field}" step is not answered` : requiredMessage;
    case 'const':
      return requiredMessage;
    case 'minLength':
      return requiredMessage;
    case 'pattern':
      return params['pattern'] === '\\S' ? requiredMessage : 'Must be a valid URL';
    case 'format':
      return params['format'] === 'date' ? 'Must be a valid date (YYYY-MM-DD)' : 'Must be a valid URL';
    case 'maxLength':
      return `At most ${plural(Number(params['limit']), 'character')}`;
    case 'minItems':
      return `At least ${plural(Number(params['limit']), 'item')}`;
    case 'maxItems':
      return `At most ${plural(Number(params['limit']), 'item')}`;
    case 'uniqueItems':
      return 'Each option can be chosen only once';
    case 'minimum':
      return `Must be at least ${params['limit']}`;
    case 'maximum':
      return `Must be at most ${params['limit']}`;
    case 'enum':
      return 'Choose one of the options';
    case 'type':
      return TYPE_MESSAGES[String(params['type'])] ?? 'Has the wrong type';
    case 'additionalProperties':
      return isStepLevel ? 'Unknown onboarding step' : 'Unknown field';
    default:
      return error.message ?? 'Is invalid';
  }
}
