import Ajv from 'ajv';
import { ONBOARDING_STEPS, OnboardingField, OnboardingStep, REQUIRED_STEP_IDS, STEP_IDS, StepId } from './onboarding.catalog';
import type { BusinessContextData } from './onboarding.contracts';
import { SAMPLE_BUSINESS_CONTEXT } from './onboarding.sample';
import { businessContextSchema, stepSchema } from './onboarding.schema';
import { normalizeAnswers, validateBusinessContext, validateStep } from './onboarding.validator';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const sampleOf = (stepId: StepId): Record<string, unknown> =>
  clone((SAMPLE_BUSINESS_CONTEXT as unknown as Record<string, Record<string, unknown>>)[stepId]);

// Every field of every step, with the path prefix a top-level field has.
const allFields: [StepId, OnboardingField][] = ONBOARDING_STEPS.flatMap((step) => step.fields.map((field): [StepId, OnboardingField] => [step.id, field]));
const required = allFields.filter(([, field]) => field.required);
const stepCases = ONBOARDING_STEPS.map((step): [StepId, OnboardingStep] => [step.id, step]);

describe('onboarding catalog', () => {
  it('lists the 23 steps in order, numbered from 1', () => {
    expect(ONBOARDING_STEPS.map((step) => step.id)).toEqual(STEP_IDS);
    expect(ONBOARDING_STEPS.map((step) => step.number)).toEqual(STEP_IDS.map((_, i) => i + 1));
  });

  it('uses six sections, each a contiguous run of steps', () => {
    const sections = ONBOARDING_STEPS.map((step) => step.section).filter((section, i, all) => section !== all[i - 1]);
    expect(sections).toEqual(['company', 'offer', 'customers', 'market', 'go_to_market', 'goals_review']);
  });

  it.each(stepCases)('%s is optional exactly when it has no required field', (_id, step) => {
    expect(step.optional).toBe(!step.fields.some((field) => field.required));
  });

  it('lets founders skip exactly the steps without a bold field', () => {
    expect(ONBOARDING_STEPS.filter((step) => step.optional).map((step) => step.id)).toEqual([
      'icp_secondary',
      'buying',
      'pricing_position',
      'messaging',
      'assets',
      'metrics',
    ]);
    expect(REQUIRED_STEP_IDS).toHaveLength(17);
  });

  it.each([
    ['company', ['companyName', 'industry']],
    ['stage', ['stage', 'teamSize']],
    ['offering', ['productName', 'oneLiner']],
    ['problem', ['problemSolved']],
    ['outcomes', ['outcomes']],
    ['icp_primary', ['name', 'segment']],
    ['icp_pains', ['pains']],
    ['icp_secondary', []],
    ['jobs', ['functional']],
    ['buying', []],
    ['competitors', ['competitors']],
    ['differentiation', ['uniqueMechanism']],
    ['positioning', ['category', 'target', 'valueProposition']],
    ['pricing_position', []],
    ['voice', ['toneAttributes']],
    ['messaging', []],
    ['assets', []],
    ['channels', ['channelsInUse']],
    ['content', ['piecesPerWeek']],
    ['resources', ['monthlyBudgetInr', 'hoursPerWeek']],
    ['metrics', []],
    ['goals', ['primaryGoal', 'target']],
    ['review', ['confirmation']],
  ] as const)('%s requires exactly the bold fields of domain.md: %j', (stepId, keys) => {
    expect(required.filter(([id]) => id === stepId).map(([, field]) => field.key)).toEqual(keys);
  });

  it.each([
    ['outcomes', 'outcomes', 1, 5],
    ['icp_pains', 'pains', 1, 5],
    ['icp_secondary', 'profiles', undefined, 2],
    ['competitors', 'competitors', 1, 10],
    ['voice', 'toneAttributes', 1, 5],
    ['messaging', 'keyMessages', undefined, 3],
  ] as const)('%s.%s holds %s to %s items', (stepId, key, minItems, maxItems) => {
    const field = allFields.find(([id, f]) => id === stepId && f.key === key)?.[1];
    expect([field?.minItems, field?.maxItems]).toEqual([minItems, maxItems]);
  });
});

describe('validateStep', () => {
  it.each(stepCases)('accepts the sample answers of %s', (stepId) => {
    expect(validateStep(stepId, sampleOf(stepId))).toEqual({ valid: true, errors: [] });
  });

  it.each(required.map(([stepId, field]) => [`${stepId}.${field.key}`, stepId, field] as const))(
    'names the missing required field %s',
    (path, stepId, field) => {
      const answers = sampleOf(stepId);
      delete answers[field.key];
      const result = validateStep(stepId, answers);
      expect(result.valid).toBe(false);
      expect(result.errors).toEqual([
        { path, stepId, field: field.key, message: field.requiredMessage ?? `${field.label} is required` },
      ]);
    },
  );

  it.each([
    ['a blank string', 'company', 'companyName', '   ', 'Company name is required'],
    ['an empty required list', 'outcomes', 'outcomes', [], 'At least 1 item'],
    ['an unchecked confirmation', 'review', 'confirmation', false, 'Please confirm that your answers are accurate'],
    ['an unknown option', 'stage', 'stage', 'unicorn', 'Choose one of the options'],
    ['a number below the minimum', 'stage', 'teamSize', 0, 'Must be at least 1'],
    ['a rating above 5', 'channels', 'channelsInUse', [{ channel: 'linkedin', rating: 6 }], 'Must be at most 5'],
    ['a fractional integer', 'content', 'piecesPerWeek', 2.5, 'Must be a whole number'],
    ['a bad date', 'goals', 'deadline', '31/03/2026', 'Must be a valid date (YYYY-MM-DD)'],
    ['a repeated multiselect option', 'channels', 'channelsOfInterest', ['seo', 'seo'], 'Each option can be chosen only once'],
  ] as const)('rejects %s', (_case, stepId, key, value, message) => {
    const answers = { ...sampleOf(stepId), [key]: value };
    const result = validateStep(stepId, answers);
    expect(result.valid).toBe(false);
    expect(result.errors.map((error) => error.message)).toEqual([message]);
    expect(result.errors[0].field).toBe(key);
  });

  // Every text field, list item and group-list text gets one character too many.
  const tooLong = allFields.flatMap(([stepId, field]): [string, StepId, Record<string, unknown>, number][] => {
    const base = sampleOf(stepId);
    if ((field.type === 'text' || field.type === 'textarea') && field.maxLength) {
      return [[`${stepId}.${field.key}`, stepId, { ...base, [field.key]: 'a'.repeat(field.maxLength + 1) }, field.maxLength]];
    }
    if (field.type === 'list' && field.maxLength) {
      return [[`${stepId}.${field.key}[0]`, stepId, { ...base, [field.key]: ['a'.repeat(field.maxLength + 1)] }, field.maxLength]];
    }
    if (field.type === 'group-list') {
      const item = (base[field.key] as Record<string, unknown>[] | undefined)?.[0] ?? {};
      return (field.fields ?? [])
        .filter((sub) => (sub.type === 'text' || sub.type === 'textarea') && sub.maxLength)
        .map((sub) => [
          `${stepId}.${field.key}[0].${sub.key}`,
          stepId,
          { ...base, [field.key]: [{ ...item, [sub.key]: 'a'.repeat((sub.maxLength ?? 0) + 1) }] },
          sub.maxLength ?? 0,
        ]);
    }
    return [];
  });

  it.each(tooLong)('rejects too long text at %s, also in a draft', (path, stepId, answers, max) => {
    for (const partial of [false, true]) {
      const result = validateStep(stepId, answers, { partial });
      expect(result.errors).toEqual([expect.objectContaining({ path, stepId, message: `At most ${max} characters` })]);
    }
  });

  const wrongValue: Record<OnboardingField['type'], [unknown, string]> = {
    text: [42, 'Must be text'],
    textarea: [42, 'Must be text'],
    url: [42, 'Must be text'],
    date: [20260331, 'Must be text'],
    select: [7, 'Choose one of the options'],
    number: ['ten', 'Must be a number'],
    integer: ['ten', 'Must be a whole number'],
    boolean: ['yes', 'Must be true or false'],
    multiselect: ['seo', 'Must be a list'],
    list: ['one item', 'Must be a list'],
    'group-list': [{ name: 'x' }, 'Must be a list'],
  };

  it.each(allFields.map(([stepId, field]) => [`${stepId}.${field.key}`, stepId, field] as const))(
    'rejects a value of the wrong type at %s',
    (path, stepId, field) => {
      const [value, message] = wrongValue[field.type];
      const result = validateStep(stepId, { ...sampleOf(stepId), [field.key]: value }, { partial: true });
      expect(result.errors).toEqual([{ path, stepId, field: field.key, message }]);
    },
  );

  const listFields = allFields.filter(([, field]) => field.maxItems !== undefined && (field.type !== 'multiselect' || (field.options?.length ?? 0) > field.maxItems));
  it.each(listFields.map(([stepId, field]) => [`${stepId}.${field.key}`, stepId, field] as const))('rejects a list over its maximum at %s', (path, stepId, field) => {
    const max = field.maxItems ?? 0;
    const sampleItems = (sampleOf(stepId)[field.key] as unknown[] | undefined) ?? [];
    const items =
      field.type === 'multiselect'
        ? (field.options ?? []).slice(0, max + 1).map((option) => option.value)
        : Array.from({ length: max + 1 }, (_, i) => sampleItems[i % sampleItems.length] ?? `item ${i}`);
    const result = validateStep(stepId, { ...sampleOf(stepId), [field.key]: items });
    expect(result.errors).toEqual([{ path, stepId, field: field.key, message: `At most ${max} items` }]);
  });

  it.each([
    ['company', 'company.website', (a: Record<string, unknown>, url: string) => ({ ...a, website: url })],
    ['competitors', 'competitors.competitors[2].url', (a: Record<string, unknown>, url: string) => ({
      competitors: (a['competitors'] as object[]).map((c, i) => (i === 2 ? { ...c, url } : c)),
    })],
    ['assets', 'assets.assets[1].url', (a: Record<string, unknown>, url: string) => ({
      assets: (a['assets'] as object[]).map((c, i) => (i === 1 ? { ...c, url } : c)),
    })],
  ] as const)('rejects bad URLs in %s at %s', (stepId, path, withUrl) => {
    for (const url of ['ledgerly dot in', 'ledgerly.in', 'ftp://ledgerly.in', 'javascript:alert(1)', 'https://']) {
      const result = validateStep(stepId, withUrl(sampleOf(stepId), url));
      expect(result.errors).toEqual([expect.objectContaining({ path, stepId, message: 'Must be a valid URL' })]);
    }
  });

  it.each(stepCases)('accepts an empty draft of %s', (stepId) => {
    expect(validateStep(stepId, {}, { partial: true })).toEqual({ valid: true, errors: [] });
  });

  it('accepts a draft with incomplete group-list rows and an unchecked confirmation', () => {
    expect(validateStep('competitors', { competitors: [{ url: 'https://cleartax.in' }] }, { partial: true }).valid).toBe(true);
    expect(validateStep('review', { confirmation: false }, { partial: true }).valid).toBe(true);
  });

  it('names a missing field inside a group-list row', () => {
    const answers = { competitors: [{ name: 'ClearTax' }, { name: 'Zoho' }, { url: 'https://example.com' }] };
    expect(validateStep('competitors', answers).errors).toEqual([
      { path: 'competitors.competitors[2].name', stepId: 'competitors', field: 'competitors', message: 'Name is required' },
    ]);
  });

  it.each([
    ['an unknown field', { ...SAMPLE_BUSINESS_CONTEXT.company, ceo: 'Asha' }, [{ path: 'company.ceo', stepId: 'company', field: 'ceo', message: 'Unknown field' }]],
    ['answers that are not an object', 'Ledgerly', [{ path: 'company', stepId: 'company', field: '', message: 'Must be an object' }]],
  ] as const)('rejects %s', (_case, answers, errors) => {
    expect(validateStep('company', answers).errors).toEqual(errors);
  });

  it('reports an unknown step instead of throwing', () => {
    expect(validateStep('mystery', {})).toEqual({
      valid: false,
      errors: [{ path: 'mystery', stepId: 'mystery', field: '', message: 'Unknown onboarding step' }],
    });
  });

  it('reports every problem at once', () => {
    const result = validateStep('company', { website: 'nope', foundedYear: 1700 });
    expect(result.errors.map((error) => error.path).sort()).toEqual(['company.companyName', 'company.foundedYear', 'company.industry', 'company.website']);
  });
});

describe('normalizeAnswers', () => {
  it.each([
    ['trims text', { companyName: '  Ledgerly  ' }, { companyName: 'Ledgerly' }],
    ['drops blank and null values', { companyName: 'Ledgerly', website: ' ', country: null }, { companyName: 'Ledgerly' }],
    ['drops blank list entries', { outcomes: ['a', ' ', '', 'b'] }, { outcomes: ['a', 'b'] }],
    ['keeps group-list rows in place', { competitors: [{ name: ' A ' }, { name: '' }] }, { competitors: [{ name: 'A' }, {}] }],
    ['leaves numbers and booleans alone', { teamSize: 0, confirmation: false }, { teamSize: 0, confirmation: false }],
  ])('%s', (_case, input, expected) => {
    expect(normalizeAnswers(input)).toEqual(expected);
  });
});

describe('validateBusinessContext', () => {
  it('accepts the complete sample', () => {
    expect(validateBusinessContext(SAMPLE_BUSINESS_CONTEXT)).toEqual({ valid: true, errors: [] });
  });

  it('fills every field of every step in the sample, so the TypeScript types and the catalog cannot drift', () => {
    const sample = SAMPLE_BUSINESS_CONTEXT as unknown as Record<string, Record<string, unknown>>;
    const missing = allFields.filter(([stepId, field]) => sample[stepId]?.[field.key] === undefined).map(([s, f]) => `${s}.${f.key}`);
    expect(missing).toEqual([]);
  });

  it('accepts a context without the optional steps', () => {
    const context = Object.fromEntries(Object.entries(SAMPLE_BUSINESS_CONTEXT).filter(([stepId]) => REQUIRED_STEP_IDS.includes(stepId as StepId)));
    expect(Object.keys(context)).toHaveLength(17);
    expect(validateBusinessContext(context).valid).toBe(true);
  });

  it.each(REQUIRED_STEP_IDS.map((stepId) => [stepId]))('names the missing required step %s', (stepId) => {
    const context = clone(SAMPLE_BUSINESS_CONTEXT) as Partial<BusinessContextData>;
    delete context[stepId];
    const step = ONBOARDING_STEPS.find((s) => s.id === stepId);
    expect(validateBusinessContext(context).errors).toEqual([
      { path: stepId, stepId, field: '', message: `The "${step?.title}" step is not answered` },
    ]);
  });

  it('reports nested errors with full paths', () => {
    const context = clone(SAMPLE_BUSINESS_CONTEXT);
    (context.competitors.competitors[2] as { name?: string }).name = undefined;
    (context.company as { companyName?: string }).companyName = '';
    context.voice.toneAttributes = ['a', 'b', 'c', 'd', 'e', 'f'];
    expect(validateBusinessContext(context).errors).toEqual([
      { path: 'company.companyName', stepId: 'company', field: 'companyName', message: 'Company name is required' },
      { path: 'competitors.competitors[2].name', stepId: 'competitors', field: 'competitors', message: 'Name is required' },
      { path: 'voice.toneAttributes', stepId: 'voice', field: 'toneAttributes', message: 'At most 5 items' },
    ]);
  });

  it('rejects an unknown step key', () => {
    expect(validateBusinessContext({ ...SAMPLE_BUSINESS_CONTEXT, extras: {} }).errors).toEqual([
      { path: 'extras', stepId: 'extras', field: '', message: 'Unknown onboarding step' },
    ]);
  });
});

describe('JSON Schema', () => {
  it('is a valid draft-07 schema that a fresh Ajv compiles', () => {
    const ajv = new Ajv({ strict: false, validateFormats: false });
    expect(ajv.validateSchema(businessContextSchema)).toBe(true);
    expect(() => ajv.compile(businessContextSchema)).not.toThrow();
  });

  it('requires exactly the non-optional steps', () => {
    expect(businessContextSchema['required']).toEqual(REQUIRED_STEP_IDS);
    expect(Object.keys(businessContextSchema['properties'] as object)).toEqual(STEP_IDS);
  });

  it('drops required-ness, not limits, in the draft schema', () => {
    expect(stepSchema('outcomes')).toMatchObject({ required: ['outcomes'], properties: { outcomes: { minItems: 1, maxItems: 5 } } });
    const draft = stepSchema('outcomes', { partial: true });
    expect(draft['required']).toBeUndefined();
    expect(draft).toMatchObject({ properties: { outcomes: { maxItems: 5 } } });
  });

  it('throws on an unknown step', () => {
    expect(() => stepSchema('mystery' as StepId)).toThrow('Unknown onboarding step: mystery');
  });
});
