export * from './lib/shell-layout.component';
export * from './lib/dashboard.page';
export * from './lib/manifest.page';
