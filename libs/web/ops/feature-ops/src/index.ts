export * from './lib/ops.routes';
export * from './lib/ops.pages';
