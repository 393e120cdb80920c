export * from './lib/api-error-message';
export * from './lib/bcm.actions';
export * from './lib/bcm.feature';
export * from './lib/bcm.config';
export * from './lib/bcm-api.service';
export * from './lib/file-downloader';
export * from './lib/provide-bcm';
