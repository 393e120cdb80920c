export * from './lib/moves.page';
export * from './lib/campaigns.page';
export * from './lib/analytics.page';
