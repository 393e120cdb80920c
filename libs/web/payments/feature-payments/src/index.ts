export * from './lib/billing-history.component';
export * from './lib/payment-return.page';
export * from './lib/payments.routes';
export * from './lib/plan-selection.page';
