export * from './lib/bcm.builders';
