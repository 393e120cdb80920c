import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PoolClient } from 'pg';
import { googleEndpoints, type GoogleConfig } from '../google/google.config';
import { badRequest, forbidden, GoTrueError, unprocessable } from './auth.errors';
import { OAuthStore } from './auth.oauth.store';
import type { AuthService, Session } from './auth.service';
import type { AuthStore, ClientInfo, UserRow } from './auth.store';
import { hasEmailIdentity } from './auth.user';

/** GOTRUE_EXTERNAL_FLOW_STATE_EXPIRY_DURATION's default: from /authorize to the code exchange. */
const FLOW_STATE_EXPIRY_MS = 300_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CODE_CHALLENGE = /^[a-zA-Z._~0-9-]+$/;
// Parameters GoTrue itself sets or reads; everything else on /authorize is handed on to the provider (e.g. prompt, login_hint).
const NOT_FORWARDED = new Set(['provider', 'scopes', 'redirect_to', 'code_challenge', 'code_challenge_method', 'invite_token', 'skip_http_redirect',
  'client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'nonce']);

export interface OAuthDeps {
  auth: AuthService;
  store: AuthStore;
  google: GoogleConfig;
  /** GoTrue's SITE_URL: redirect_to must stay on its host; errors before a flow is known go there. */
  siteUrl: string;
  /** This sandbox's public URL (read per request: known once it listens). */
  publicUrl(): string;
}

/** An error the provider (or the flow) reports; GoTrue hands it back to the app in the redirect, as OAuth `error`. */
class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

interface ProviderUser {
  subject: string;
  email: string;
  verified: boolean;
  /** GoTrue's provider.Claims as stored in identity_data and merged into user_metadata. */
  claims: Record<string, unknown>;
}

type Query = Record<string, string | undefined>;

/**
 * GoTrue's external-provider sign-in for Google (internal/api/external.go, token.go PKCE): GET /authorize starts a flow
 * state and sends the browser to Google; GET /callback takes Google's code, exchanges it server-side, creates or links the
 * user and sends the browser back to redirect_to with GoTrue's own code; POST /token?grant_type=pkce trades that code and
 * the client's code_verifier for a session. Returns the PKCE grant for the /token route.
 */
export function oauthRoutes(
  app: FastifyInstance,
  deps: OAuthDeps,
): { enabled: { google: boolean }; pkceGrant(body: Record<string, unknown>, client: ClientInfo): Promise<Session & { provider_token?: string }> } {
  const { auth, store, google } = deps;
  const flows = new OAuthStore();
  const callbackUri = () => google.redirectUri ?? `${deps.publicUrl()}/auth/v1/callback`;
  const endpoints = () => googleEndpoints(google.baseUrl ?? `${deps.publicUrl()}/google`);

  app.get('/authorize', async (request: FastifyRequest<{ Querystring: Query }>, reply) => {
    const q = request.query;
    const provider = (q['provider'] ?? '').toLowerCase();
    if (provider !== 'google') throw badRequest('validation_failed', `Unsupported provider: Provider ${provider} could not be found`);
    if (!google.enabled) throw badRequest('validation_failed', 'Unsupported provider: provider is not enabled');
    const challenge = q['code_challenge'] ?? '';
    const method = (q['code_challenge_method'] ?? '').toLowerCase();
    validatePkceParams(challenge, method);
    if (challenge && method !== 's256' && method !== 'plain') throw badRequest('validation_failed', 'Invalid code_challenge_method');
    const referrer = allowedRedirect(deps.siteUrl, q['redirect_to']) ?? allowedRedirect(deps.siteUrl, request.headers.referer) ?? deps.siteUrl;
    const flow = await store.transaction((c) =>
      flows.createFlowState(c, { provider, codeChallenge: challenge || null, codeChallengeMethod: challenge ? (method as 's256' | 'plain') : null, referrer }),
    );
    const url = new URL(endpoints().authorize);
    const scopes = ['email', 'profile', ...(q['scopes'] ? q['scopes'].split(',') : [])];
    url.search = new URLSearchParams({ client_id: google.clientId, redirect_uri: callbackUri(), response_type: 'code', scope: scopes.join(' '), state: flow.id }).toString();
    for (const [key, value] of Object.entries(q)) if (value !== undefined && !NOT_FORWARDED.has(key.toLowerCase())) url.searchParams.set(key, value);
    return reply.redirect(url.toString(), 302);
  });

  app.get('/callback', async (request: FastifyRequest<{ Querystring: Query }>, reply) => {
    const q = request.query;
    // Without a usable state GoTrue cannot know the app's URL: it answers on the site URL (303).
    const state = q['state'] ?? '';
    const early = (code: string, message: string) => reply.redirect(withError(deps.siteUrl, badRequest(code, message)), 303);
    if (!state) return early('bad_oauth_callback', 'OAuth state parameter missing');
    if (!UUID.test(state)) return early('bad_oauth_state', 'OAuth state parameter is invalid');
    const flow = await store.transaction((c) => flows.findFlowState(c, state));
    if (!flow) return early('bad_oauth_state', 'OAuth state not found or expired');
    if (expired(flow.created_at)) return early('bad_oauth_state', 'OAuth state has expired');
    if (flow.code_challenge && flow.user_id) return early('flow_state_already_used', 'State has already been used');
    const back = flow.referrer ?? deps.siteUrl;
    try {
      return reply.redirect(await completeSignIn(flow.id, !!flow.code_challenge, back, q, clientInfo(request)), 302);
    } catch (error) {
      if (!(error instanceof GoTrueError) && !(error instanceof OAuthError)) request.log.error(error);
      return reply.redirect(withError(back, error), 302);
    }
  });

  async function completeSignIn(flowId: string, pkce: boolean, back: string, q: Query, client: ClientInfo): Promise<string> {
    if (q['error']) throw new OAuthError(q['error'], q['error_description'] ?? '');
    const code = q['code'];
    if (!code) throw badRequest('bad_oauth_callback', 'OAuth callback with missing authorization code missing');
    const token = await exchangeCode(code);
    const user = await fetchUser(token.access_token);
    return store.transaction(async (c) => {
      const signedIn = await linkOrCreate(c, user);
      if (pkce) {
        const flow = await flows.lockFlowState(c, flowId);
        if (!flow) throw new OAuthError('server_error', 'invalid flow state, no valid flow state found');
        if (flow.user_id) throw badRequest('flow_state_already_used', 'State has already been used');
        await flows.completeFlowState(c, flowId, signedIn.id, token.access_token, token.refresh_token ?? '');
        const url = new URL(back);
        url.searchParams.set('code', flow.auth_code as string);
        return url.toString();
      }
      // Implicit flow: the session travels in the URL fragment (AccessTokenResponse.AsRedirectURL).
      const session = await auth.startSession(c, signedIn, client, 'oauth');
      await flows.deleteFlowState(c, flowId);
      const url = new URL(back);
      url.hash = new URLSearchParams({
        access_token: session.access_token,
        expires_at: String(session.expires_at),
        expires_in: String(session.expires_in),
        provider_token: token.access_token,
        refresh_token: session.refresh_token,
        token_type: 'bearer',
      }).toString();
      return url.toString();
    });
  }

  // As golang.org/x/oauth2 Exchange: client credentials in an HTTP Basic header, the code and redirect URI in the form.
  async function exchangeCode(code: string): Promise<{ access_token: string; refresh_token?: string }> {
    const basic = Buffer.from(`${encodeURIComponent(google.clientId)}:${encodeURIComponent(google.secret)}`).toString('base64');
    const response = await fetch(endpoints().token, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}`, accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: callbackUri() }).toString(),
    }).catch(() => null);
    const body = response?.ok ? ((await response.json()) as { access_token?: string; refresh_token?: string }) : null;
    if (!body?.access_token) throw new GoTrueError(500, 'unexpected_failure', `Unable to exchange external code: ${code.slice(0, 4)}`);
    return { access_token: body.access_token, refresh_token: body.refresh_token };
  }

  // Google's v2 userinfo, mapped as GoTrue's provider/google.go does when no ID token came with the access token.
  async function fetchUser(accessToken: string): Promise<ProviderUser> {
    const endpoint = endpoints().userinfo;
    const response = await fetch(endpoint, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } }).catch(() => null);
    const u = response?.ok ? ((await response.json()) as { id?: string; email?: string; verified_email?: boolean; email_verified?: boolean; name?: string; picture?: string }) : null;
    if (!u?.id) throw new GoTrueError(500, 'unexpected_failure', 'Error getting user profile from external provider');
    if (!u.email) throw new GoTrueError(500, 'unexpected_failure', 'Error getting user email from external provider');
    const verified = !!(u.verified_email || u.email_verified);
    const claims = dropEmpty({
      iss: endpoint,
      sub: u.id,
      name: u.name,
      picture: u.picture,
      email: u.email,
      email_verified: verified,
      phone_verified: false,
      full_name: u.name,
      avatar_url: u.picture,
      provider_id: u.id,
    });
    return { subject: u.id, email: u.email.toLowerCase(), verified, claims };
  }

  // GoTrue's createAccountFromExternalIdentity with models.DetermineAccountLinking (one linking domain).
  async function linkOrCreate(c: PoolClient, p: ProviderUser): Promise<UserRow> {
    let user: UserRow;
    const identity = await flows.findIdentity(c, 'google', p.subject);
    if (identity) {
      await flows.touchIdentity(c, identity.id, p.claims);
      const owner = (await store.findUser(c, identity.user_id)) as UserRow;
      user = await flows.mergeUserMetadata(c, owner.id, p.claims, hasEmailIdentity(owner));
    } else {
      if (!p.verified) throw unprocessable('provider_email_needs_verification', 'Unverified email with google. Verify the email with google in order to sign in');
      const target = await linkingTarget(c, p.email);
      if (target) {
        await flows.insertIdentity(c, target.id, 'google', p.subject, p.claims);
        user = await flows.mergeUserMetadata(c, target.id, p.claims, hasEmailIdentity(target));
      } else {
        user = await insertUser(c, p);
        await flows.insertIdentity(c, user.id, 'google', p.subject, p.claims);
      }
    }
    if (user.banned_until && user.banned_until > new Date()) throw forbidden('user_banned', 'User is banned');
    // An unconfirmed account with this address: Google proves the address, so the unproven password and identities go.
    if (!user.email_confirmed_at) user = await flows.replaceUnconfirmedIdentities(c, user.id, { provider: 'google', providerId: p.subject, data: p.claims });
    return user;
  }

  async function linkingTarget(c: PoolClient, email: string): Promise<UserRow | null> {
    const identities = await flows.identitiesByEmail(c, email);
    const owners = new Set(identities.map((i) => i.user_id));
    if (owners.size === 0) {
      const users = await flows.usersByEmail(c, email);
      if (users.length > 1) throw new GoTrueError(500, 'unexpected_failure', 'Multiple accounts with the same email address in the same linking domain detected: default');
      return users[0] ?? null;
    }
    if (owners.size > 1) throw new GoTrueError(500, 'unexpected_failure', 'Multiple accounts with the same email address in the same linking domain detected: default');
    return store.findUser(c, [...owners][0]);
  }

  async function insertUser(c: PoolClient, p: ProviderUser): Promise<UserRow> {
    await c.query('savepoint insert_provider_user');
    try {
      return await flows.insertProviderUser(c, p.email, 'google', p.claims, p.verified);
    } catch {
      await c.query('rollback to savepoint insert_provider_user');
      throw new GoTrueError(500, 'unexpected_failure', 'Database error saving new user');
    }
  }

  return {
    enabled: { google: google.enabled },
    async pkceGrant(body, client) {
      const authCode = body['auth_code'];
      const verifier = body['code_verifier'];
      if (typeof authCode !== 'string' || typeof verifier !== 'string' || !authCode || !verifier) {
        throw badRequest('validation_failed', 'invalid request: both auth code and code verifier should be non-empty');
      }
      return store.transaction(async (c) => {
        const flow = await flows.lockFlowStateByAuthCode(c, authCode);
        if (!flow || !flow.user_id) throw new GoTrueError(404, 'flow_state_not_found', 'invalid flow state, no valid flow state found');
        if (expired(flow.created_at)) throw unprocessable('flow_state_expired', 'invalid flow state, flow state has expired');
        const user = await store.findUser(c, flow.user_id);
        if (!user) throw new GoTrueError(404, 'user_not_found', 'User not found');
        // A wrong verifier leaves the flow state in place, as GoTrue's PKCE grant checks it before its transaction.
        if (!verifyPkce(flow.code_challenge ?? '', flow.code_challenge_method ?? '', verifier)) {
          throw badRequest('bad_code_verifier', 'code challenge does not match previously saved code verifier');
        }
        const session = await auth.startSession(c, user, client, 'oauth');
        await flows.deleteFlowState(c, flow.id);
        return {
          ...session,
          provider_token: flow.provider_access_token ?? undefined,
          ...(flow.provider_refresh_token ? { provider_refresh_token: flow.provider_refresh_token } : {}),
        };
      });
    },
  };
}

function clientInfo(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

const expired = (createdAt: Date) => createdAt.getTime() + FLOW_STATE_EXPIRY_MS < Date.now();

// pkce.go validatePKCEParams.
function validatePkceParams(challenge: string, method: string): void {
  if (!challenge !== !method) throw badRequest('validation_failed', 'PKCE flow requires code_challenge_method and code_challenge');
  if (!challenge) return;
  if (challenge.length < 43 || challenge.length > 128) throw badRequest('validation_failed', 'code challenge has to be between 43 and 128 characters');
  if (!CODE_CHALLENGE.test(challenge)) throw badRequest('validation_failed', 'code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes');
}

// security.VerifyPKCEChallenge: s256 = base64url(sha256(verifier)) without padding.
function verifyPkce(challenge: string, method: string, verifier: string): boolean {
  const expected = method === 's256' ? createHash('sha256').update(verifier).digest('base64url') : method === 'plain' ? verifier : null;
  if (expected === null || expected.length !== challenge.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(challenge));
}

// utilities.IsRedirectURLValid without an allow list: same scheme and host as the site URL; any port on loopback.
function allowedRedirect(siteUrl: string, candidate: string | undefined): string | null {
  if (!candidate) return null;
  try {
    const base = new URL(siteUrl);
    const url = new URL(candidate);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return url.hostname === base.hostname && url.protocol === base.protocol && (url.port === base.port || loopback) ? candidate : null;
  } catch {
    return null;
  }
}

const OAUTH_ERROR_BY_STATUS: Record<number, string> = { 400: 'invalid_request', 401: 'unauthorized_client', 403: 'access_denied', 500: 'server_error', 503: 'temporarily_unavailable' };
const ACCESS_DENIED_CODES = new Set(['signup_disabled', 'user_banned', 'provider_email_needs_verification']);

// redirectErrors / getErrorQueryString: the error in the query, and again in the fragment with `sb` (marks a Supabase Auth redirect).
function withError(target: string, error: unknown): string {
  const url = new URL(target);
  const q = url.searchParams;
  if (error instanceof OAuthError) {
    q.set('error', error.error);
    q.set('error_description', error.description);
  } else if (error instanceof GoTrueError) {
    q.set('error', ACCESS_DENIED_CODES.has(error.code) ? 'access_denied' : (OAUTH_ERROR_BY_STATUS[error.status] ?? 'server_error'));
    q.set('error_description', error.message);
    q.set('error_code', error.code);
  } else {
    q.set('error', 'server_error');
    q.set('error_description', 'Unexpected failure, please check server logs for more information');
  }
  const fragment = new URLSearchParams();
  for (const key of ['error', 'error_description', 'error_code']) if (q.get(key)) fragment.set(key, q.get(key) as string);
  fragment.set('sb', '');
  url.hash = fragment.toString();
  return url.toString();
}

function dropEmpty(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined && value !== ''));
}
