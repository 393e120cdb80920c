export * from './lib/billing.module';
export * from './lib/tax-documents.service';
export * from './lib/billing.repository';
export * from './lib/gst-month-export';
