export * from './lib/ops.module';
export * from './lib/ops.errors';
