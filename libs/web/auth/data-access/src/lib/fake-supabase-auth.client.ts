import { Subject } from 'rxjs';
import type { AuthSession, AuthSessionEvent, EmailLinkType, SignInInput, SignUpInput, SignUpResult } from './supabase-auth.client';

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

  private newSession(email: string): AuthSession {
    return { email, accessToken: `token-${++this.tokens}` };
  }

  private throwIfScripted(): void {
    const error = this.failNextWith;
    this.failNextWith = null;
    if (error) throw error;
  }
}
