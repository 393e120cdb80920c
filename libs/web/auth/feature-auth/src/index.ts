export * from './lib/log-in.page';
export * from './lib/sign-up.page';
