export * from './lib/ops.routes';
export * from './lib/ops.pages';
export * from './lib/ops-queues.page';
