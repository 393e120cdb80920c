import type { JWK } from 'jose';

export interface AuthConfig {
  autoconfirm: boolean;
  jwtExpirySeconds: number;
  /** GoTrue's SITE_URL: where mailed links point (the web app). */
  siteUrl: string;
  /** GoTrue's SMTP_MAX_FREQUENCY: one mail of a kind per user per this many seconds. */
  emailMaxFrequencySeconds: number;
  /** GoTrue's SECURITY_UPDATE_PASSWORD_REQUIRE_REAUTHENTICATION (config.toml `secure_password_change`): on unless false. */
  securePasswordChange: boolean;
  privateJwk: JWK | null;
  databaseUrl: string;
}

// The sandbox is a dev tool without the API's config class, so its env switches are read here, once.
export function readAuthConfig(databaseUrl: string, env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const expiry = Number(env['SANDBOX_JWT_EXPIRY'] ?? 3600);
  if (!Number.isInteger(expiry) || expiry <= 0) throw new Error(`SANDBOX_JWT_EXPIRY must be a positive integer, got ${env['SANDBOX_JWT_EXPIRY']}`);
  const jwk = env['SANDBOX_JWT_PRIVATE_JWK'];
  const frequency = Number(env['SANDBOX_EMAIL_MAX_FREQUENCY'] ?? 60);
  if (!Number.isInteger(frequency) || frequency < 0) throw new Error(`SANDBOX_EMAIL_MAX_FREQUENCY must be a whole number of seconds, got ${env['SANDBOX_EMAIL_MAX_FREQUENCY']}`);
  return {
    // Off unless switched on, as on a Supabase project: sign-up mails a confirmation link.
    autoconfirm: env['SANDBOX_AUTOCONFIRM'] === 'true',
    jwtExpirySeconds: expiry,
    siteUrl: (env['SANDBOX_SITE_URL'] ?? env['WEB_URL'] ?? 'http://localhost:4200').replace(/\/$/, ''),
    emailMaxFrequencySeconds: frequency,
    securePasswordChange: env['SANDBOX_SECURE_PASSWORD_CHANGE'] !== 'false',
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
