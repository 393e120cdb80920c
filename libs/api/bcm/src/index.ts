export * from './lib/bcm.builder';
export * from './lib/bcm.checksum';
export * from './lib/bcm.freshness';
export * from './lib/bcm.jobs';
