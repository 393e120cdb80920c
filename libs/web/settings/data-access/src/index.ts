export * from './lib/settings-api.service';
export * from './lib/settings.permissions';
export * from './lib/account-sessions-api.service';
