export * from './lib/onboarding.module';
export * from './lib/onboarding.service';
export * from './lib/onboarding.errors';
export * from './lib/onboarding.jobs';
export * from './lib/onboarding.processor';
export * from './lib/onboarding.contracts';
