// Contract tests: the real supabase-js client against the GoTrue stand-in, on a real database.
import { AuthApiError, createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { FastifyInstance } from 'fastify';
import { createRemoteJWKSet, decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { Client } from 'pg';
import ws from 'ws';
import { createSandbox, type SandboxOptions } from '../sandbox';

const databaseUrl = process.env['DATABASE_URL'] as string;
const PASSWORD = 'correct-horse-battery';
let seq = 0;
const email = (tag: string) => `${tag}-${Date.now()}-${seq++}@Example.test`;

// Starts a sandbox on a free port; the issuer is read per token, so publicUrl can be filled in after listen.
// 'env' = as SANDBOX_AUTOCONFIRM says.
async function start(autoconfirm: boolean | 'env' = true): Promise<{ app: FastifyInstance; url: string }> {
  const options: SandboxOptions = { databaseUrl, publicUrl: '', autoconfirm: autoconfirm === 'env' ? undefined : autoconfirm };
  const app = await createSandbox(options);
  options.publicUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: options.publicUrl };
}

function client(url: string): SupabaseClient {
  return createClient(url, 'sandbox-publishable-key', {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
}

async function signUp(url: string, address = email('user'), data: Record<string, unknown> = {}) {
  const { data: result, error } = await client(url).auth.signUp({ email: address, password: PASSWORD, options: { data } });
  if (error || !result.session || !result.user) throw error ?? new Error('no session');
  return { session: result.session, user: result.user, email: address.toLowerCase() };
}

function errorOf(result: { error: unknown }): AuthApiError {
  expect(result.error).toBeInstanceOf(AuthApiError);
  return result.error as AuthApiError;
}

describe('Supabase Auth stand-in (/auth/v1) with supabase-js', () => {
  let app: FastifyInstance;
  let url: string;
  const db = new Client({ connectionString: databaseUrl });

  beforeAll(async () => {
    ({ app, url } = await start());
    await db.connect();
    // A probe trigger on auth.users: records the inserting role, and fails on demand like a broken profile trigger.
    await db.query(`
      create or replace function public.sandbox_auth_probe() returns trigger language plpgsql as $$
      begin
        if new.email like 'probe-fail-%' then raise exception 'probe failure'; end if;
        if new.email like 'probe-who-%' then new.raw_app_meta_data := new.raw_app_meta_data || jsonb_build_object('inserted_by', current_user::text); end if;
        return new;
      end $$;
      drop trigger if exists sandbox_auth_probe on auth.users;
      create trigger sandbox_auth_probe before insert on auth.users for each row execute function public.sandbox_auth_probe();`);
  });

  afterAll(async () => {
    await db.query('drop trigger if exists sandbox_auth_probe on auth.users; drop function if exists public.sandbox_auth_probe()');
    await db.end();
    await app.close();
  });

  it('signUp returns a session and writes a bcrypt-hashed auth.users row with the metadata', async () => {
    const address = email('Signup');
    const { session, user } = await signUp(url, address, { full_name: 'Ada Lovelace' });
    expect(session).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(session.expires_at).toBeGreaterThan(Date.now() / 1000);
    expect(user).toMatchObject({ email: address.toLowerCase(), aud: 'authenticated', role: 'authenticated', phone: '', is_anonymous: false });
    expect(user.app_metadata).toEqual({ provider: 'email', providers: ['email'] });
    expect(user.user_metadata).toMatchObject({ full_name: 'Ada Lovelace', email: address.toLowerCase(), email_verified: true, sub: user.id });
    expect(user.identities?.[0]).toMatchObject({ provider: 'email', user_id: user.id });

    const { rows } = await db.query('select email, encrypted_password, email_confirmed_at, last_sign_in_at, raw_user_meta_data from auth.users where id = $1', [user.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].email).toBe(address.toLowerCase());
    expect(rows[0].encrypted_password).toMatch(/^\$2a\$10\$/);
    expect(rows[0].email_confirmed_at).not.toBeNull();
    expect(rows[0].last_sign_in_at).not.toBeNull();
    expect(rows[0].raw_user_meta_data.full_name).toBe('Ada Lovelace');
  });

  it('writes auth.users as the non-superuser supabase_auth_admin', async () => {
    const { user } = await signUp(url, email('probe-who'));
    const { rows } = await db.query("select raw_app_meta_data ->> 'inserted_by' as role from auth.users where id = $1", [user.id]);
    expect(rows[0].role).toBe('supabase_auth_admin');
  });

  it('answers 500 "Database error saving new user" when an auth.users trigger fails, and keeps no row', async () => {
    const address = email('probe-fail').toLowerCase();
    const response = await fetch(`${url}/auth/v1/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: address, password: PASSWORD }) });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ code: 'unexpected_failure', message: 'Database error saving new user' });
    expect((await db.query('select 1 from auth.users where email = $1', [address])).rowCount).toBe(0);
  });

  it('with autoconfirm, rejects a duplicate email, whatever its case, with 422 user_already_exists (as GoTrue does)', async () => {
    const { email: address } = await signUp(url);
    const error = errorOf(await client(url).auth.signUp({ email: address.toUpperCase(), password: PASSWORD }));
    expect(error).toMatchObject({ status: 422, code: 'user_already_exists' });
  });

  it('rejects a short password with 422 weak_password and a bad email with 400 validation_failed', async () => {
    const weak = await client(url).auth.signUp({ email: email('weak'), password: 'short' });
    expect(weak.error).toMatchObject({ status: 422, code: 'weak_password', reasons: ['length'] });
    const bad = errorOf(await client(url).auth.signUp({ email: 'not-an-email', password: PASSWORD }));
    expect(bad).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('signs in with the password, and refuses a wrong password or unknown email with the same invalid_credentials', async () => {
    const { email: address, user } = await signUp(url);
    const ok = await client(url).auth.signInWithPassword({ email: address.toUpperCase(), password: PASSWORD });
    expect(ok.error).toBeNull();
    expect(ok.data.user?.id).toBe(user.id);
    expect(ok.data.session?.refresh_token).toBeTruthy();

    const wrong = errorOf(await client(url).auth.signInWithPassword({ email: address, password: 'wrong-password' }));
    const unknown = errorOf(await client(url).auth.signInWithPassword({ email: email('nobody'), password: PASSWORD }));
    expect(wrong).toMatchObject({ status: 400, code: 'invalid_credentials' });
    expect(unknown).toMatchObject({ status: 400, code: 'invalid_credentials', message: wrong.message });
  });

  it('getUser returns the user for a valid access token and bad_jwt for a forged one', async () => {
    const { session, user } = await signUp(url);
    const { data, error } = await client(url).auth.getUser(session.access_token);
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ id: user.id, email: user.email });

    const [header, payload] = session.access_token.split('.');
    const forged = errorOf(await client(url).auth.getUser(`${header}.${payload}.${'A'.repeat(86)}`));
    expect(forged).toMatchObject({ status: 403, code: 'bad_jwt' });
  });

  it('refreshSession rotates the refresh token and refuses the old one afterwards', async () => {
    const { session } = await signUp(url);
    const refreshed = await client(url).auth.refreshSession({ refresh_token: session.refresh_token });
    expect(refreshed.error).toBeNull();
    expect(refreshed.data.session?.refresh_token).toBeTruthy();
    expect(refreshed.data.session?.refresh_token).not.toBe(session.refresh_token);

    const reused = errorOf(await client(url).auth.refreshSession({ refresh_token: session.refresh_token }));
    expect(reused).toMatchObject({ status: 400, code: 'refresh_token_already_used' });
    const unknown = errorOf(await client(url).auth.refreshSession({ refresh_token: 'no-such-token' }));
    expect(unknown).toMatchObject({ status: 400, code: 'refresh_token_not_found' });
  });

  it('keeps one session across refreshes, so a refreshed token still reads the user', async () => {
    const { session } = await signUp(url);
    const { data } = await client(url).auth.refreshSession({ refresh_token: session.refresh_token });
    const next = data.session?.access_token as string;
    expect(decodeClaims(next)['session_id']).toBe(decodeClaims(session.access_token)['session_id']);
    expect((await client(url).auth.getUser(next)).error).toBeNull();
  });

  it('signOut revokes the session: getUser then fails and its refresh token is gone', async () => {
    const { email: address } = await signUp(url);
    const supabase = client(url);
    const { data } = await supabase.auth.signInWithPassword({ email: address, password: PASSWORD });
    const session = data.session as NonNullable<typeof data.session>;
    expect((await supabase.auth.signOut()).error).toBeNull();

    const after = await client(url).auth.getUser(session.access_token);
    expect(after.data.user).toBeNull();
    expect(after.error?.name).toBe('AuthSessionMissingError');
    const refresh = errorOf(await client(url).auth.refreshSession({ refresh_token: session.refresh_token }));
    expect(refresh.code).toBe('refresh_token_not_found');
  });

  it('ends the other sessions on a password change, and refuses a banned user the password grant with user_banned', async () => {
    const { email: address, session: first } = await signUp(url);
    const supabase = client(url);
    await supabase.auth.signInWithPassword({ email: address, password: PASSWORD });
    expect((await supabase.auth.updateUser({ password: 'another-horse-battery' })).error).toBeNull();
    expect((await client(url).auth.getUser(first.access_token)).error?.name).toBe('AuthSessionMissingError');
    expect((await supabase.auth.getUser()).error).toBeNull();

    await db.query(`update auth.users set banned_until = now() + interval '1 hour' where email = $1`, [address]);
    const banned = errorOf(await client(url).auth.signInWithPassword({ email: address, password: 'another-horse-battery' }));
    expect(banned).toMatchObject({ status: 400, code: 'user_banned' });
  });

  it('signOut with scope "others" keeps the current session only', async () => {
    const { email: address, session: first } = await signUp(url);
    const supabase = client(url);
    const { data } = await supabase.auth.signInWithPassword({ email: address, password: PASSWORD });
    expect((await supabase.auth.signOut({ scope: 'others' })).error).toBeNull();
    expect((await client(url).auth.getUser(first.access_token)).error?.name).toBe('AuthSessionMissingError');
    expect((await client(url).auth.getUser(data.session?.access_token)).error).toBeNull();
  });

  it('signs ES256 access tokens that verify against the JWKS with Supabase claims', async () => {
    const { session, user } = await signUp(url, email('jwt'), { full_name: 'Grace' });
    const jwks = createRemoteJWKSet(new URL(`${url}/auth/v1/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(session.access_token, jwks, { issuer: `${url}/auth/v1`, audience: 'authenticated', algorithms: ['ES256'] });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    expect(protectedHeader.kid).toBeTruthy();
    expect(payload).toMatchObject({
      sub: user.id,
      email: user.email,
      phone: '',
      role: 'authenticated',
      aal: 'aal1',
      is_anonymous: false,
      app_metadata: { provider: 'email', providers: ['email'] },
      user_metadata: { full_name: 'Grace' },
    });
    expect(payload.exp).toBe((payload.iat as number) + 3600);
    expect(payload['amr']).toEqual([{ method: 'password', timestamp: expect.any(Number) }]);
    expect(typeof payload['session_id']).toBe('string');

    const claims = await client(url).auth.getClaims(session.access_token);
    expect(claims.error).toBeNull();
    expect(claims.data?.claims.sub).toBe(user.id);
  });

  it('updateUser merges user_metadata and removes keys set to null', async () => {
    const { session } = await signUp(url, email('meta'), { full_name: 'Old', plan: 'pro' });
    const supabase = client(url);
    await supabase.auth.setSession({ access_token: session.access_token, refresh_token: session.refresh_token });
    const { data, error } = await supabase.auth.updateUser({ data: { full_name: 'New', plan: null } });
    expect(error).toBeNull();
    expect(data.user?.user_metadata).toMatchObject({ full_name: 'New' });
    expect(data.user?.user_metadata).not.toHaveProperty('plan');
  });

  it('lets a browser on another origin call PUT /user (CORS preflight allows the method)', async () => {
    const preflight = await fetch(`${url}/auth/v1/user`, { method: 'OPTIONS', headers: { origin: 'http://localhost:4200', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'authorization,content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:4200');
  });

  it('answers errors in the 2024-01-01 format with the version header, and serves health and settings', async () => {
    const response = await fetch(`${url}/auth/v1/user`);
    expect(response.status).toBe(401);
    expect(response.headers.get('x-supabase-api-version')).toBe('2024-01-01');
    expect(await response.json()).toEqual({ code: 'no_authorization', message: expect.any(String) });
    expect((await fetch(`${url}/auth/v1/health`)).status).toBe(200);
    expect(await (await fetch(`${url}/auth/v1/settings`)).json()).toMatchObject({ mailer_autoconfirm: true, external: { email: true } });
  });

  it('without autoconfirm, signUp returns only the user and sign-in waits for confirmation', async () => {
    await fetch(`${url}/auth/v1/__sandbox/autoconfirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ enabled: false }) });
    try {
      const address = email('unconfirmed').toLowerCase();
      const { data, error } = await client(url).auth.signUp({ email: address, password: PASSWORD });
      expect(error).toBeNull();
      expect(data.session).toBeNull();
      expect(data.user).toMatchObject({ email: address });
      expect(data.user?.email_confirmed_at).toBeUndefined();
      expect(errorOf(await client(url).auth.signInWithPassword({ email: address, password: PASSWORD })).code).toBe('email_not_confirmed');

      await fetch(`${url}/auth/v1/__sandbox/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: address }) });
      expect((await client(url).auth.signInWithPassword({ email: address, password: PASSWORD })).error).toBeNull();
    } finally {
      await fetch(`${url}/auth/v1/__sandbox/autoconfirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ enabled: true }) });
    }
  });

  it('reads SANDBOX_AUTOCONFIRM, SANDBOX_JWT_EXPIRY and SANDBOX_JWT_PRIVATE_JWK at startup; sandboxes share state through Postgres', async () => {
    const jwk = { ...(await exportJWK((await generateKeyPair('ES256', { extractable: true })).privateKey)), kid: 'fixed-test-key' };
    const shared = { SANDBOX_JWT_EXPIRY: '120', SANDBOX_JWT_PRIVATE_JWK: JSON.stringify(jwk) };
    const first = await withEnv({ ...shared, SANDBOX_AUTOCONFIRM: 'false' }, () => start('env'));
    const second = await withEnv({ ...shared, SANDBOX_AUTOCONFIRM: 'true' }, () => start('env'));
    try {
      const address = email('env').toLowerCase();
      const signup = await client(first.url).auth.signUp({ email: address, password: PASSWORD });
      expect(signup.data.session).toBeNull();
      await fetch(`${first.url}/auth/v1/__sandbox/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: address }) });

      const { data } = await client(first.url).auth.signInWithPassword({ email: address, password: PASSWORD });
      const session = data.session as NonNullable<typeof data.session>;
      expect(session.expires_in).toBe(120);
      expect(decodeProtectedHeader(session.access_token).kid).toBe('fixed-test-key');
      // Same key and same tables: the second process accepts the first one's tokens.
      expect((await client(second.url).auth.getUser(session.access_token)).error).toBeNull();
      expect((await client(second.url).auth.refreshSession({ refresh_token: session.refresh_token })).error).toBeNull();
    } finally {
      await Promise.all([first.app.close(), second.app.close()]);
    }
  });
});

describe('Supabase Auth stand-in: e-mail confirmation (confirmations on, as on a Supabase project)', () => {
  let app: FastifyInstance;
  let url: string;
  const db = new Client({ connectionString: databaseUrl });

  beforeAll(async () => {
    // SANDBOX_AUTOCONFIRM unset: the default.
    const saved = process.env['SANDBOX_AUTOCONFIRM'];
    delete process.env['SANDBOX_AUTOCONFIRM'];
    ({ app, url } = await withEnv({ SANDBOX_SITE_URL: 'http://web.test' }, () => start('env')));
    if (saved !== undefined) process.env['SANDBOX_AUTOCONFIRM'] = saved;
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await app.close();
  });

  // The stand-in's inbox: mails to this address, newest first.
  async function inbox(address: string): Promise<{ subject: string; text: string; html: string }[]> {
    return (await fetch(`${url}/resend/__sandbox/emails?to=${encodeURIComponent(address)}`)).json();
  }
  const linkIn = (mail: { text: string }) => new URL(/http:\/\/web\.test\/verify\S+/.exec(mail.text)?.[0] as string);
  const codeIn = (mail: { text: string }) => /code: (\d{6})/.exec(mail.text)?.[1] as string;

  it('is on by default: signUp returns no session, mails a link and a 6-digit code, and the password grant waits', async () => {
    const address = email('confirm').toLowerCase();
    const { data, error } = await client(url).auth.signUp({ email: address, password: PASSWORD });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    expect(data.user?.confirmation_sent_at).toEqual(expect.any(String));
    expect(await (await fetch(`${url}/auth/v1/settings`)).json()).toMatchObject({ mailer_autoconfirm: false });
    expect(errorOf(await client(url).auth.signInWithPassword({ email: address, password: PASSWORD }))).toMatchObject({ status: 400, code: 'email_not_confirmed' });

    const mails = await inbox(address);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Confirm your email address');
    const link = linkIn(mails[0]);
    expect(link.searchParams.get('type')).toBe('signup');
    expect(link.searchParams.get('token_hash')).toMatch(/^[0-9a-f]{56}$/);
    expect(codeIn(mails[0])).toMatch(/^\d{6}$/);
    // Stored hashed, as GoTrue does: the link's sha224, never the code.
    const { rows } = await db.query('select confirmation_token from auth.users where email = $1', [address]);
    expect(rows[0].confirmation_token).toBe(link.searchParams.get('token_hash'));
  });

  it('verifyOtp with the link token_hash confirms and signs in, once', async () => {
    const address = email('link').toLowerCase();
    await client(url).auth.signUp({ email: address, password: PASSWORD });
    const tokenHash = linkIn((await inbox(address))[0]).searchParams.get('token_hash') as string;

    const supabase = client(url);
    const { data, error } = await supabase.auth.verifyOtp({ token_hash: tokenHash, type: 'signup' });
    expect(error).toBeNull();
    expect(data.session?.access_token).toBeTruthy();
    expect(data.user).toMatchObject({ email: address, email_confirmed_at: expect.any(String) });
    expect(data.user?.user_metadata).toMatchObject({ email_verified: true });
    expect((await supabase.auth.getUser()).data.user?.email).toBe(address);
    expect((await client(url).auth.signInWithPassword({ email: address, password: PASSWORD })).error).toBeNull();

    const again = errorOf(await client(url).auth.verifyOtp({ token_hash: tokenHash, type: 'signup' }));
    expect(again).toMatchObject({ status: 403, code: 'otp_expired', message: 'Email link is invalid or has expired' });
  });

  it('verifyOtp with the e-mail and the 6-digit code signs in; a wrong code or an expired link is otp_expired', async () => {
    const address = email('code').toLowerCase();
    await client(url).auth.signUp({ email: address, password: PASSWORD });
    const mail = (await inbox(address))[0];
    const code = codeIn(mail);
    const wrong = errorOf(await client(url).auth.verifyOtp({ email: address, token: code === '000000' ? '111111' : '000000', type: 'email' }));
    expect(wrong).toMatchObject({ status: 403, code: 'otp_expired', message: 'Token has expired or is invalid' });

    await db.query(`update auth.users set confirmation_sent_at = now() - interval '25 hours' where email = $1`, [address]);
    const expired = errorOf(await client(url).auth.verifyOtp({ token_hash: linkIn(mail).searchParams.get('token_hash') as string, type: 'signup' }));
    expect(expired.code).toBe('otp_expired');

    await db.query(`update auth.users set confirmation_sent_at = now() where email = $1`, [address]);
    const { data, error } = await client(url).auth.verifyOtp({ email: address.toUpperCase(), token: code, type: 'email' });
    expect(error).toBeNull();
    expect(data.session?.user.email).toBe(address);
  });

  it('refuses a verify without a type or a token with 400 validation_failed', async () => {
    const post = (body: unknown) => fetch(`${url}/auth/v1/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const noType = await post({ token_hash: 'x' });
    expect(noType.status).toBe(400);
    expect(await noType.json()).toEqual({ code: 'validation_failed', message: 'Verify requires a verification type' });
    expect(await (await post({ type: 'signup' })).json()).toEqual({ code: 'validation_failed', message: 'Verify requires either a token or a token hash' });
  });

  it('resend is rate limited per user (429 over_email_send_rate_limit) and silent for unknown or confirmed addresses', async () => {
    const address = email('resend').toLowerCase();
    await client(url).auth.signUp({ email: address, password: PASSWORD });
    const limited = errorOf(await client(url).auth.resend({ type: 'signup', email: address }));
    expect(limited).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
    expect(limited.message).toMatch(/^For security purposes, you can only request this after \d+ seconds\.$/);
    expect(await inbox(address)).toHaveLength(1);

    expect((await client(url).auth.resend({ type: 'signup', email: email('nobody') })).error).toBeNull();
    const confirmed = email('confirmed').toLowerCase();
    await client(url).auth.signUp({ email: confirmed, password: PASSWORD });
    await fetch(`${url}/auth/v1/__sandbox/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: confirmed }) });
    await fetch(`${url}/resend/__sandbox/reset`, { method: 'POST' });
    expect((await client(url).auth.resend({ type: 'signup', email: confirmed })).error).toBeNull();
    expect(await inbox(confirmed)).toHaveLength(0);
    const bad = errorOf(await client(url).auth.resend({ type: 'recovery' as 'signup', email: address }));
    expect(bad).toMatchObject({ status: 400, code: 'validation_failed' });
  });

  it('a sign-up with a confirmed address answers like a new one: an obfuscated user, no session, no mail, no change', async () => {
    const address = email('taken').toLowerCase();
    await client(url).auth.signUp({ email: address, password: PASSWORD, options: { data: { full_name: 'First Owner' } } });
    await fetch(`${url}/auth/v1/__sandbox/confirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: address }) });
    await fetch(`${url}/resend/__sandbox/reset`, { method: 'POST' });
    const before = (await db.query('select id, encrypted_password, raw_user_meta_data, confirmation_sent_at from auth.users where email = $1', [address])).rows[0];

    const { data, error } = await client(url).auth.signUp({ email: address.toUpperCase(), password: 'another-password-1', options: { data: { full_name: 'Someone Else' } } });
    expect(error).toBeNull();
    expect(data.session).toBeNull();
    // What auth-js users test for (user.identities.length === 0); the id is a fresh one, not the account's.
    expect(data.user?.identities).toEqual([]);
    expect(data.user).toMatchObject({ email: address, confirmation_sent_at: expect.any(String), app_metadata: { provider: 'email', providers: ['email'] } });
    expect(data.user?.id).not.toBe(before.id);
    expect(data.user?.email_confirmed_at).toBeUndefined();
    expect(data.user?.user_metadata).toEqual({ full_name: 'Someone Else' });

    expect(await inbox(address)).toHaveLength(0);
    const after = (await db.query('select id, encrypted_password, raw_user_meta_data, confirmation_sent_at from auth.users where email = $1', [address])).rows;
    expect(after).toEqual([before]);
    expect((await client(url).auth.signInWithPassword({ email: address, password: PASSWORD })).error).toBeNull();
  });

  it('a sign-up with an address still to confirm mails its confirmation again (rate limited) and keeps the first password', async () => {
    const quick = await withEnv({ SANDBOX_EMAIL_MAX_FREQUENCY: '0' }, () => start(false));
    try {
      const address = email('twice').toLowerCase();
      const first = await client(quick.url).auth.signUp({ email: address, password: PASSWORD });
      const again = await client(quick.url).auth.signUp({ email: address, password: 'another-password-1' });
      expect(again.error).toBeNull();
      expect(again.data.session).toBeNull();
      expect(again.data.user?.id).toBe(first.data.user?.id);
      const mails: { text: string }[] = await (await fetch(`${quick.url}/resend/__sandbox/emails?to=${encodeURIComponent(address)}`)).json();
      expect(mails).toHaveLength(2);
      const { rows } = await db.query('select extensions.crypt($2, encrypted_password) = encrypted_password as same from auth.users where email = $1', [address, PASSWORD]);
      expect(rows[0].same).toBe(true);
    } finally {
      await quick.app.close();
    }
    const address = email('twice-limited').toLowerCase();
    await client(url).auth.signUp({ email: address, password: PASSWORD });
    expect(errorOf(await client(url).auth.signUp({ email: address, password: PASSWORD }))).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
  });

  it('resend after the interval mails a new link, and the old one stops working', async () => {
    const quick = await withEnv({ SANDBOX_EMAIL_MAX_FREQUENCY: '0' }, () => start(false));
    try {
      const address = email('again').toLowerCase();
      await client(quick.url).auth.signUp({ email: address, password: PASSWORD });
      expect((await client(quick.url).auth.resend({ type: 'signup', email: address })).error).toBeNull();
      const mails: { text: string }[] = await (await fetch(`${quick.url}/resend/__sandbox/emails?to=${encodeURIComponent(address)}`)).json();
      expect(mails).toHaveLength(2);
      const [newer, older] = mails.map((m) => /token_hash=([0-9a-f]+)/.exec(m.text)?.[1] as string);
      expect(newer).not.toBe(older);
      expect(errorOf(await client(quick.url).auth.verifyOtp({ token_hash: older, type: 'signup' })).code).toBe('otp_expired');
      expect((await client(quick.url).auth.verifyOtp({ token_hash: newer, type: 'signup' })).error).toBeNull();
    } finally {
      await quick.app.close();
    }
  });
});

describe('Supabase Auth stand-in: password recovery', () => {
  let app: FastifyInstance;
  let url: string;

  beforeAll(async () => {
    ({ app, url } = await withEnv({ SANDBOX_SITE_URL: 'http://web.test' }, () => start(true)));
  });

  afterAll(() => app.close());

  const mailsTo = async (address: string): Promise<{ subject: string; text: string }[]> =>
    (await fetch(`${url}/resend/__sandbox/emails?to=${encodeURIComponent(address)}`)).json();
  const hashIn = (mail: { text: string }) => /http:\/\/web\.test\/verify\?token_hash=([0-9a-f]{56})&type=recovery/.exec(mail.text)?.[1] as string;

  it('resetPasswordForEmail mails a recovery link; verifyOtp signs in with PASSWORD_RECOVERY and updateUser sets the new password', async () => {
    const { email: address } = await signUp(url);
    expect((await client(url).auth.resetPasswordForEmail(address, { redirectTo: 'http://web.test/verify' })).error).toBeNull();
    const mails = await mailsTo(address);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Reset your password');
    const tokenHash = hashIn(mails[0]);
    expect(tokenHash).toBeTruthy();

    const supabase = client(url);
    const events: string[] = [];
    supabase.auth.onAuthStateChange((event) => void events.push(event));
    const { data, error } = await supabase.auth.verifyOtp({ token_hash: tokenHash, type: 'recovery' });
    expect(error).toBeNull();
    expect(data.session?.user.email).toBe(address);
    expect(events).toContain('PASSWORD_RECOVERY');
    expect((await supabase.auth.updateUser({ password: 'a-brand-new-password' })).error).toBeNull();

    expect(errorOf(await client(url).auth.signInWithPassword({ email: address, password: PASSWORD })).code).toBe('invalid_credentials');
    expect((await client(url).auth.signInWithPassword({ email: address, password: 'a-brand-new-password' })).error).toBeNull();
    expect(errorOf(await client(url).auth.verifyOtp({ token_hash: tokenHash, type: 'recovery' }))).toMatchObject({ status: 403, code: 'otp_expired' });
  });

  it('answers an unknown address like a known one, limits one mail a minute, and needs an email', async () => {
    expect((await client(url).auth.resetPasswordForEmail(email('nobody'))).error).toBeNull();
    const { email: address } = await signUp(url);
    expect((await client(url).auth.resetPasswordForEmail(address)).error).toBeNull();
    expect(errorOf(await client(url).auth.resetPasswordForEmail(address))).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' });
    expect(await mailsTo(address)).toHaveLength(1);
    const missing = await fetch(`${url}/auth/v1/recover`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ code: 'validation_failed', message: 'Password recovery requires an email' });
  });

  it('a recovery link also confirms an address never confirmed, and a recovery code works as type "email"', async () => {
    const unconfirmed = await withEnv({ SANDBOX_SITE_URL: 'http://web.test', SANDBOX_EMAIL_MAX_FREQUENCY: '0' }, () => start(false));
    try {
      const address = email('recover-unconfirmed').toLowerCase();
      await client(unconfirmed.url).auth.signUp({ email: address, password: PASSWORD });
      expect((await client(unconfirmed.url).auth.resetPasswordForEmail(address)).error).toBeNull();
      const mails: { subject: string; text: string }[] = await (await fetch(`${unconfirmed.url}/resend/__sandbox/emails?to=${encodeURIComponent(address)}`)).json();
      const recovery = mails.find((m) => m.subject === 'Reset your password') as { text: string };
      const code = /code: (\d{6})/.exec(recovery.text)?.[1] as string;
      const { data, error } = await client(unconfirmed.url).auth.verifyOtp({ email: address, token: code, type: 'email' });
      expect(error).toBeNull();
      expect(data.user?.email_confirmed_at).toEqual(expect.any(String));
    } finally {
      await unconfirmed.app.close();
    }
  });
});

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

function decodeClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}
