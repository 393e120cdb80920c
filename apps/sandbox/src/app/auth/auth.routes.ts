import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ResendOutbox } from '../resend/resend.outbox';
import { readGoogleConfig } from '../google/google.config';
import type { SandboxOptions } from '../sandbox';
import { readAuthConfig } from './auth.config';
import { badRequest, installErrorFormat } from './auth.errors';
import { loadSigningKeys } from './auth.keys';
import { AuthMailer } from './auth.mailer';
import { oauthRoutes } from './auth.oauth';
import { passwordlessRoutes } from './auth.otp';
import { mfaRoutes } from './auth.mfa';
import { AuthService } from './auth.service';
import { AuthStore, type ClientInfo } from './auth.store';

type Body = Record<string, unknown>;
type Req = FastifyRequest<{ Body: Body | undefined; Querystring: Record<string, string | undefined> }>;

/** Stand-in for the Supabase Auth (GoTrue) subset supabase-js uses; see docs in shared/reference/supabase.md section 3. */
export async function authRoutes(app: FastifyInstance, options: SandboxOptions, outbox: ResendOutbox): Promise<void> {
  const config = readAuthConfig(options.databaseUrl);
  const keys = await loadSigningKeys(config.privateJwk);
  const store = new AuthStore(config.databaseUrl);
  const settings = {
    autoconfirm: options.autoconfirm ?? config.autoconfirm,
    jwtExpirySeconds: config.jwtExpirySeconds,
    emailMaxFrequencySeconds: config.emailMaxFrequencySeconds,
    securePasswordChange: config.securePasswordChange,
    issuer: () => `${options.publicUrl}/auth/v1`,
  };
  const auth = new AuthService(store, keys, settings, new AuthMailer(outbox, config.siteUrl));
  app.addHook('onClose', () => store.close());

  installErrorFormat(app);
  // auth-js sends `Content-Type: application/json` with no body on /logout.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    if (!body) return done(null, {});
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(badRequest('bad_json', 'Could not parse request body as JSON'), undefined);
    }
  });

  const body = (request: Req): Body => (request.body && typeof request.body === 'object' ? request.body : {});
  const clientInfo = (request: Req): ClientInfo => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });

  const oauth = oauthRoutes(app, { auth, store, google: readGoogleConfig(), siteUrl: config.siteUrl, publicUrl: () => options.publicUrl });

  app.get('/health', async () => ({ version: 'raptorflow-sandbox', name: 'GoTrue', description: 'GoTrue stand-in for local development and tests' }));
  app.get('/settings', async () => ({
    external: { anonymous_users: false, email: true, phone: false, apple: false, azure: false, github: false, gitlab: false, google: oauth.enabled.google, saml: false },
    disable_signup: false,
    mailer_autoconfirm: settings.autoconfirm,
    phone_autoconfirm: false,
    sms_provider: '',
    saml_enabled: false,
  }));
  app.get('/.well-known/jwks.json', async (_request, reply) => reply.header('cache-control', 'public, max-age=600').send({ keys: [keys.publicJwk] }));

  app.post('/signup', async (request: Req) => auth.signup(body(request), clientInfo(request)));
  app.post('/token', async (request: Req) => {
    const grant = request.query['grant_type'];
    if (grant === 'password') return auth.passwordGrant(body(request), clientInfo(request));
    if (grant === 'refresh_token') return auth.refreshGrant(body(request));
    if (grant === 'pkce') return oauth.pkceGrant(body(request), clientInfo(request));
    throw badRequest('validation_failed', 'unsupported_grant_type');
  });
  app.post('/verify', async (request: Req) => auth.verify(body(request), clientInfo(request)));
  app.post('/resend', async (request: Req) => auth.resend(body(request)));
  app.post('/recover', async (request: Req) => auth.recover(body(request)));
  app.get('/user', async (request: Req) => auth.getUser(request.headers.authorization));
  app.put('/user', async (request: Req) => auth.updateUser(request.headers.authorization, body(request)));
  passwordlessRoutes(app, auth, store, config.siteUrl);
  mfaRoutes(app, auth, store, config.siteUrl);
  app.post('/logout', async (request: Req, reply) => {
    await auth.logout(request.headers.authorization, request.query['scope']);
    return reply.status(204).send();
  });

  // Test controls, not part of GoTrue.
  app.post('/__sandbox/autoconfirm', async (request: Req) => {
    const enabled = body(request)['enabled'];
    if (typeof enabled !== 'boolean') throw badRequest('validation_failed', 'enabled must be a boolean');
    settings.autoconfirm = enabled;
    return { autoconfirm: enabled };
  });
  app.post('/__sandbox/confirm', async (request: Req) => auth.confirm(body(request)));

  app.all('/*', async (request, reply) =>
    reply.status(404).send({ code: 'not_found', message: `${request.method} ${request.url} is not simulated by the sandbox` }),
  );
}
