export * from './lib/onboarding.actions';
export * from './lib/onboarding.errors';
export * from './lib/onboarding.feature';
export * from './lib/onboarding-api.service';
export * from './lib/save-retry.token';
export * from './lib/provide-onboarding';
