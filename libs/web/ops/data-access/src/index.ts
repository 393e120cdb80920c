export * from './lib/ops-api.service';
export * from './lib/operator.guard';
