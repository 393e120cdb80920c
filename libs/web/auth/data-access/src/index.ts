export * from './lib/auth.actions';
export * from './lib/auth.errors';
export * from './lib/auth.feature';
export * from './lib/auth.guards';
export * from './lib/auth.interceptor';
export * from './lib/auth-api.service';
export * from './lib/provide-auth';
export * from './lib/supabase-auth.client';
