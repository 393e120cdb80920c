import type { JWK } from 'jose';

export interface AuthConfig {
  autoconfirm: boolean;
  jwtExpirySeconds: number;
  privateJwk: JWK | null;
  databaseUrl: string;
}

// The sandbox is a dev tool without the API's config class, so its env switches are read here, once.
export function readAuthConfig(databaseUrl: string, env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const expiry = Number(env['SANDBOX_JWT_EXPIRY'] ?? 3600);
  if (!Number.isInteger(expiry) || expiry <= 0) throw new Error(`SANDBOX_JWT_EXPIRY must be a positive integer, got ${env['SANDBOX_JWT_EXPIRY']}`);
  const jwk = env['SANDBOX_JWT_PRIVATE_JWK'];
  return {
    autoconfirm: (env['SANDBOX_AUTOCONFIRM'] ?? 'true') !== 'false',
    jwtExpirySeconds: expiry,
    privateJwk: jwk ? (JSON.parse(jwk) as JWK) : null,
    databaseUrl: env['SANDBOX_AUTH_DATABASE_URL'] ?? asAuthAdmin(databaseUrl),
  };
}

// GoTrue connects as supabase_auth_admin, not a superuser, so trigger permission bugs surface as on Supabase.
export function asAuthAdmin(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.username = 'supabase_auth_admin';
  url.password = '';
  return url.toString();
}
