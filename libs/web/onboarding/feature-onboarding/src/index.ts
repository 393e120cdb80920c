export * from './lib/onboarding.routes';
export * from './lib/onboarding.page';
