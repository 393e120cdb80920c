import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SandboxOptions } from '../sandbox';
import { type ConsentRequest, renderConsentPage, renderErrorPage, type TestAccount } from './google.consent-page';
import { readGoogleConfig } from './google.config';

type Form = Record<string, string | undefined>;

interface Grant {
  account: TestAccount;
  clientId: string;
  redirectUri: string;
  scope: string;
  expiresAt: number;
}

const CODE_TTL_MS = 10 * 60 * 1000;
const ACCESS_TOKEN_TTL_SECONDS = 3599;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const APP_NAME = 'RaptorFlow';

/** A Google account's stable numeric subject, derived from its address so the same account always signs in as itself. */
export function googleSubject(email: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 16)}`).toString().padStart(20, '0');
  return `1${digits.slice(0, 20)}`;
}

/**
 * Stand-in for Google's OAuth 2.0 web server flow, as GoTrue uses it: the authorization endpoint (an account chooser and
 * consent page), the token endpoint (authorization_code grant) and the v2 userinfo endpoint. Knows one client: the
 * GoTrue stand-in's (GOTRUE_EXTERNAL_GOOGLE_*). Codes and access tokens live in memory, like the PhonePe simulator's orders.
 */
export async function googleRoutes(app: FastifyInstance, options: SandboxOptions): Promise<void> {
  const config = readGoogleConfig();
  const redirectUri = () => config.redirectUri ?? `${options.publicUrl}/auth/v1/callback`;
  const codes = new Map<string, Grant>();
  const accessTokens = new Map<string, { account: TestAccount; expiresAt: number }>();

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  // Google shows its own error page, not a redirect, for an unknown client or an unregistered redirect URI.
  const refuse = (request: ConsentRequest, reply: FastifyReply): FastifyReply | null => {
    if (request.clientId !== config.clientId) return reply.code(401).type('text/html').send(renderErrorPage('invalid_client', 'The OAuth client was not found.'));
    if (request.redirectUri !== redirectUri()) {
      return reply.code(400).type('text/html').send(renderErrorPage('redirect_uri_mismatch', `You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy. redirect_uri=${request.redirectUri}`));
    }
    return null;
  };
  const back = (request: ConsentRequest, params: Record<string, string>) => {
    const url = new URL(request.redirectUri);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    if (request.state) url.searchParams.set('state', request.state);
    return url.toString();
  };

  app.get('/o/oauth2/v2/auth', async (request: FastifyRequest<{ Querystring: Form }>, reply) => {
    const q = request.query;
    const consent: ConsentRequest = { clientId: q['client_id'] ?? '', redirectUri: q['redirect_uri'] ?? '', state: q['state'] ?? '', scope: q['scope'] ?? '' };
    const refused = refuse(consent, reply);
    if (refused) return refused;
    if (q['response_type'] !== 'code') return reply.redirect(back(consent, { error: 'unsupported_response_type' }));
    return reply.type('text/html').send(renderConsentPage(consent, request.url.split('?')[0], APP_NAME));
  });

  app.post('/o/oauth2/v2/auth', async (request: FastifyRequest<{ Body: Form | undefined }>, reply) => {
    const form = request.body ?? {};
    const consent: ConsentRequest = { clientId: form['client_id'] ?? '', redirectUri: form['redirect_uri'] ?? '', state: form['state'] ?? '', scope: form['scope'] ?? '' };
    const refused = refuse(consent, reply);
    if (refused) return refused;
    // Google answers a cancelled consent with error=access_denied and nothing more.
    if (form['decision'] !== 'allow') return reply.redirect(back(consent, { error: 'access_denied' }));
    const email = (form['email'] ?? '').trim().toLowerCase();
    const name = (form['name'] ?? '').trim() || email.split('@')[0];
    if (!EMAIL.test(email) || email.length > 255) {
      return reply.code(400).type('text/html').send(renderConsentPage(consent, request.url, APP_NAME, { email: form['email'] ?? '', name: form['name'] ?? '', error: 'Enter a valid email address' }));
    }
    const code = `4/0A${randomBytes(24).toString('base64url')}`;
    codes.set(code, { account: { email, name }, clientId: consent.clientId, redirectUri: consent.redirectUri, scope: consent.scope, expiresAt: Date.now() + CODE_TTL_MS });
    return reply.redirect(back(consent, { code, scope: consent.scope, authuser: '0', prompt: 'consent' }));
  });

  app.post('/token', async (request: FastifyRequest<{ Body: Form | undefined }>, reply) => {
    const form = request.body ?? {};
    // golang.org/x/oauth2 tries HTTP Basic client authentication first, then the form parameters.
    const basic = /^basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const [basicId, basicSecret] = basic ? Buffer.from(basic[1], 'base64').toString().split(':').map((part) => decodeURIComponent(part)) : [];
    const clientId = basicId ?? form['client_id'];
    const secret = basicSecret ?? form['client_secret'];
    if (clientId !== config.clientId || secret !== config.secret) return reply.code(401).send({ error: 'invalid_client', error_description: 'Unauthorized' });
    if (form['grant_type'] !== 'authorization_code') return reply.code(400).send({ error: 'unsupported_grant_type', error_description: 'Invalid grant_type: ' + (form['grant_type'] ?? '') });
    const grant = codes.get(form['code'] ?? '');
    // A code is spent by its first exchange, right or wrong.
    codes.delete(form['code'] ?? '');
    if (!grant || grant.expiresAt < Date.now() || grant.clientId !== clientId) return reply.code(400).send({ error: 'invalid_grant', error_description: 'Bad Request' });
    if (form['redirect_uri'] !== grant.redirectUri) return reply.code(400).send({ error: 'redirect_uri_mismatch', error_description: 'Bad Request' });
    const accessToken = `ya29.${randomBytes(32).toString('base64url')}`;
    accessTokens.set(accessToken, { account: grant.account, expiresAt: Date.now() + ACCESS_TOKEN_TTL_SECONDS * 1000 });
    return { access_token: accessToken, expires_in: ACCESS_TOKEN_TTL_SECONDS, scope: grant.scope, token_type: 'Bearer' };
  });

  app.get('/userinfo/v2/me', async (request, reply) => {
    const bearer = /^bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const token = bearer ? accessTokens.get(bearer[1]) : undefined;
    if (!token || token.expiresAt < Date.now()) {
      return reply.code(401).send({ error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
    }
    const { email, name } = token.account;
    const [givenName, ...rest] = name.split(' ');
    return {
      id: googleSubject(email),
      email,
      verified_email: true,
      name,
      given_name: givenName,
      family_name: rest.join(' ') || undefined,
    };
  });
}
