export * from './lib/error-banner.component';
export * from './lib/en-in.format';
export * from './lib/confirm-dialog.component';
