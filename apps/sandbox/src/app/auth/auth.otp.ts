import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { badRequest, GoTrueError, unprocessable } from './auth.errors';
import type { AuthService } from './auth.service';
import type { AuthStore } from './auth.store';
import { identityMetadata } from './auth.user';
import { metadata, normaliseEmail } from './auth.validation';

type Body = Record<string, unknown>;
type Req = FastifyRequest<{ Body: Body | undefined; Querystring: Record<string, string | undefined> }>;

// GoTrue's oauthErrorMap: the `error` a failed link redirect carries, by status.
const OAUTH_ERRORS: Record<number, string> = { 400: 'invalid_request', 401: 'unauthorized_client', 403: 'access_denied', 500: 'server_error', 503: 'temporarily_unavailable' };

/** Go's url.Values.Encode: keys sorted, form-encoded. */
function encodeSorted(values: Record<string, string>): string {
  return Object.keys(values)
    .sort()
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(values[key]).replace(/%20/g, '+')}`)
    .join('&');
}

/**
 * Passwordless sign-in and reauthentication, as GoTrue's Otp/MagicLink (internal/api/otp.go, magic_link.go) and
 * Reauthenticate (reauthenticate.go): POST /otp mails a sign-in link with a 6-digit code (POST /verify type
 * magiclink or email signs in); GET /reauthenticate mails the nonce PUT /user asks for on a secure password change.
 */
export class PasswordlessFlows {
  constructor(
    private readonly auth: AuthService,
    private readonly store: AuthStore,
  ) {}

  async otp(body: Body): Promise<Record<string, never>> {
    const hasEmail = body['email'] !== undefined && body['email'] !== '';
    const hasPhone = body['phone'] !== undefined && body['phone'] !== '';
    if (hasEmail && hasPhone) throw badRequest('validation_failed', 'Only an email address or phone number should be provided');
    if (hasPhone) throw badRequest('phone_provider_disabled', 'Unsupported phone provider');
    if (!hasEmail) throw badRequest('validation_failed', 'One of email or phone must be set');
    const email = normaliseEmail(body['email']);
    const data = metadata(body['data']);
    // auth-js sends shouldCreateUser as create_user; GoTrue defaults it to true.
    const createUser = body['create_user'] !== false;
    await this.store.transaction(async (c) => {
      const existing = await this.store.findUserByEmail(c, email);
      if (!existing && !createUser) throw unprocessable('otp_disabled', 'Signups not allowed for otp');
      if (existing?.email_confirmed_at) {
        await this.auth.sendMail(c, existing, 'magiclink');
        return;
      }
      // A new or unconfirmed address signs up with a random password; the confirmation mail is the sign-in link
      // (or, with autoconfirm, the magic link follows the sign-up).
      let user = existing;
      if (!user) {
        const inserted = await this.auth.insertUser(c, email, randomBytes(24).toString('base64url'), data, this.auth.settings.autoconfirm);
        user = await this.store.updateUser(c, inserted.id, { metadata: identityMetadata(inserted) });
      }
      await this.auth.sendMail(c, user, user.email_confirmed_at ? 'magiclink' : 'signup');
    });
    return {};
  }

  async reauthenticate(authorization: string | undefined): Promise<Record<string, never>> {
    const claims = await this.auth.authenticate(authorization);
    await this.store.transaction(async (c) => {
      const user = await this.auth.loadUser(c, claims);
      if (!user.email_confirmed_at) throw unprocessable('email_not_confirmed', 'Please verify your email first.');
      await this.auth.sendMail(c, user, 'reauthentication');
    });
    return {};
  }
}

/**
 * GoTrue's GET /verify (verifyGet, implicit flow): the link in GoTrue's default templates. It spends the token and
 * redirects (303) to redirect_to, or the site URL, with the session, or the error, in the URL fragment.
 */
async function verifyLink(auth: AuthService, siteUrl: string, request: Req): Promise<string> {
  const { token, type, redirect_to: redirectTo } = request.query;
  if (!type) throw badRequest('validation_failed', 'Verify requires a verification type');
  if (!token) throw badRequest('validation_failed', 'Verify requires a token or a token hash');
  // Only the site itself (or a path under it) may be redirected to, as GoTrue's IsRedirectURLValid without an allow list.
  const target = redirectTo && redirectTo.startsWith(siteUrl) ? redirectTo : siteUrl;
  try {
    const session = await auth.verify({ type, token_hash: token }, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
    const fragment = { access_token: session.access_token, token_type: session.token_type, expires_in: String(session.expires_in), expires_at: String(session.expires_at), refresh_token: session.refresh_token, type, sb: '' };
    return `${target}#${encodeSorted(fragment)}`;
  } catch (error) {
    if (!(error instanceof GoTrueError)) throw error;
    const fragment: Record<string, string> = { error_code: error.code, error_description: error.message, sb: '' };
    if (OAUTH_ERRORS[error.status]) fragment['error'] = OAUTH_ERRORS[error.status];
    return `${target}#${encodeSorted(fragment)}`;
  }
}

export function passwordlessRoutes(app: FastifyInstance, auth: AuthService, store: AuthStore, siteUrl: string): void {
  const flows = new PasswordlessFlows(auth, store);
  const body = (request: Req): Body => (request.body && typeof request.body === 'object' ? request.body : {});
  app.post('/otp', async (request: Req) => flows.otp(body(request)));
  app.get('/reauthenticate', async (request: Req) => flows.reauthenticate(request.headers.authorization));
  app.get('/verify', async (request: Req, reply) => reply.redirect(await verifyLink(auth, siteUrl, request), 303));
}
