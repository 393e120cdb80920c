export * from './lib/billing-history-table.component';
