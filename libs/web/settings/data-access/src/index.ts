export * from './lib/settings-api.service';
export * from './lib/settings.permissions';
