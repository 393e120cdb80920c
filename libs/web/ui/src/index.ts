export * from './lib/error-banner.component';
