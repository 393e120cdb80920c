export * from './lib/billing.module';
export * from './lib/tax-documents.service';
