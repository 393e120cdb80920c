export * from './lib/payments.builders';
