// The 23 onboarding steps (domain.md "Onboarding: the 23 steps"): the one source the form, the JSON Schema and the validator read.
import {
  ASSET_KIND_OPTIONS,
  CHANNEL_OPTIONS,
  COMPETITOR_TYPE_OPTIONS,
  CONTENT_FORMAT_OPTIONS,
  FieldOption,
  GOAL_TYPE_OPTIONS,
  INDUSTRY_OPTIONS,
  PRICING_MODEL_OPTIONS,
  RELATIVE_PRICE_OPTIONS,
  SEGMENT_OPTIONS,
  STAGE_OPTIONS,
} from './onboarding.options';

export const STEP_IDS = [
  'company',
  'stage',
  'offering',
  'problem',
  'outcomes',
  'icp_primary',
  'icp_pains',
  'icp_secondary',
  'jobs',
  'buying',
  'competitors',
  'differentiation',
  'positioning',
  'pricing_position',
  'voice',
  'messaging',
  'assets',
  'channels',
  'content',
  'resources',
  'metrics',
  'goals',
  'review',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export const ONBOARDING_SECTIONS = [
  { id: 'company', title: 'Company' },
  { id: 'offer', title: 'Offer' },
  { id: 'customers', title: 'Customers' },
  { id: 'market', title: 'Market' },
  { id: 'go_to_market', title: 'Go-to-market' },
  { id: 'goals_review', title: 'Goals & review' },
] as const;
export type SectionId = (typeof ONBOARDING_SECTIONS)[number]['id'];

/** 'list' is a list of strings; 'group-list' a list of objects described by `fields`. */
export type FieldType =
  | 'text'
  | 'textarea'
  | 'url'
  | 'number'
  | 'integer'
  | 'select'
  | 'multiselect'
  | 'list'
  | 'group-list'
  | 'boolean'
  | 'date';

/** One question. For 'list' `maxLength` limits each item; for 'group-list' `fields` describe each item. */
export interface OnboardingField {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  minItems?: number;
  maxItems?: number;
  options?: readonly FieldOption[];
  placeholder?: string;
  fields?: readonly OnboardingField[];
  /** Only `true` is accepted when the step is submitted (review confirmation). */
  mustBeTrue?: boolean;
  /** Replaces the generic "<label> is required" message. */
  requiredMessage?: string;
  /** What the form starts with before the step is first answered. */
  initial?: string;
}

export interface OnboardingStep {
  id: StepId;
  number: number;
  section: SectionId;
  title: string;
  help: string;
  /** Skippable: the step has no required field. */
  optional: boolean;
  fields: readonly OnboardingField[];
}

// Text limits in characters, in one place.
export const TEXT_LIMITS = {
  word: 40,
  short: 80,
  name: 120,
  line: 160,
  statement: 300,
  paragraph: 1000,
  url: 2048,
} as const;

// Numeric sanity bounds (INR amounts and counts).
const MAX_AMOUNT_INR = 1_000_000_000;
const MAX_COUNT = 1_000_000_000;

const ICP_PROFILE_FIELDS: readonly OnboardingField[] = [
  { key: 'name', label: 'Profile name', type: 'text', required: true, maxLength: TEXT_LIMITS.name, placeholder: 'e.g. Finance head at a 50-500 person Indian SMB' },
  { key: 'segment', label: 'Segment', type: 'select', required: true, options: SEGMENT_OPTIONS },
  { key: 'sizeOrDemographics', label: 'Company size or demographics', type: 'text', required: false, maxLength: TEXT_LIMITS.line, placeholder: 'e.g. 50-500 employees, ₹10-200 Cr revenue' },
  { key: 'role', label: 'Role / title', type: 'text', required: false, maxLength: TEXT_LIMITS.name, placeholder: 'e.g. CFO, Finance controller' },
  { key: 'industries', label: 'Industries', type: 'multiselect', required: false, maxItems: 5, options: INDUSTRY_OPTIONS },
  { key: 'geographies', label: 'Geographies', type: 'list', required: false, maxItems: 10, maxLength: TEXT_LIMITS.short, placeholder: 'e.g. Bengaluru' },
];

const ICP_PAIN_FIELDS: readonly OnboardingField[] = [
  { key: 'pains', label: 'Pains', type: 'list', required: true, minItems: 1, maxItems: 5, maxLength: TEXT_LIMITS.line, placeholder: 'e.g. Spends days every month reconciling GST invoices' },
  { key: 'goals', label: 'Goals', type: 'list', required: false, maxItems: 5, maxLength: TEXT_LIMITS.line, placeholder: 'e.g. Close the books in a day' },
  { key: 'triggers', label: 'Buying triggers', type: 'list', required: false, maxItems: 5, maxLength: TEXT_LIMITS.line, placeholder: 'e.g. Failed a GST audit' },
  { key: 'objections', label: 'Objections', type: 'list', required: false, maxItems: 5, maxLength: TEXT_LIMITS.line, placeholder: 'e.g. "Our CA already does this"' },
];

export const ONBOARDING_STEPS: readonly OnboardingStep[] = [
  {
    id: 'company',
    number: 1,
    section: 'company',
    title: 'Your company',
    help: 'The basics we use to introduce your company everywhere in RaptorFlow.',
    optional: false,
    fields: [
      { key: 'companyName', label: 'Company name', type: 'text', required: true, maxLength: TEXT_LIMITS.name, placeholder: 'e.g. Ledgerly Technologies' },
      { key: 'website', label: 'Website', type: 'url', required: false, maxLength: TEXT_LIMITS.url, placeholder: 'https://' },
      { key: 'industry', label: 'Industry', type: 'select', required: true, options: INDUSTRY_OPTIONS },
      { key: 'country', label: 'Country', type: 'text', required: false, maxLength: TEXT_LIMITS.short, placeholder: 'e.g. India', initial: 'India' },
      { key: 'foundedYear', label: 'Founded year', type: 'integer', required: false, min: 1900, max: 2100, placeholder: 'e.g. 2022' },
    ],
  },
  {
    id: 'stage',
    number: 2,
    section: 'company',
    title: 'Stage and team',
    help: 'Where you are today decides which marketing moves are realistic.',
    optional: false,
    fields: [
      { key: 'stage', label: 'Stage', type: 'select', required: true, options: STAGE_OPTIONS },
      { key: 'teamSize', label: 'Team size', type: 'integer', required: true, min: 1, max: 100_000, placeholder: 'e.g. 8' },
      { key: 'founderRole', label: 'Your role', type: 'text', required: false, maxLength: TEXT_LIMITS.name, placeholder: 'e.g. CEO & co-founder' },
    ],
  },
  {
    id: 'offering',
    number: 3,
    section: 'offer',
    title: 'What you sell',
    help: 'Describe the product the way you would to a customer in one breath.',
    optional: false,
    fields: [
      { key: 'productName', label: 'Product name', type: 'text', required: true, maxLength: TEXT_LIMITS.name, placeholder: 'e.g. Ledgerly' },
      { key: 'oneLiner', label: 'One-line description', type: 'text', required: true, maxLength: TEXT_LIMITS.line, placeholder: 'e.g. GST reconciliation on autopilot for growing businesses' },
      { key: 'category', label: 'Category', type: 'text', required: false, maxLength: TEXT_LIMITS.name, placeholder: 'e.g. Accounting automation' },
      { key: 'pricingModel', label: 'Pricing model', type: 'select', required: false, options: PRICING_MODEL_OPTIONS },
      { key: 'pricePoint', label: 'Price point', type: 'text', required: false, maxLength: TEXT_LIMITS.name, placeholder: 'e.g. ₹4,999 per month' },
    ],
  },
  {
    id: 'problem',
    number: 4,
    section: 'offer',
    title: 'The problem',
    help: 'Name the problem in your customer’s words, not your product’s.',
    optional: false,
    fields: [
      { key: 'problemSolved', label: 'Problem solved', type: 'textarea', required: true, maxLength: TEXT_LIMITS.paragraph, placeholder: 'e.g. Reconciling GST invoices by hand takes finance teams days every month' },
      { key: 'whoFeelsItMost', label: 'Who feels it most', type: 'textarea', required: false, maxLength: TEXT_LIMITS.paragraph, placeholder: 'e.g. The finance controller, at every month-end' },
      { key: 'currentAlternatives', label: 'Current alternatives', type: 'textarea', required: false, maxLength: TEXT_LIMITS.paragraph, placeholder: 'e.g. Excel, their CA, Tally add-ons' },
    ],
  },
  {
    id: 'outcomes',
    number: 5,
    section: 'offer',
    title: 'Outcomes',
    help: 'What changes for a customer after they buy, ideally with numbers.',
    optional: false,
    fields: [
      { key: 'outcomes', label: 'Outcomes delivered', type: 'list', required: true, minItems: 1, maxItems: 5, maxLength: TEXT_LIMITS.line, placeholder: 'e.g. Month-end close in 2 days instead of 10' },
      { key: 'proofPoints', label: 'Proof points', type: 'list', required: false, maxItems: 5, maxLength: TEXT_LIMITS.statement, placeholder: 'A metric or a testimonial' },
    ],
  },
  {
    id: 'icp_primary',
    number: 6,
    section: 'customers',
    title: 'Primary customer profile',
    help: 'The one kind of customer you most want more of.',
    optional: false,
    fields: ICP_PROFILE_FIELDS,
  },
  {
    id: 'icp_pains',
    number: 7,
    section: 'customers',
    title: 'Their pains and goals',
    help: 'What keeps your primary customer up at night, and what makes them act.',
    optional: false,
    fields: ICP_PAIN_FIELDS,
  },
  {
    id: 'icp_secondary',
    number: 8,
    section: 'customers',
    title: 'Other customer profiles',
    help: 'Up to two more kinds of customers; skip this if you focus on one.',
    optional: true,
    fields: [
      {
        key: 'profiles',
        label: 'Secondary profiles',
        type: 'group-list',
        required: false,
        maxItems: 2,
        fields: [...ICP_PROFILE_FIELDS, ...ICP_PAIN_FIELDS],
      },
    ],
  },
  {
    id: 'jobs',
    number: 9,
    section: 'customers',
    title: 'Jobs to be done',
    help: 'What your customer is really trying to get done when they hire your product.',
    optional: false,
    fields: [
      { key: 'functional', label: 'Functional job', type: 'textarea', required: true, maxLength: TEXT_LIMITS.paragraph, placeholder: 'When I…, I want to…, so I can…' },
      { key: 'emotional', label: 'Emotional job', type: 'textarea', required: false, maxLength: TEXT_LIMITS.paragraph, placeholder: 'How they want to feel' },
      { key: 'social', label: 'Social job', type: 'textarea', required: false, maxLength: TEXT_LIMITS.paragraph, placeholder: 'How they want to be seen' },
    ],
  },
  {
    id: 'buying',
    number: 10,
    section: 'customers',
    title: 'How they buy',
    help: 'Who signs off, how long it takes and where buyers go looking.',
    optional: true,
    fields: [
      { key: 'decisionMakers', label: 'Decision makers', type: 'list', required: false, maxItems: 5, maxLength: TEXT_LIMITS.name, placeholder: 'e.g. CFO' },
      { key: 'salesCycleDays', label: 'Sales cycle (days)', type: 'integer', required: false, min: 0, max: 730, placeholder: 'e.g. 30' },
      { key: 'whereBuyersLook', label: 'Where buyers look for solutions', type: 'list', required: false, maxItems: 10, maxLength: TEXT_LIMITS.name, placeholder: 'e.g. CA recommendations, LinkedIn' },
    ],
  },
  {
    id: 'competitors',
    number: 11,
    section: 'market',
    title: 'Competitors',
    help: 'Who else your customers consider, including doing nothing or a spreadsheet.',
    optional: false,
    fields: [
      {
        key: 'competitors',
        label: 'Competitors',
        type: 'group-list',
        required: true,
        minItems: 1,
        maxItems: 10,
        fields: [
          { key: 'name', label: 'Name', type: 'text', required: true, maxLength: TEXT_LIMITS.name, placeholder: 'e.g. Tally' },
          { key: 'url', label: 'Website', type: 'url', required: false, maxLength: TEXT_LIMITS.url, placeholder: 'https://' },
          { key: 'type', label: 'Type', type: 'select', required: false, options: COMPETITOR_TYPE_OPTIONS },
          { key: 'strength', label: 'Their strength', type: 'textarea', required: false, maxLength: TEXT_LIMITS.statement, placeholder: 'e.g. Every accountant already knows it' },
          { key: 'weakness', label: 'Their weakness', type: 'textarea', required: false, maxLength: TEXT_LIMITS.statement, placeholder: 'e.g. Desktop-only, no automatic GST matching' },
        ],
      },
    ],
  },
  {
    id: 'differentiation',
    number: 12,
    section: 'market',
    title: 'Differentiation',
    help: 'The mechanism that lets you deliver the outcome better than the alternatives.',
    optional: false,
    fields: [
      { key: 'uniqueMechanism', label: 'Unique mechanism', type: 'textarea', required: true, maxLength: TEXT_LIMITS.paragraph, placeholder: 'e.g. Matches every purchase invoice against GSTR-2B automatically' },
      { key: 'whyWin', label: 'Why you win', type: 'textarea', required: false, maxLength: TEXT_LIMITS.paragraph, placeholder: 'e.g. We recover input tax credit others miss' },
      { key: 'whyLose', label: 'Why you lose', type: 'textarea', required: false, maxLength: TEXT_LIMITS.paragraph, placeholder: 'e.g. Buyers who are happy with their CA\'s spreadsheets' },
    ],
  },
  {
    id: 'positioning',
    number: 13,
    section: 'market',
    title: 'Positioning',
    help: 'Completes the sentence: for <target>, <product> is the <category> that <value>.',
    optional: false,
    fields: [
      { key: 'category', label: 'Category', type: 'text', required: true, maxLength: TEXT_LIMITS.name, placeholder: 'e.g. GST reconciliation platform' },
      { key: 'target', label: 'Target', type: 'text', required: true, maxLength: TEXT_LIMITS.line, placeholder: 'e.g. finance teams at growing Indian SMBs' },
      { key: 'valueProposition', label: 'Value proposition', type: 'textarea', required: true, maxLength: TEXT_LIMITS.statement, placeholder: 'e.g. closes the books in days, not weeks' },
    ],
  },
  {
    id: 'pricing_position',
    number: 14,
    section: 'market',
    title: 'Price position',
    help: 'How your price compares with the alternatives and how you package it.',
    optional: true,
    fields: [
      { key: 'relativePrice', label: 'Relative price', type: 'select', required: false, options: RELATIVE_PRICE_OPTIONS },
      { key: 'packaging', label: 'Packaging', type: 'textarea', required: false, maxLength: TEXT_LIMITS.paragraph, placeholder: 'e.g. Starter, Growth and Enterprise tiers' },
    ],
  },
  {
    id: 'voice',
    number: 15,
    section: 'go_to_market',
    title: 'Brand voice',
    help: 'A few words that describe how you sound, and words you never use.',
    optional: false,
    fields: [
      { key: 'toneAttributes', label: 'Tone attributes', type: 'list', required: true, minItems: 1, maxItems: 5, maxLength: TEXT_LIMITS.word, placeholder: 'e.g. Plain-spoken' },
      { key: 'wordsToUse', label: 'Words to use', type: 'list', required: false, maxItems: 10, maxLength: TEXT_LIMITS.word, placeholder: 'e.g. reconcile' },
      { key: 'wordsToAvoid', label: 'Words to avoid', type: 'list', required: false, maxItems: 10, maxLength: TEXT_LIMITS.word, placeholder: 'e.g. disrupt' },
    ],
  },
  {
    id: 'messaging',
    number: 16,
    section: 'go_to_market',
    title: 'Messaging',
    help: 'What you want every prospect to remember.',
    optional: true,
    fields: [
      { key: 'tagline', label: 'Tagline', type: 'text', required: false, maxLength: TEXT_LIMITS.line, placeholder: 'e.g. GST books, closed in a day' },
      { key: 'keyMessages', label: 'Key messages', type: 'list', required: false, maxItems: 3, maxLength: TEXT_LIMITS.statement, placeholder: 'e.g. Never lose input tax credit again' },
      { key: 'elevatorPitch', label: 'Elevator pitch', type: 'textarea', required: false, maxLength: TEXT_LIMITS.paragraph, placeholder: 'e.g. Ledgerly closes your GST books in a day by matching every invoice for you' },
    ],
  },
  {
    id: 'assets',
    number: 17,
    section: 'go_to_market',
    title: 'Existing assets',
    help: 'Links to what you already have, so moves can reuse it.',
    optional: true,
    fields: [
      {
        key: 'assets',
        label: 'Assets',
        type: 'group-list',
        required: false,
        maxItems: 20,
        fields: [
          { key: 'kind', label: 'Kind', type: 'select', required: true, options: ASSET_KIND_OPTIONS },
          { key: 'title', label: 'Title', type: 'text', required: false, maxLength: TEXT_LIMITS.name, placeholder: 'e.g. GST checklist for SMBs' },
          { key: 'url', label: 'URL', type: 'url', required: true, maxLength: TEXT_LIMITS.url, placeholder: 'https://' },
        ],
      },
    ],
  },
  {
    id: 'channels',
    number: 18,
    section: 'go_to_market',
    title: 'Channels',
    help: 'Where you market today, how well each works (1-5), and where you want to try.',
    optional: false,
    fields: [
      {
        key: 'channelsInUse',
        label: 'Channels in use',
        type: 'group-list',
        required: true,
        minItems: 1,
        maxItems: 10,
        fields: [
          { key: 'channel', label: 'Channel', type: 'select', required: true, options: CHANNEL_OPTIONS },
          { key: 'rating', label: 'Rating', type: 'integer', required: true, min: 1, max: 5, placeholder: 'e.g. 4 (1 = poor, 5 = best)' },
        ],
      },
      { key: 'channelsOfInterest', label: 'Channels of interest', type: 'multiselect', required: false, maxItems: 10, options: CHANNEL_OPTIONS },
    ],
  },
  {
    id: 'content',
    number: 19,
    section: 'go_to_market',
    title: 'Content capacity',
    help: 'What your team can realistically produce every week.',
    optional: false,
    fields: [
      { key: 'formats', label: 'Formats you can produce', type: 'multiselect', required: false, maxItems: CONTENT_FORMAT_OPTIONS.length, options: CONTENT_FORMAT_OPTIONS },
      { key: 'piecesPerWeek', label: 'Pieces per week', type: 'integer', required: true, min: 0, max: 100, placeholder: 'e.g. 3' },
    ],
  },
  {
    id: 'resources',
    number: 20,
    section: 'go_to_market',
    title: 'Budget and time',
    help: 'Moves are planned inside this budget and these hours.',
    optional: false,
    fields: [
      { key: 'monthlyBudgetInr', label: 'Monthly marketing budget (INR)', type: 'number', required: true, min: 0, max: MAX_AMOUNT_INR, placeholder: 'e.g. 50000' },
      { key: 'hoursPerWeek', label: 'Hours per week', type: 'number', required: true, min: 0, max: 168, placeholder: 'e.g. 10' },
      { key: 'tools', label: 'Tools in use', type: 'list', required: false, maxItems: 20, maxLength: TEXT_LIMITS.short, placeholder: 'e.g. HubSpot' },
    ],
  },
  {
    id: 'metrics',
    number: 21,
    section: 'goals_review',
    title: 'Baseline metrics',
    help: 'Today’s numbers, so progress has a starting point; leave blank what you don’t track.',
    optional: true,
    fields: [
      { key: 'monthlyVisitors', label: 'Monthly visitors', type: 'integer', required: false, min: 0, max: MAX_COUNT, placeholder: 'e.g. 5000' },
      { key: 'leadsPerMonth', label: 'Leads per month', type: 'integer', required: false, min: 0, max: MAX_COUNT, placeholder: 'e.g. 40' },
      { key: 'conversionRate', label: 'Conversion rate (%)', type: 'number', required: false, min: 0, max: 100, placeholder: 'e.g. 2.5' },
      { key: 'cacInr', label: 'Customer acquisition cost (INR)', type: 'number', required: false, min: 0, max: MAX_AMOUNT_INR, placeholder: 'e.g. 18000' },
      { key: 'mrrInr', label: 'Monthly recurring revenue (INR)', type: 'number', required: false, min: 0, max: MAX_AMOUNT_INR, placeholder: 'e.g. 210000' },
    ],
  },
  {
    id: 'goals',
    number: 22,
    section: 'goals_review',
    title: '90-day goal',
    help: 'One goal for the next 90 days, with a number you can check.',
    optional: false,
    fields: [
      { key: 'primaryGoal', label: 'Primary 90-day goal', type: 'select', required: true, options: GOAL_TYPE_OPTIONS },
      { key: 'target', label: 'Numeric target', type: 'number', required: true, min: 0, max: MAX_COUNT, placeholder: 'e.g. 120 (leads)' },
      { key: 'deadline', label: 'Deadline', type: 'date', required: false },
    ],
  },
  {
    id: 'review',
    number: 23,
    section: 'goals_review',
    title: 'Review',
    help: 'Anything that limits what you can do, then confirm your answers.',
    optional: false,
    fields: [
      { key: 'constraints', label: 'Constraints', type: 'textarea', required: false, maxLength: TEXT_LIMITS.paragraph, placeholder: 'Regulatory, geography, seasonality…' },
      { key: 'risks', label: 'Risks', type: 'textarea', required: false, maxLength: TEXT_LIMITS.paragraph, placeholder: 'e.g. A bigger player launches the same feature' },
      {
        key: 'confirmation',
        label: 'I confirm these answers are accurate',
        type: 'boolean',
        required: true,
        mustBeTrue: true,
        requiredMessage: 'Please confirm that your answers are accurate',
      },
    ],
  },
];

const STEPS_BY_ID = new Map<string, OnboardingStep>(ONBOARDING_STEPS.map((step) => [step.id, step]));

/** The catalog entry for a step id, or undefined for an unknown id. */
export function findStep(stepId: string): OnboardingStep | undefined {
  return STEPS_BY_ID.get(stepId);
}

export function isStepId(value: unknown): value is StepId {
  return typeof value === 'string' && STEPS_BY_ID.has(value);
}

/** Steps that must be answered before onboarding can be finalized. */
export const REQUIRED_STEP_IDS: readonly StepId[] = ONBOARDING_STEPS.filter((step) => !step.optional).map((step) => step.id);
