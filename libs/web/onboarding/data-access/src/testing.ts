export * from './lib/onboarding.builders';
