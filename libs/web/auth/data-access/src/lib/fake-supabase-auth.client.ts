import { Subject } from 'rxjs';
import type { AccountEmail, AssuranceLevels, AuthSession, AuthSessionEvent, EmailLinkType, SignInInput, SignUpInput, SignUpResult, TotpEnrollment, TotpFactor } from './supabase-auth.client';

/** The one TOTP code the fake accepts. */
export const FAKE_TOTP_CODE = '123456';

/** Errors shaped like supabase-js AuthApiError / AuthRetryableFetchError. */
export function makeAuthApiError(code: string, status = 400): Error {
  return Object.assign(new Error(code), { name: 'AuthApiError', code, status });
}

export const networkError = (): Error => Object.assign(new Error('Failed to fetch'), { name: 'AuthRetryableFetchError', status: 0 });

/** In-memory stand-in for SupabaseAuthClient: users, one session, and scriptable failures. */
export class FakeSupabaseAuthClient {
  readonly users = new Map<string, { password: string; fullName: string; confirmed: boolean }>();
  /** Mailed links by token hash, as the auth server keeps them; a link works once. */
  readonly links = new Map<string, string>();
  readonly resent: string[] = [];
  /** Mailed 6-digit codes by address (sign-in links and reauthentication). */
  readonly codes = new Map<string, string>();
  /** The session's sign-in time (its amr); Settings asks for a code when it is older than 5 minutes. */
  signedInAt: Date | null = new Date();
  /** Addresses waiting for their e-mail change link, by current address. */
  readonly pendingEmails = new Map<string, string>();
  otherSessionsEnded = 0;
  session: AuthSession | null = null;
  confirmEmails = false;
  /** When set, the next call throws it. */
  failNextWith: Error | null = null;
  readonly authEvents = new Subject<AuthSessionEvent>();
  /** The signed-in user's authenticators, and whether the session passed one. */
  factors: TotpFactor[] = [];
  aal2 = false;
  private tokens = 0;

  async signUp(input: SignUpInput): Promise<SignUpResult> {
    this.throwIfScripted();
    if (this.users.has(input.email)) throw makeAuthApiError('user_already_exists', 422);
    if (input.password.length < 8) throw makeAuthApiError('weak_password', 422);
    this.users.set(input.email, { password: input.password, fullName: input.fullName, confirmed: !this.confirmEmails });
    if (this.confirmEmails) {
      this.links.set(`link-${input.email}`, input.email);
      return { email: input.email, session: null };
    }
    this.session = this.newSession(input.email);
    return { email: input.email, session: this.session };
  }

  async signIn(input: SignInInput): Promise<AuthSession> {
    this.throwIfScripted();
    const user = this.users.get(input.email);
    if (user?.password !== input.password) throw makeAuthApiError('invalid_credentials', 400);
    if (!user.confirmed) throw makeAuthApiError('email_not_confirmed', 400);
    this.session = this.newSession(input.email);
    return this.session;
  }

  async verifyEmailLink(tokenHash: string, type: EmailLinkType): Promise<AuthSession> {
    this.throwIfScripted();
    const email = this.links.get(tokenHash);
    const user = email ? this.users.get(email) : undefined;
    const prefix = { signup: 'link', recovery: 'recovery', magiclink: 'magiclink', email_change: 'email-change' }[type];
    if (!email || !user || !tokenHash.startsWith(`${prefix}-`)) throw makeAuthApiError('otp_expired', 403);
    this.links.delete(tokenHash);
    user.confirmed = true;
    this.session = this.newSession(email);
    return this.session;
  }

  /** Google accounts by the code the auth server would send back; `signInWithGoogle` records that the browser left. */
  readonly oauthCodes = new Map<string, string>();
  leftForGoogle = 0;

  async signInWithGoogle(): Promise<void> {
    this.throwIfScripted();
    this.leftForGoogle++;
  }

  async exchangeOAuthCode(code: string): Promise<AuthSession> {
    this.throwIfScripted();
    const email = this.oauthCodes.get(code);
    if (!email) throw makeAuthApiError('flow_state_not_found', 404);
    this.oauthCodes.delete(code);
    this.session = this.newSession(email);
    return this.session;
  }

  async sendSignInLink(email: string): Promise<void> {
    this.throwIfScripted();
    if (!this.users.has(email)) throw makeAuthApiError('otp_disabled', 422);
    this.codes.set(email, '246810');
    this.links.set(`magiclink-${email}`, email);
  }

  async verifyEmailCode(email: string, code: string): Promise<AuthSession> {
    this.throwIfScripted();
    if (!this.codes.has(email) || this.codes.get(email) !== code) throw makeAuthApiError('otp_expired', 403);
    this.codes.delete(email);
    this.session = this.newSession(email);
    this.signedInAt = new Date();
    return this.session;
  }

  async lastSignInAt(): Promise<Date | null> {
    return this.session ? this.signedInAt : null;
  }

  async requestReauthentication(): Promise<void> {
    this.throwIfScripted();
    if (this.session) this.codes.set(this.session.email, '135790');
  }

  /** As the stand-in with secure password change: an old sign-in needs the mailed code (5 minutes here, like the app's rule). */
  async changePassword(password: string, nonce?: string): Promise<void> {
    this.throwIfScripted();
    const email = this.session?.email;
    const user = email ? this.users.get(email) : undefined;
    if (!email || !user) throw makeAuthApiError('session_not_found', 403);
    const recent = !!this.signedInAt && Date.now() - this.signedInAt.getTime() <= 5 * 60_000;
    if (!recent && !nonce) throw makeAuthApiError('reauthentication_needed', 400);
    if (!recent && this.codes.get(email) !== nonce) throw makeAuthApiError('reauthentication_not_valid', 422);
    if (user.password === password) throw makeAuthApiError('same_password', 422);
    this.codes.delete(email);
    user.password = password;
  }

  async changeEmail(email: string): Promise<AccountEmail> {
    this.throwIfScripted();
    if (!this.session) throw makeAuthApiError('session_not_found', 403);
    if (this.users.has(email)) throw makeAuthApiError('email_exists', 422);
    this.pendingEmails.set(this.session.email, email);
    return { email: this.session.email, newEmail: email };
  }

  /** Every user of this fake signed up with a password. */
  async hasPassword(): Promise<boolean> {
    this.throwIfScripted();
    if (!this.session) throw makeAuthApiError('session_not_found', 403);
    return true;
  }

  async accountEmail(): Promise<AccountEmail> {
    this.throwIfScripted();
    if (!this.session) throw makeAuthApiError('session_not_found', 403);
    return { email: this.session.email, newEmail: this.pendingEmails.get(this.session.email) ?? null };
  }

  async signOutOtherSessions(): Promise<void> {
    this.throwIfScripted();
    this.otherSessionsEnded++;
  }

  async resendConfirmation(email: string): Promise<void> {
    this.throwIfScripted();
    this.resent.push(email);
  }

  async requestPasswordReset(email: string): Promise<void> {
    this.throwIfScripted();
    if (this.users.has(email)) this.links.set(`recovery-${email}`, email);
  }

  async updatePassword(password: string): Promise<AuthSession> {
    this.throwIfScripted();
    const user = this.session ? this.users.get(this.session.email) : undefined;
    if (!this.session || !user) throw makeAuthApiError('session_not_found', 403);
    if (user.password === password) throw makeAuthApiError('same_password', 422);
    user.password = password;
    return this.session;
  }

  async signOut(): Promise<void> {
    this.throwIfScripted();
    this.session = null;
  }

  async currentSession(): Promise<AuthSession | null> {
    this.throwIfScripted();
    return this.session;
  }

  async accessToken(): Promise<string | null> {
    return this.session?.accessToken ?? null;
  }

  async refreshAccessToken(): Promise<string | null> {
    if (!this.session) return null;
    this.session = this.newSession(this.session.email);
    return this.session.accessToken;
  }

  events() {
    return this.authEvents.asObservable();
  }

  async assuranceLevels(): Promise<AssuranceLevels> {
    this.throwIfScripted();
    if (!this.session) return { current: null, next: null };
    const current = this.aal2 ? 'aal2' : 'aal1';
    return { current, next: this.factors.some((f) => f.verified) ? 'aal2' : current };
  }

  async totpFactors(): Promise<TotpFactor[]> {
    this.throwIfScripted();
    return [...this.factors];
  }

  async enrollTotp(friendlyName: string): Promise<TotpEnrollment> {
    this.throwIfScripted();
    const factorId = `factor-${this.factors.length + 1}`;
    this.factors.push({ id: factorId, friendlyName, verified: false, createdAt: '2026-12-01T10:00:00.000Z' });
    return { factorId, qrCode: 'data:image/svg+xml;utf-8,<svg xmlns="http://www.w3.org/2000/svg"/>', secret: 'JBSWY3DPEHPK3PXP', uri: 'otpauth://totp/x' };
  }

  async verifyTotp(factorId: string, code: string): Promise<void> {
    this.throwIfScripted();
    const factor = this.factors.find((f) => f.id === factorId);
    if (!factor) throw makeAuthApiError('mfa_factor_not_found', 404);
    if (code !== FAKE_TOTP_CODE) throw makeAuthApiError('mfa_verification_failed', 422);
    factor.verified = true;
    this.aal2 = true;
    if (this.session) this.session = this.newSession(this.session.email);
  }

  async unenrollFactor(factorId: string): Promise<void> {
    this.throwIfScripted();
    this.factors = this.factors.filter((f) => f.id !== factorId);
  }

  private newSession(email: string): AuthSession {
    return { email, accessToken: `token-${++this.tokens}` };
  }

  private throwIfScripted(): void {
    const error = this.failNextWith;
    this.failNextWith = null;
    if (error) throw error;
  }
}
