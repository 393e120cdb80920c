import { Subject } from 'rxjs';
import type { AssuranceLevels, AuthSession, AuthSessionEvent, EmailLinkType, SignInInput, SignUpInput, SignUpResult, TotpEnrollment, TotpFactor } from './supabase-auth.client';

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
    if (!email || !user || !tokenHash.startsWith(`${type === 'signup' ? 'link' : 'recovery'}-`)) throw makeAuthApiError('otp_expired', 403);
    this.links.delete(tokenHash);
    user.confirmed = true;
    this.session = this.newSession(email);
    return this.session;
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
