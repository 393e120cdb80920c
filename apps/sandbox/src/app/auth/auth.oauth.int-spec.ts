// Contract tests: Google sign-in with PKCE through the real supabase-js client, the GoTrue stand-in and the Google stand-in.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { FastifyInstance } from 'fastify';
import { decodeJwt } from 'jose';
import { Client } from 'pg';
import ws from 'ws';
import { createSandbox, type SandboxOptions } from '../sandbox';

const databaseUrl = process.env['DATABASE_URL'] as string;
const PASSWORD = 'correct-horse-battery';
const APP_CALLBACK = 'http://localhost:4200/auth/callback';
let seq = 0;
const email = (tag: string) => `${tag}-${Date.now()}-${seq++}@gmail.test`;

/** supabase-js as the browser app configures it (PKCE), with storage we can look into. */
function pkceClient(url: string): { client: SupabaseClient; storage: Map<string, string> } {
  const storage = new Map<string, string>();
  const client = createClient(url, 'sandbox-publishable-key', {
    auth: {
      flowType: 'pkce',
      persistSession: true,
      autoRefreshToken: false,
      detectSessionInUrl: false,
      storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v), removeItem: (k) => void storage.delete(k) },
    },
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
  return { client, storage };
}

const verifierIn = (storage: Map<string, string>) => [...storage.entries()].find(([key]) => key.endsWith('-code-verifier'))?.[1].split('/')[0] as string;

async function redirectOf(response: Response | Promise<Response>): Promise<URL> {
  const r = await response;
  expect([302, 303]).toContain(r.status);
  return new URL(r.headers.get('location') as string);
}

const get = (url: string | URL) => fetch(url, { redirect: 'manual' });

/** The consent page's form, as a browser would post it. */
function consent(googleAuthorize: URL, fields: Record<string, string>): Promise<Response> {
  const q = googleAuthorize.searchParams;
  const form = new URLSearchParams({ client_id: q.get('client_id') ?? '', redirect_uri: q.get('redirect_uri') ?? '', state: q.get('state') ?? '', scope: q.get('scope') ?? '', ...fields });
  return fetch(new URL(googleAuthorize.pathname, googleAuthorize), { method: 'POST', body: form, redirect: 'manual' });
}

describe('Google sign-in with PKCE (/auth/v1/authorize, /callback, /token?grant_type=pkce) with supabase-js', () => {
  let app: FastifyInstance;
  let url: string;
  const db = new Client({ connectionString: databaseUrl });

  beforeAll(async () => {
    const options: SandboxOptions = { databaseUrl, publicUrl: '', autoconfirm: true };
    app = await createSandbox(options);
    options.publicUrl = url = await app.listen({ port: 0, host: '127.0.0.1' });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await app.close();
  });

  /** signInWithOAuth, then the browser's trip: GoTrue -> Google's consent page -> (decision) -> GoTrue's callback -> the app. */
  async function viaGoogle(account: { email: string; name: string }, decision: 'allow' | 'deny' = 'allow') {
    const { client, storage } = pkceClient(url);
    const { data, error } = await client.auth.signInWithOAuth({ provider: 'google', options: { redirectTo: APP_CALLBACK, skipBrowserRedirect: true } });
    expect(error).toBeNull();
    const googleAuthorize = await redirectOf(get(data.url as string));
    const page = await get(googleAuthorize);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sign in with Google');
    const gotrueCallback = await redirectOf(consent(googleAuthorize, { ...account, decision }));
    const back = await redirectOf(get(gotrueCallback));
    return { client, storage, googleAuthorize, gotrueCallback, back, code: back.searchParams.get('code') };
  }

  it('advertises Google in /settings', async () => {
    const settings = await (await fetch(`${url}/auth/v1/settings`)).json();
    expect(settings.external).toMatchObject({ google: true, email: true });
  });

  it("signInWithOAuth's URL starts a PKCE flow state and sends the browser to Google's authorization endpoint", async () => {
    const { client, storage } = pkceClient(url);
    const { data } = await client.auth.signInWithOAuth({ provider: 'google', options: { redirectTo: APP_CALLBACK, skipBrowserRedirect: true } });
    const authorize = new URL(data.url as string);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${url}/auth/v1/authorize`);
    expect(authorize.searchParams.get('provider')).toBe('google');
    expect(authorize.searchParams.get('redirect_to')).toBe(APP_CALLBACK);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('s256');
    expect(verifierIn(storage)).toBeTruthy();

    const google = await redirectOf(get(authorize));
    expect(`${google.origin}${google.pathname}`).toBe(`${url}/google/o/oauth2/v2/auth`);
    expect(Object.fromEntries(google.searchParams)).toMatchObject({ client_id: 'raptorflow-sandbox.apps.googleusercontent.com', redirect_uri: `${url}/auth/v1/callback`, response_type: 'code', scope: 'email profile' });
    const { rows } = await db.query('select code_challenge, code_challenge_method, provider_type, referrer, user_id from auth.flow_state where id = $1', [google.searchParams.get('state')]);
    expect(rows[0]).toEqual({ code_challenge: authorize.searchParams.get('code_challenge'), code_challenge_method: 's256', provider_type: 'google', referrer: APP_CALLBACK, user_id: null });
  });

  it('a new Google account signs up: exchangeCodeForSession returns an oauth session with a google identity, and the profile trigger ran', async () => {
    const address = email('new');
    const { client, back, code } = await viaGoogle({ email: address, name: 'Meera Nair' });
    expect(`${back.origin}${back.pathname}`).toBe(APP_CALLBACK);
    expect(code).toMatch(/^[0-9a-f-]{36}$/);

    const { data, error } = await client.auth.exchangeCodeForSession(code as string);
    expect(error).toBeNull();
    const user = data.user;
    expect(user).toMatchObject({ email: address, app_metadata: { provider: 'google', providers: ['google'] } });
    expect(user?.email_confirmed_at).toBeTruthy();
    expect(user?.identities).toHaveLength(1);
    expect(user?.identities?.[0]).toMatchObject({ provider: 'google', user_id: user?.id, identity_data: { email: address, email_verified: true, full_name: 'Meera Nair' } });
    expect(user?.user_metadata).toMatchObject({ full_name: 'Meera Nair', email: address });
    const claims = decodeJwt(data.session?.access_token as string);
    expect(claims['amr']).toEqual([{ method: 'oauth', timestamp: expect.any(Number) }]);
    expect((await client.auth.getUser()).data.user?.id).toBe(user?.id);

    const { rows } = await db.query('select full_name from public.users where id = $1', [user?.id]);
    expect(rows).toEqual([{ full_name: 'Meera Nair' }]);
    expect((await db.query('select 1 from auth.users where id = $1 and encrypted_password is null', [user?.id])).rowCount).toBe(1);
  });

  it('refuses a wrong code_verifier and keeps the flow for the right one; a spent code is refused', async () => {
    const { client, storage, code } = await viaGoogle({ email: email('verifier'), name: 'Kiran Rao' });
    const verifier = verifierIn(storage);
    const exchange = (code_verifier: string) =>
      fetch(`${url}/auth/v1/token?grant_type=pkce`, { method: 'POST', headers: { 'content-type': 'application/json', apikey: 'k' }, body: JSON.stringify({ auth_code: code, code_verifier }) });

    const wrong = await exchange('x'.repeat(56));
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ code: 'bad_code_verifier', message: 'code challenge does not match previously saved code verifier' });

    const { data, error } = await client.auth.exchangeCodeForSession(code as string);
    expect(error).toBeNull();
    expect(data.session?.access_token).toBeTruthy();

    const reused = await exchange(verifier);
    expect(reused.status).toBe(404);
    expect(await reused.json()).toEqual({ code: 'flow_state_not_found', message: 'invalid flow state, no valid flow state found' });

    const empty = await exchange('');
    expect(empty.status).toBe(400);
    expect((await empty.json()).code).toBe('validation_failed');
  });

  it('the same Google account signs in again as the same user', async () => {
    const account = { email: email('again'), name: 'Dev Patel' };
    const first = await viaGoogle(account);
    const one = await first.client.auth.exchangeCodeForSession(first.code as string);
    const second = await viaGoogle(account);
    const two = await second.client.auth.exchangeCodeForSession(second.code as string);
    expect(two.data.user?.id).toBe(one.data.user?.id);
    expect(two.data.user?.identities).toHaveLength(1);
  });

  it('links Google to an existing confirmed email/password account with that address', async () => {
    const address = email('linked');
    const { client: emailClient } = pkceClient(url);
    const signUp = await emailClient.auth.signUp({ email: address, password: PASSWORD, options: { data: { full_name: 'Anita Das' } } });
    const existingId = signUp.data.user?.id;
    expect(existingId).toBeTruthy();

    const { client, code } = await viaGoogle({ email: address, name: 'Anita Das' });
    const { data, error } = await client.auth.exchangeCodeForSession(code as string);
    expect(error).toBeNull();
    expect(data.user?.id).toBe(existingId);
    expect(data.user?.app_metadata).toMatchObject({ provider: 'email', providers: ['email', 'google'] });
    expect(data.user?.identities?.map((i) => i.provider)).toEqual(['email', 'google']);
    // The password still works.
    const again = await pkceClient(url).client.auth.signInWithPassword({ email: address, password: PASSWORD });
    expect(again.data.user?.id).toBe(existingId);
    expect((await db.query('select count(*)::int as n from public.users where email = $1', [address])).rows[0].n).toBe(1);
  });

  it("takes over an unconfirmed account with that address as GoTrue does: confirmed, the unproven password removed", async () => {
    const address = email('unconfirmed');
    await fetch(`${url}/auth/v1/__sandbox/autoconfirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ enabled: false }) });
    let existingId: string | undefined;
    try {
      const signUp = await pkceClient(url).client.auth.signUp({ email: address, password: PASSWORD });
      existingId = signUp.data.user?.id;
      expect(signUp.data.session).toBeNull();
    } finally {
      await fetch(`${url}/auth/v1/__sandbox/autoconfirm`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ enabled: true }) });
    }
    const { client, code } = await viaGoogle({ email: address, name: 'Sana Khan' });
    const { data } = await client.auth.exchangeCodeForSession(code as string);
    expect(data.user?.id).toBe(existingId);
    expect(data.user?.email_confirmed_at).toBeTruthy();
    expect(data.user?.identities?.map((i) => i.provider)).toEqual(['google']);
    expect(data.user?.user_metadata).toMatchObject({ full_name: 'Sana Khan' });
    const password = await pkceClient(url).client.auth.signInWithPassword({ email: address, password: PASSWORD });
    expect(password.error?.code).toBe('invalid_credentials');
  });

  it('Cancel on the consent page comes back to redirect_to with error=access_denied and no code', async () => {
    const { back, code } = await viaGoogle({ email: email('cancel'), name: 'X' }, 'deny');
    expect(`${back.origin}${back.pathname}`).toBe(APP_CALLBACK);
    expect(code).toBeNull();
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.has('error_description')).toBe(true);
    expect(new URLSearchParams(back.hash.slice(1)).get('error')).toBe('access_denied');
  });

  it('answers bad requests as GoTrue does', async () => {
    const github = await get(`${url}/auth/v1/authorize?provider=github`);
    expect(github.status).toBe(400);
    expect(await github.json()).toMatchObject({ code: 'validation_failed', message: 'Unsupported provider: Provider github could not be found' });

    const short = await get(`${url}/auth/v1/authorize?provider=google&code_challenge=abc&code_challenge_method=s256`);
    expect(short.status).toBe(400);
    expect((await short.json()).message).toBe('code challenge has to be between 43 and 128 characters');

    const half = await get(`${url}/auth/v1/authorize?provider=google&code_challenge=${'a'.repeat(43)}`);
    expect((await half.json()).message).toBe('PKCE flow requires code_challenge_method and code_challenge');

    // An unknown state cannot name the app's URL: the error goes to the site URL.
    const unknown = await redirectOf(get(`${url}/auth/v1/callback?state=00000000-0000-4000-8000-000000000000&code=x`));
    expect(unknown.searchParams.get('error_code')).toBe('bad_oauth_state');

    // A redirect_to on another host falls back to the site URL.
    const { client } = pkceClient(url);
    const { data } = await client.auth.signInWithOAuth({ provider: 'google', options: { redirectTo: 'https://evil.example/steal', skipBrowserRedirect: true } });
    const state = (await redirectOf(get(data.url as string))).searchParams.get('state');
    const { rows } = await db.query('select referrer from auth.flow_state where id = $1', [state]);
    expect(rows[0].referrer).not.toContain('evil.example');

    // Google refuses a redirect URI it does not know, on its own page.
    const mismatch = await get(`${url}/google/o/oauth2/v2/auth?client_id=raptorflow-sandbox.apps.googleusercontent.com&redirect_uri=https://evil.example/cb&response_type=code&scope=email`);
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('redirect_uri_mismatch');
  });

  it('a Google code is spent by its first exchange (Google token endpoint)', async () => {
    const { gotrueCallback } = await viaGoogle({ email: email('google-code'), name: 'Lata' });
    const code = gotrueCallback.searchParams.get('code') as string;
    const token = await fetch(`${url}/google/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: `${url}/auth/v1/callback`, client_id: 'raptorflow-sandbox.apps.googleusercontent.com', client_secret: 'sandbox-google-secret' }),
    });
    expect(token.status).toBe(400);
    expect(await token.json()).toEqual({ error: 'invalid_grant', error_description: 'Bad Request' });
  });
});
