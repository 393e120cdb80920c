import type { PoolClient } from 'pg';
import { badRequest, forbidden, GoTrueError, tooManyRequests, unprocessable } from './auth.errors';
import type { AccessClaims, SigningKeys } from './auth.keys';
import { type AuthMailer, generateOtp, type MailKind, tokenHash } from './auth.mailer';
import { AccountChanges } from './auth.account';
import { assuranceOf, factorsOf } from './auth.mfa.store';
import type { AmrMethod, AuthStore, ClientInfo, MailToken, SessionRow, UserRow } from './auth.store';
import { identityMetadata, obfuscatedUser, toUser, type User } from './auth.user';
import { checkPassword, metadata, normaliseEmail } from './auth.validation';

export interface Session {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: User;
}

export interface AuthSettings {
  autoconfirm: boolean;
  jwtExpirySeconds: number;
  emailMaxFrequencySeconds: number;
  /** GoTrue's SECURITY_UPDATE_PASSWORD_REQUIRE_REAUTHENTICATION ("secure password change"). */
  securePasswordChange: boolean;
  /** Read per token: the public URL may only be known once the server listens. */
  issuer(): string;
}

export type LogoutScope = 'global' | 'local' | 'others';

const PG_UNIQUE_VIOLATION = '23505';
/** GoTrue's MAILER_OTP_EXP default: mailed links and codes live a day. */
export const MAIL_OTP_EXPIRY_SECONDS = 86_400;
/** Which mailed token each verify type spends; `email` (a typed code) tries both, as GoTrue does. */
// A magic link is a recovery token with another template (GoTrue's sendMagicLink); email_change has its own columns.
const VERIFY_TOKENS: Record<string, MailToken[]> = { signup: ['confirmation'], recovery: ['recovery'], magiclink: ['recovery'], email: ['confirmation', 'recovery'], email_change: [] };
const MAIL_TOKEN: Record<Exclude<MailKind, 'email_change'>, MailToken> = { signup: 'confirmation', recovery: 'recovery', magiclink: 'recovery', reauthentication: 'reauthentication' };
const INVALID_CREDENTIALS = () => badRequest('invalid_credentials', 'Invalid login credentials');

/** The GoTrue flows supabase-js uses: signup, password and refresh grants, verify, resend, recover, user, logout. */
export class AuthService {
  private readonly account: AccountChanges;

  constructor(
    private readonly store: AuthStore,
    private readonly keys: SigningKeys,
    readonly settings: AuthSettings,
    private readonly mailer: AuthMailer,
  ) {
    this.account = new AccountChanges(store, mailer, settings);
  }

  async signup(body: Record<string, unknown>, client: ClientInfo): Promise<Session | User> {
    const email = normaliseEmail(body['email']);
    const password = checkPassword(body['password']);
    const data = metadata(body['data']);
    const confirmed = this.settings.autoconfirm;
    return this.store.transaction(async (c) => {
      const existing = await this.store.findUserByEmail(c, email);
      if (existing) {
        // GoTrue's signup.go: with autoconfirm it says so; with confirmation on it reveals nothing: a confirmed account
        // gets an obfuscated user and no mail, an unconfirmed one its confirmation again (the user is not updated).
        if (confirmed) throw alreadyRegistered();
        if (existing.email_confirmed_at) return obfuscatedUser(existing, data);
        return toUser(await this.sendMail(c, existing, 'signup'));
      }
      const inserted = await this.insertUser(c, email, password, data, confirmed);
      const user = await this.store.updateUser(c, inserted.id, { metadata: identityMetadata(inserted) });
      if (confirmed) return this.startSession(c, user, client);
      return toUser(await this.sendMail(c, user, 'signup'));
    });
  }

  /** POST /verify: a mailed link (token_hash) or code (email + token) confirms the address and signs in. */
  async verify(body: Record<string, unknown>, client: ClientInfo): Promise<Session> {
    const { type, token_hash: hash, token, email } = body;
    if (typeof type !== 'string' || !type) throw badRequest('validation_failed', 'Verify requires a verification type');
    const kinds = VERIFY_TOKENS[type];
    if (!kinds) throw badRequest('validation_failed', 'Unsupported verification type');
    let wanted: string;
    if (typeof hash === 'string' && hash) {
      if (email !== undefined || token !== undefined) throw badRequest('validation_failed', 'Only the token_hash and type should be provided');
      wanted = hash;
    } else if (typeof token === 'string' && token) {
      // For email_change the address is the new one: the code was mailed there.
      wanted = tokenHash(normaliseEmail(email), token.trim());
    } else {
      throw badRequest('validation_failed', 'Verify requires either a token or a token hash');
    }
    return this.store.transaction(async (c) => {
      let user: UserRow | null = null;
      for (const kind of kinds) user ??= await this.store.spendMailToken(c, kind, wanted, MAIL_OTP_EXPIRY_SECONDS);
      if (type === 'email_change') user = await this.store.spendEmailChangeToken(c, wanted, MAIL_OTP_EXPIRY_SECONDS);
      if (!user) throw typeof hash === 'string' && hash ? forbidden('otp_expired', 'Email link is invalid or has expired') : forbidden('otp_expired', 'Token has expired or is invalid');
      if (user.banned_until && user.banned_until > new Date()) throw forbidden('user_banned', 'User is banned');
      return this.startSession(c, user, client, 'otp');
    });
  }

  /** POST /resend: mails the confirmation again; says nothing about unknown or already confirmed addresses. */
  async resend(body: Record<string, unknown>): Promise<Record<string, never>> {
    if (body['type'] !== 'signup') throw badRequest('validation_failed', 'Missing one of these types: signup, email_change, sms, phone_change');
    if (body['email'] === undefined || body['email'] === '') throw badRequest('validation_failed', 'Type provided requires an email address');
    const email = normaliseEmail(body['email']);
    await this.store.transaction(async (c) => {
      const user = await this.store.findUserByEmail(c, email);
      if (user && !user.email_confirmed_at) await this.sendMail(c, user, 'signup');
    });
    return {};
  }

  /** POST /recover: mails a recovery link; an unknown address gets the same empty answer. */
  async recover(body: Record<string, unknown>): Promise<Record<string, never>> {
    if (body['email'] === undefined || body['email'] === '') throw badRequest('validation_failed', 'Password recovery requires an email');
    const email = normaliseEmail(body['email']);
    await this.store.transaction(async (c) => {
      const user = await this.store.findUserByEmail(c, email);
      if (user) await this.sendMail(c, user, 'recovery');
    });
    return {};
  }

  async passwordGrant(body: Record<string, unknown>, client: ClientInfo): Promise<Session> {
    const { email, password } = body;
    if (typeof email !== 'string' || typeof password !== 'string' || !email || !password) throw INVALID_CREDENTIALS();
    return this.store.transaction(async (c) => {
      const user = await this.store.findByPassword(c, email.trim().toLowerCase(), password);
      if (!user) throw INVALID_CREDENTIALS();
      if (!user.email_confirmed_at) throw badRequest('email_not_confirmed', 'Email not confirmed');
      if (user.banned_until && user.banned_until > new Date()) throw badRequest('user_banned', 'User is banned');
      return this.startSession(c, user, client);
    });
  }

  async refreshGrant(body: Record<string, unknown>): Promise<Session> {
    const token = body['refresh_token'];
    if (typeof token !== 'string' || !token) throw badRequest('validation_failed', 'refresh_token required');
    const session = await this.store.transaction(async (c) => {
      const found = await this.store.lockRefreshToken(c, token);
      if (!found) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
      if (found.revoked) {
        // Reuse of a rotated token looks like theft: GoTrue revokes the whole token family (no reuse interval here).
        // Committed before the error below, hence null rather than a throw here.
        await this.store.revokeSessionTokens(c, found.session.id);
        return null;
      }
      const user = await this.store.findUser(c, found.session.user_id);
      if (!user) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
      const refreshToken = await this.store.rotateRefreshToken(c, found.session, token);
      return this.sessionResponse(c, user, found.session, refreshToken);
    });
    if (!session) throw badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used');
    return session;
  }

  async getUser(authorization: string | undefined): Promise<User> {
    const claims = await this.authenticate(authorization);
    return this.store.transaction(async (c) => {
      const user = await this.loadUser(c, claims);
      return toUser(user, await factorsOf(c, user.id));
    });
  }

  async updateUser(authorization: string | undefined, body: Record<string, unknown>): Promise<User> {
    const claims = await this.authenticate(authorization);
    return this.store.transaction(async (c) => {
      const user = await this.loadUser(c, claims);
      const password = body['password'] === undefined ? undefined : checkPassword(body['password']);
      if (password) await this.account.requireReauthentication(c, user, claims.session_id, body['nonce']);
      if (password && (await this.store.passwordMatches(c, user.id, password))) {
        throw unprocessable('same_password', 'New password should be different from the old password.');
      }
      const metadataPatch = body['data'] === undefined ? undefined : mergeMetadata(user.raw_user_meta_data ?? {}, metadata(body['data']));
      // As GoTrue's UpdatePassword: a new password signs the user out of every other session.
      if (password) await this.store.deleteSessions(c, user.id, 'others', claims.session_id);
      if (password) await this.store.clearMailTokens(c, user.id);
      const updated = await this.store.updateUser(c, user.id, { metadata: metadataPatch, password });
      if (body['email'] !== undefined && body['email'] !== '') return toUser(await this.account.requestEmailChange(c, updated, body['email']), await factorsOf(c, user.id));
      return toUser(updated, await factorsOf(c, user.id));
    });
  }

  async logout(authorization: string | undefined, scope: string | undefined): Promise<void> {
    const resolved = (scope ?? 'global') as LogoutScope;
    if (!['global', 'local', 'others'].includes(resolved)) throw badRequest('validation_failed', `Unsupported logout scope "${scope}"`);
    const claims = await this.authenticate(authorization);
    await this.store.transaction(async (c) => {
      await this.loadUser(c, claims);
      await this.store.deleteSessions(c, claims.sub, resolved, claims.session_id);
    });
  }

  /** Sandbox control: confirm a user created while autoconfirm was off. */
  async confirm(body: Record<string, unknown>): Promise<User> {
    const email = normaliseEmail(body['email']);
    return this.store.transaction(async (c) => {
      const user = await this.store.findUserByEmail(c, email);
      if (!user) throw new GoTrueError(404, 'user_not_found', 'User not found');
      return toUser(await this.store.updateUser(c, user.id, { confirm: true, metadata: { ...(user.raw_user_meta_data ?? {}), email_verified: true } }));
    });
  }

  // As GoTrue's sendConfirmation / sendPasswordRecovery: one mail of a kind per SMTP_MAX_FREQUENCY, a fresh 6-digit
  // code whose hash the link carries.
  async sendMail(c: PoolClient, user: UserRow, kind: Exclude<MailKind, 'email_change'>): Promise<UserRow> {
    const frequency = this.settings.emailMaxFrequencySeconds * 1000;
    const sentAt = user[`${MAIL_TOKEN[kind]}_sent_at`];
    if (sentAt && sentAt.getTime() + frequency > Date.now()) {
      const left = Math.floor((sentAt.getTime() + frequency - Date.now()) / 1000);
      throw tooManyRequests('over_email_send_rate_limit', `For security purposes, you can only request this after ${left} seconds.`);
    }
    const otp = generateOtp();
    await this.store.setMailToken(c, user.id, MAIL_TOKEN[kind], tokenHash(user.email, otp));
    this.mailer.send(kind, user.email, otp);
    return (await this.store.findUser(c, user.id)) as UserRow;
  }

  async insertUser(c: PoolClient, email: string, password: string, data: Record<string, unknown>, confirmed: boolean): Promise<UserRow> {
    await c.query('savepoint insert_user');
    try {
      return await this.store.insertUser(c, email, password, data, confirmed);
    } catch (error) {
      await c.query('rollback to savepoint insert_user');
      if ((error as { code?: string }).code === PG_UNIQUE_VIOLATION && /email/.test((error as { constraint?: string }).constraint ?? '')) throw alreadyRegistered();
      // A failing auth.users trigger (e.g. the profile trigger) surfaces like this on Supabase.
      throw new GoTrueError(500, 'unexpected_failure', 'Database error saving new user');
    }
  }

  /** The verified claims of a Bearer access token (for the MFA endpoints as well). */
  async authenticate(authorization: string | undefined): Promise<AccessClaims> {
    const match = /^bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw new GoTrueError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
    return this.keys.verify(match[1]);
  }

  async loadUser(c: PoolClient, claims: AccessClaims): Promise<UserRow> {
    if (!(await this.store.findSession(c, claims.session_id))) throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
    const user = await this.store.findUser(c, claims.sub);
    if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
    return user;
  }

  /** `method` is the sign-in's amr entry, as GoTrue names it ('password', 'otp', 'magiclink', 'oauth', ...). */
  async startSession(c: PoolClient, user: UserRow, client: ClientInfo, method: AmrMethod = 'password'): Promise<Session> {
    const { session, refreshToken } = await this.store.createSession(c, user.id, client, method);
    const signedIn = await this.store.updateUser(c, user.id, { signedIn: true });
    return this.sessionResponse(c, signedIn, session, refreshToken);
  }

  /** A session's tokens; aal and amr come from the session's sign-in methods (auth.mfa_amr_claims), as GoTrue's. */
  async sessionResponse(c: PoolClient, user: UserRow, session: SessionRow, refreshToken: string): Promise<Session> {
    const { aal, amr } = await assuranceOf(c, session);
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + this.settings.jwtExpirySeconds;
    // Claim set and order of GoTrue's internal/tokens/service.go.
    const accessToken = await this.keys.sign({
      iss: this.settings.issuer(),
      sub: user.id,
      aud: 'authenticated',
      exp,
      iat,
      email: user.email,
      phone: user.phone ?? '',
      app_metadata: user.raw_app_meta_data ?? {},
      user_metadata: user.raw_user_meta_data ?? {},
      role: 'authenticated',
      aal,
      amr,
      session_id: session.id,
      is_anonymous: user.is_anonymous,
    });
    return { access_token: accessToken, token_type: 'bearer', expires_in: this.settings.jwtExpirySeconds, expires_at: exp, refresh_token: refreshToken, user: toUser(user, await factorsOf(c, user.id)) };
  }
}

const alreadyRegistered = () => unprocessable('user_already_exists', 'User already registered');

// GoTrue sets each given key and deletes the keys given as null.
function mergeMetadata(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}
