export * from './lib/email-sender';
export * from './lib/email.errors';
export * from './lib/email.format';
export * from './lib/email.templates';
export * from './lib/resend.email-sender';
export * from './lib/email.jobs';
export * from './lib/email.service';
export * from './lib/email.module';
