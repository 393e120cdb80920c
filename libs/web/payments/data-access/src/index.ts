export * from './lib/payments.actions';
export * from './lib/payments.errors';
export * from './lib/payments.feature';
export * from './lib/payments-api.service';
export * from './lib/payment-poll.schedule';
export * from './lib/provide-payments';
export * from './lib/payment-return.guard';
export * from './lib/billing-api.service';
