export * from './lib/bcm-freshness.component';
export * from './lib/bcm-missing-state.component';
export * from './lib/bcm-rebuild-dialog.component';
export * from './lib/bcm-state-banner.component';
export * from './lib/bcm-ai-suggestions.component';
export * from './lib/bcm-sections';
