// Contract tests: real supabase-js against the GoTrue stand-in's passwordless sign-in (/otp, /verify magiclink and
// email), reauthentication (/reauthenticate, PUT /user {password, nonce}) and e-mail change (PUT /user {email}).
import { AuthApiError, createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { FastifyInstance } from 'fastify';
import { Client } from 'pg';
import ws from 'ws';
import { createSandbox, type SandboxOptions } from '../sandbox';

const databaseUrl = process.env['DATABASE_URL'] as string;
const PASSWORD = 'correct-horse-battery';
let seq = 0;
const email = (tag: string) => `${tag}-${Date.now()}-${seq++}@example.test`;

interface Mail {
  subject: string;
  text: string;
  to: string[];
}

async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  Object.assign(process.env, vars);
  try {
    return await fn();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

async function start(autoconfirm: boolean, env: Record<string, string> = {}): Promise<{ app: FastifyInstance; url: string }> {
  const options: SandboxOptions = { databaseUrl, publicUrl: '', autoconfirm };
  const app = await withEnv({ SANDBOX_SITE_URL: 'http://web.test', ...env }, () => createSandbox(options));
  options.publicUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: options.publicUrl };
}

function client(url: string): SupabaseClient {
  return createClient(url, 'sandbox-publishable-key', {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
}

function errorOf(result: { error: unknown }): AuthApiError {
  expect(result.error).toBeInstanceOf(AuthApiError);
  return result.error as AuthApiError;
}

const claimsOf = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
const linkIn = (mail: Mail) => new URL(/http:\/\/web\.test\/verify\S+/.exec(mail.text)?.[0] as string);
const codeIn = (mail: Mail) => /code: (\d{6})/.exec(mail.text)?.[1] as string;

describe('Supabase Auth stand-in: passwordless, reauthentication, e-mail change (supabase-js)', () => {
  let app: FastifyInstance;
  let url: string;
  const db = new Client({ connectionString: databaseUrl });

  beforeAll(async () => {
    ({ app, url } = await start(true));
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await app.close();
  });

  const inbox = async (address: string, base = url): Promise<Mail[]> => (await fetch(`${base}/resend/__sandbox/emails?to=${encodeURIComponent(address)}`)).json();

  async function signedIn(address = email('user')) {
    const supabase = client(url);
    const { error } = await supabase.auth.signUp({ email: address, password: PASSWORD });
    if (error) throw error;
    return { supabase, email: address };
  }

  describe('signInWithOtp', () => {
    it('mails an existing user a sign-in link and a code; the link signs in once, with amr otp', async () => {
      const { email: address } = await signedIn();
      const { data, error } = await client(url).auth.signInWithOtp({ email: address });
      expect(error).toBeNull();
      expect(data).toMatchObject({ user: null, session: null });

      const [mail] = await inbox(address);
      expect(mail.subject).toBe('Your sign-in link');
      const link = linkIn(mail);
      expect(link.searchParams.get('type')).toBe('magiclink');
      expect(codeIn(mail)).toMatch(/^\d{6}$/);

      const supabase = client(url);
      const verified = await supabase.auth.verifyOtp({ token_hash: link.searchParams.get('token_hash') as string, type: 'magiclink' });
      expect(verified.error).toBeNull();
      expect(verified.data.user?.email).toBe(address);
      expect(claimsOf(verified.data.session?.access_token as string)['amr']).toEqual([{ method: 'otp', timestamp: expect.any(Number) }]);
      // A refresh keeps how the session was signed in.
      const refreshed = await supabase.auth.refreshSession();
      expect(claimsOf(refreshed.data.session?.access_token as string)['amr']).toEqual([{ method: 'otp', timestamp: expect.any(Number) }]);

      expect(errorOf(await client(url).auth.verifyOtp({ token_hash: link.searchParams.get('token_hash') as string, type: 'magiclink' }))).toMatchObject({ status: 403, code: 'otp_expired' });
    });

    it('GET /verify (the default template\'s link) redirects to the site with the session, then with otp_expired', async () => {
      const { email: address } = await signedIn();
      await client(url).auth.signInWithOtp({ email: address });
      const hash = linkIn((await inbox(address))[0]).searchParams.get('token_hash') as string;
      const link = `${url}/auth/v1/verify?token=${hash}&type=magiclink&redirect_to=${encodeURIComponent('http://web.test/welcome')}`;

      const first = await fetch(link, { redirect: 'manual' });
      expect(first.status).toBe(303);
      const location = new URL(first.headers.get('location') as string);
      expect(`${location.origin}${location.pathname}`).toBe('http://web.test/welcome');
      const fragment = new URLSearchParams(location.hash.slice(1));
      expect(fragment.get('type')).toBe('magiclink');
      expect(fragment.get('token_type')).toBe('bearer');
      const supabase = client(url);
      const { error } = await supabase.auth.setSession({ access_token: fragment.get('access_token') as string, refresh_token: fragment.get('refresh_token') as string });
      expect(error).toBeNull();
      expect((await supabase.auth.getUser()).data.user?.email).toBe(address);

      // Spent, and a redirect_to off the site falls back to the site URL.
      const again = await fetch(link.replace(encodeURIComponent('http://web.test/welcome'), encodeURIComponent('https://evil.example/')), { redirect: 'manual' });
      const failed = new URL(again.headers.get('location') as string);
      expect(failed.origin).toBe('http://web.test');
      expect(Object.fromEntries(new URLSearchParams(failed.hash.slice(1)))).toMatchObject({ error: 'access_denied', error_code: 'otp_expired', error_description: 'Email link is invalid or has expired' });
    });

    it('signs in with the e-mail and the 6-digit code (type email); a wrong code is otp_expired', async () => {
      const { email: address } = await signedIn();
      await client(url).auth.signInWithOtp({ email: address });
      const code = codeIn((await inbox(address))[0]);
      const wrong = errorOf(await client(url).auth.verifyOtp({ email: address, token: code === '000000' ? '111111' : '000000', type: 'email' }));
      expect(wrong).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' });

      const { data, error } = await client(url).auth.verifyOtp({ email: address.toUpperCase(), token: code, type: 'email' });
      expect(error).toBeNull();
      expect(data.session?.access_token).toBeTruthy();
      expect(data.user?.email).toBe(address);
    });

    it('a second request within the interval is 429 over_email_send_rate_limit', async () => {
      const { email: address } = await signedIn();
      expect((await client(url).auth.signInWithOtp({ email: address })).error).toBeNull();
      const again = errorOf(await client(url).auth.signInWithOtp({ email: address }));
      expect(again).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
      expect(await inbox(address)).toHaveLength(1);
    });

    it('shouldCreateUser: false refuses an unknown address with 422 otp_disabled and creates nothing', async () => {
      const address = email('nobody');
      const error = errorOf(await client(url).auth.signInWithOtp({ email: address, options: { shouldCreateUser: false } }));
      expect(error).toMatchObject({ status: 422, code: 'otp_disabled', message: 'Signups not allowed for otp' });
      expect((await db.query('select 1 from auth.users where email = $1', [address])).rowCount).toBe(0);
      expect(await inbox(address)).toHaveLength(0);
    });

    it('creates an unknown address by default (with the metadata) and its link signs the new user in', async () => {
      const address = email('newcomer');
      expect((await client(url).auth.signInWithOtp({ email: address, options: { data: { full_name: 'Meera Nair' } } })).error).toBeNull();
      const { rows } = await db.query('select raw_user_meta_data from auth.users where email = $1', [address]);
      expect(rows[0].raw_user_meta_data).toMatchObject({ full_name: 'Meera Nair' });
      const link = linkIn((await inbox(address))[0]);
      const { data, error } = await client(url).auth.verifyOtp({ token_hash: link.searchParams.get('token_hash') as string, type: link.searchParams.get('type') as 'magiclink' });
      expect(error).toBeNull();
      expect(data.user?.email).toBe(address);
    });

    it('refuses a bad address with 400 validation_failed and a phone with 400 phone_provider_disabled', async () => {
      expect(errorOf(await client(url).auth.signInWithOtp({ email: 'not-an-email' }))).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(errorOf(await client(url).auth.signInWithOtp({ phone: '+919800000000' }))).toMatchObject({ status: 400, code: 'phone_provider_disabled' });
    });

    it('with confirmations on, an unknown address gets the sign-up confirmation, whose link signs in', async () => {
      const confirming = await start(false);
      try {
        const address = email('unconfirmed');
        expect((await client(confirming.url).auth.signInWithOtp({ email: address })).error).toBeNull();
        const [mail] = await inbox(address, confirming.url);
        expect(mail.subject).toBe('Confirm your email address');
        const { data, error } = await client(confirming.url).auth.verifyOtp({ email: address, token: codeIn(mail), type: 'email' });
        expect(error).toBeNull();
        expect(data.user?.email_confirmed_at).toEqual(expect.any(String));
      } finally {
        await confirming.app.close();
      }
    });
  });

  describe('secure password change', () => {
    it('a recent session changes the password without a nonce and ends the other sessions', async () => {
      const { supabase, email: address } = await signedIn();
      const other = client(url);
      await other.auth.signInWithPassword({ email: address, password: PASSWORD });

      expect((await supabase.auth.updateUser({ password: 'new-horse-battery' })).error).toBeNull();
      // supabase-js drops the ended session (session_not_found) and reports it missing.
      const gone = await other.auth.getUser();
      expect(gone.data.user).toBeNull();
      expect(gone.error?.name).toBe('AuthSessionMissingError');
      expect(errorOf(await client(url).auth.signInWithPassword({ email: address, password: PASSWORD }))).toMatchObject({ code: 'invalid_credentials' });
      expect((await client(url).auth.signInWithPassword({ email: address, password: 'new-horse-battery' })).error).toBeNull();
    });

    it('a session older than a day needs the nonce GET /reauthenticate mails; a wrong one is refused', async () => {
      const { supabase, email: address } = await signedIn();
      const sessionId = claimsOf((await supabase.auth.getSession()).data.session?.access_token as string)['session_id'];
      await db.query(`update auth.sessions set created_at = now() - interval '25 hours' where id = $1`, [sessionId]);

      expect(errorOf(await supabase.auth.updateUser({ password: 'new-horse-battery' }))).toMatchObject({ status: 400, code: 'reauthentication_needed' });

      expect((await supabase.auth.reauthenticate()).error).toBeNull();
      const [mail] = await inbox(address);
      const nonce = /Your code: (\d{6})/.exec(mail.text)?.[1] as string;
      expect(mail.subject).toBe(`${nonce} is your verification code`);
      // The nonce mail is rate-limited like every other.
      expect(errorOf(await supabase.auth.reauthenticate())).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });

      const wrong = nonce === '000000' ? '111111' : '000000';
      expect(errorOf(await supabase.auth.updateUser({ password: 'new-horse-battery', nonce: wrong }))).toMatchObject({ status: 422, code: 'reauthentication_not_valid' });
      expect((await supabase.auth.updateUser({ password: 'new-horse-battery', nonce })).error).toBeNull();
      // Spent: the nonce works once.
      expect(errorOf(await supabase.auth.updateUser({ password: 'third-horse-battery', nonce }))).toMatchObject({ code: 'reauthentication_not_valid' });
      expect((await client(url).auth.signInWithPassword({ email: address, password: 'new-horse-battery' })).error).toBeNull();
    });
  });

  describe('updateUser({ email })', () => {
    it('mails the new address; the user keeps the old one (new_email pending) until the link confirms it', async () => {
      const { supabase, email: address } = await signedIn();
      const next = email('moved');
      const { data, error } = await supabase.auth.updateUser({ email: next.toUpperCase() });
      expect(error).toBeNull();
      expect(data.user).toMatchObject({ email: address, new_email: next, email_change_sent_at: expect.any(String) });
      // Single confirmation (config.toml double_confirm_changes = false): nothing goes to the old address.
      expect(await inbox(address)).toHaveLength(0);
      const [mail] = await inbox(next);
      expect(mail.subject).toBe('Confirm your new email address');
      const link = linkIn(mail);
      expect(link.searchParams.get('type')).toBe('email_change');

      const verified = await client(url).auth.verifyOtp({ token_hash: link.searchParams.get('token_hash') as string, type: 'email_change' });
      expect(verified.error).toBeNull();
      expect(verified.data.user).toMatchObject({ email: next });
      expect(verified.data.user?.new_email).toBeUndefined();
      expect((await supabase.auth.getUser()).data.user?.email).toBe(next);
      // The profile follows (migration 20261202130000_auth_email_change).
      expect((await db.query('select email from public.users where id = $1', [data.user?.id])).rows[0].email).toBe(next);
      expect((await client(url).auth.signInWithPassword({ email: next, password: PASSWORD })).error).toBeNull();
      expect(errorOf(await client(url).auth.signInWithPassword({ email: address, password: PASSWORD }))).toMatchObject({ code: 'invalid_credentials' });
    });

    it('confirms with the new address and the code too; a taken address is 422 email_exists', async () => {
      const { supabase } = await signedIn();
      const { email: taken } = await signedIn();
      expect(errorOf(await supabase.auth.updateUser({ email: taken }))).toMatchObject({ status: 422, code: 'email_exists' });

      const next = email('coded');
      await supabase.auth.updateUser({ email: next });
      const code = codeIn((await inbox(next))[0]);
      const { data, error } = await client(url).auth.verifyOtp({ email: next, token: code, type: 'email_change' });
      expect(error).toBeNull();
      expect(data.user?.email).toBe(next);
    });
  });
});
