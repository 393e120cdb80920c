export * from './lib/platform.module';

