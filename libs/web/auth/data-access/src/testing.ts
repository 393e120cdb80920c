export * from './lib/auth.builders';
export * from './lib/fake-supabase-auth.client';
