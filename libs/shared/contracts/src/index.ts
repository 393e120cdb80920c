export * from './lib/auth.contracts';
export * from './lib/subscription.rules';
export * from './lib/plans';
export * from './lib/renewal.rules';
// Onboarding: step catalog, JSON Schema, validator, API shapes, sample.
export * from './lib/onboarding/onboarding.options';
export * from './lib/onboarding/onboarding.catalog';
export * from './lib/onboarding/onboarding.contracts';
export * from './lib/onboarding/onboarding.schema';
export * from './lib/onboarding/onboarding.validator';
export * from './lib/onboarding/onboarding.sample';
// BCM: the manifest the web shows (built by libs/api/bcm).
export * from './lib/bcm/bcm.contracts';
export * from './lib/bcm/bcm-sections';
export * from './lib/moves.contracts';
export * from './lib/gst';
export * from './lib/ops.contracts';
export * from './lib/account.contracts';
export * from './lib/en-in.format';
export * from './lib/autopay';
export * from './lib/plan-change';
