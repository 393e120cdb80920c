export * from './lib/error-banner.component';
export * from './lib/en-in.format';
export * from './lib/confirm-dialog.component';
export * from './lib/billing-details-form.component';
export * from './lib/workspace-switcher.component';
