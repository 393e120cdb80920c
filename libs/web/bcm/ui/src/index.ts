export * from './lib/bcm-freshness.component';
export * from './lib/bcm-missing-state.component';
export * from './lib/bcm-rebuild-dialog.component';
export * from './lib/bcm-state-banner.component';
export * from './lib/bcm-ai-suggestions.component';
// The manifest's sections are shared with the API's PDF export.
export { bcmDiff, bcmMarkdown, bcmSections, type BcmChange, type BcmRow, type BcmSection } from '@raptorflow/contracts';
