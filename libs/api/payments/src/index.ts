export * from './lib/gateway/payment-gateway';
export * from './lib/gateway/payment-gateway.errors';
export * from './lib/gateway/phonepe.gateway';
export { phonePeWebhookAuthorization } from './lib/gateway/phonepe.webhook';
