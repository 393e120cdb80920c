export * from './lib/log-in.page';
export * from './lib/sign-up.page';
export * from './lib/unconfirmed.page';
export * from './lib/verify-email.page';
export * from './lib/recover.page';
export * from './lib/reset-password.page';
export * from './lib/sign-in-code.page';
