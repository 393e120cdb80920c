export * from './lib/gateway/payment-gateway';
export * from './lib/gateway/payment-gateway.errors';
export * from './lib/gateway/phonepe.gateway';
export { phonePeWebhookAuthorization } from './lib/gateway/phonepe.webhook';
export * from './lib/payments.jobs';
export * from './lib/payments.errors';
export * from './lib/payments.module';
export * from './lib/payment-settlement.service';
