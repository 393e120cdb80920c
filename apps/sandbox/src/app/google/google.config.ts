/**
 * The one Google OAuth client of the sandbox: the GoTrue stand-in signs in with it, the Google stand-in knows it.
 * Names as GoTrue's own settings (GOTRUE_EXTERNAL_GOOGLE_*); on Supabase these are the dashboard's Google provider fields.
 */
export interface GoogleConfig {
  enabled: boolean;
  clientId: string;
  secret: string;
  /** GoTrue's callback as registered with Google; null = `<sandbox>/auth/v1/callback`. */
  redirectUri: string | null;
  /** Where GoTrue finds "Google"; null = this sandbox's own stand-in at `<sandbox>/google`. */
  baseUrl: string | null;
}

export function readGoogleConfig(env: NodeJS.ProcessEnv = process.env): GoogleConfig {
  const enabled = env['GOTRUE_EXTERNAL_GOOGLE_ENABLED'] ?? 'true';
  if (enabled !== 'true' && enabled !== 'false') throw new Error(`GOTRUE_EXTERNAL_GOOGLE_ENABLED must be true or false, got ${enabled}`);
  return {
    enabled: enabled === 'true',
    clientId: env['GOTRUE_EXTERNAL_GOOGLE_CLIENT_ID'] ?? 'raptorflow-sandbox.apps.googleusercontent.com',
    secret: env['GOTRUE_EXTERNAL_GOOGLE_SECRET'] ?? 'sandbox-google-secret',
    redirectUri: env['GOTRUE_EXTERNAL_GOOGLE_REDIRECT_URI'] ?? null,
    baseUrl: env['SANDBOX_GOOGLE_URL']?.replace(/\/$/, '') ?? null,
  };
}

/** Google's endpoints under a base URL, with the paths Google uses (accounts.google.com, oauth2.googleapis.com, www.googleapis.com). */
export function googleEndpoints(baseUrl: string) {
  return {
    authorize: `${baseUrl}/o/oauth2/v2/auth`,
    token: `${baseUrl}/token`,
    userinfo: `${baseUrl}/userinfo/v2/me`,
  };
}
