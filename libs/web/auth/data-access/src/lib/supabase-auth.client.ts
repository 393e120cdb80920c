import { HttpBackend, HttpClient } from '@angular/common/http';
import { DOCUMENT, Injectable, inject } from '@angular/core';
import { type PublicConfig, lastAuthenticatedAt } from '@raptorflow/contracts';
import type { AuthChangeEvent, Session, SupabaseClient } from '@supabase/supabase-js';
import { Observable, asapScheduler, defer, firstValueFrom, from, observeOn, switchMap } from 'rxjs';

export const PUBLIC_CONFIG_URL = '/api/v1/public-config';

export interface SignUpInput {
  fullName: string;
  email: string;
  password: string;
}

export interface SignInInput {
  email: string;
  password: string;
}

/** The part of a Supabase session the app uses. */
export interface AuthSession {
  email: string;
  accessToken: string;
}

export interface SignUpResult {
  email: string;
  /**
   * Null when the project confirms emails first: the user must open the link in their inbox. An address that already has a
   * confirmed account gets the same answer (GoTrue obfuscates it: `identities: []`, no mail); the app does not tell either,
   * and the confirm-your-email page says what an existing user does instead.
   */
  session: AuthSession | null;
}

/** Where the auth server sends the browser back after Google (`?code=` or `?error=`); an allowed redirect URL on Supabase. */
export const OAUTH_CALLBACK_PATH = '/auth/callback';

/** The mailed links the app handles at /verify (`?token_hash=&type=`). */
export const EMAIL_LINK_TYPES = ['signup', 'recovery', 'magiclink', 'email_change'] as const;
export type EmailLinkType = (typeof EMAIL_LINK_TYPES)[number];

/** The signed-in user's addresses: `newEmail` waits for its confirmation link (GoTrue's new_email). */
export interface AccountEmail {
  email: string;
  newEmail: string | null;
}

/** A TOTP authenticator of the user (GoTrue's factor; only verified ones ask for codes). */
export interface TotpFactor {
  id: string;
  friendlyName: string;
  verified: boolean;
  createdAt: string;
}

/** What Settings shows to set up an authenticator app: the QR code (an SVG data URI) and the same secret as text. */
export interface TotpEnrollment {
  factorId: string;
  qrCode: string;
  secret: string;
  uri: string;
}

/** GoTrue's assurance levels of the session: `next` is aal2 once the user has a verified factor. */
export interface AssuranceLevels {
  current: string | null;
  next: string | null;
}

export interface AuthSessionEvent {
  event: AuthChangeEvent;
  session: AuthSession | null;
}

/**
 * The browser's only door to Supabase Auth. supabase-js is loaded and created on first use,
 * from the PublicConfig the API serves, so it stays out of the initial bundle.
 * Methods throw supabase-js AuthErrors; map them with `toAuthErrorView`.
 */
@Injectable({ providedIn: 'root' })
export class SupabaseAuthClient {
  // HttpBackend skips the interceptors: the auth interceptor itself waits for this client.
  private readonly http = new HttpClient(inject(HttpBackend));
  private readonly document = inject(DOCUMENT);
  private client?: Promise<SupabaseClient>;

  async signUp(input: SignUpInput): Promise<SignUpResult> {
    const auth = (await this.supabase()).auth;
    const { data, error } = await auth.signUp({ email: input.email, password: input.password, options: { data: { full_name: input.fullName } } });
    if (error) throw error;
    return { email: data.user?.email ?? input.email, session: toAuthSession(data.session) };
  }

  async signIn(input: SignInInput): Promise<AuthSession> {
    const auth = (await this.supabase()).auth;
    const { data, error } = await auth.signInWithPassword(input);
    if (error) throw error;
    const session = toAuthSession(data.session);
    if (!session) throw Object.assign(new Error('No session returned'), { code: 'session_not_found' });
    return session;
  }

  /**
   * Leaves for Google's sign-in through the auth server (PKCE: supabase-js keeps the code verifier in this browser).
   * Resolves as the browser navigates away.
   */
  async signInWithGoogle(): Promise<void> {
    const redirectTo = new URL(OAUTH_CALLBACK_PATH, this.document.location.origin).toString();
    const { error } = await (await this.supabase()).auth.signInWithOAuth({ provider: 'google', options: { redirectTo } });
    if (error) throw error;
  }

  /** Back from Google: trades the auth server's code (and the stored code verifier) for a session. */
  async exchangeOAuthCode(code: string): Promise<AuthSession> {
    const { data, error } = await (await this.supabase()).auth.exchangeCodeForSession(code);
    if (error) throw error;
    const session = toAuthSession(data.session);
    if (!session) throw Object.assign(new Error('No session returned'), { code: 'session_not_found' });
    return session;
  }

  /** Opens a mailed link: supabase-js verifyOtp with its token_hash, which signs in. */
  async verifyEmailLink(tokenHash: string, type: EmailLinkType): Promise<AuthSession> {
    const { data, error } = await (await this.supabase()).auth.verifyOtp({ token_hash: tokenHash, type });
    if (error) throw error;
    const session = toAuthSession(data.session);
    if (!session) throw Object.assign(new Error('No session returned'), { code: 'session_not_found' });
    return session;
  }

  /**
   * Mails a sign-in link and a 6-digit code (supabase-js signInWithOtp). Accounts are created by sign-up only, so an
   * unknown address is refused (otp_disabled) instead of becoming an account without a name.
   */
  async sendSignInLink(email: string): Promise<void> {
    const { error } = await (await this.supabase()).auth.signInWithOtp({ email, options: { shouldCreateUser: false } });
    if (error) throw error;
  }

  /** Signs in with the 6-digit code of a mailed sign-in link (or of a sign-up confirmation). */
  async verifyEmailCode(email: string, code: string): Promise<AuthSession> {
    const { data, error } = await (await this.supabase()).auth.verifyOtp({ email, token: code, type: 'email' });
    if (error) throw error;
    const session = toAuthSession(data.session);
    if (!session) throw Object.assign(new Error('No session returned'), { code: 'session_not_found' });
    return session;
  }

  /** When this session last proved who the user is (its access token's amr), or null without a session. */
  async lastSignInAt(): Promise<Date | null> {
    const token = (await this.currentSession())?.accessToken;
    return token ? lastAuthenticatedAt(decodeClaims(token)['amr']) : null;
  }

  /** Mails the code `changePassword` asks for when the sign-in is not recent (GoTrue GET /reauthenticate). */
  async requestReauthentication(): Promise<void> {
    const { error } = await (await this.supabase()).auth.reauthenticate();
    if (error) throw error;
  }

  /** Sets a new password from Settings, with the mailed code when the auth server asks for one. Ends the other sessions. */
  async changePassword(password: string, nonce?: string): Promise<void> {
    const { error } = await (await this.supabase()).auth.updateUser(nonce ? { password, nonce } : { password });
    if (error) throw error;
  }

  /** Mails a confirmation link to the new address; the account keeps the old one until it is opened. */
  async changeEmail(email: string): Promise<AccountEmail> {
    const { data, error } = await (await this.supabase()).auth.updateUser({ email });
    if (error) throw error;
    return { email: data.user.email ?? '', newEmail: data.user.new_email ?? null };
  }

  /** The user as the auth server has it now (a pending e-mail change included). */
  async accountEmail(): Promise<AccountEmail> {
    const { data, error } = await (await this.supabase()).auth.getUser();
    if (error) throw error;
    return { email: data.user.email ?? '', newEmail: data.user.new_email ?? null };
  }

  /**
   * Whether the user signs in with e-mail and password (an `email` provider, as GoTrue lists it in app_metadata); a
   * Google-only user has none, so Settings confirms account actions by a mailed code instead.
   */
  async hasPassword(): Promise<boolean> {
    const { data, error } = await (await this.supabase()).auth.getUser();
    if (error) throw error;
    const providers: unknown = data.user.app_metadata['providers'];
    return !Array.isArray(providers) || providers.includes('email');
  }

  /** Ends every other session of this user; this one stays signed in. */
  async signOutOtherSessions(): Promise<void> {
    const { error } = await (await this.supabase()).auth.signOut({ scope: 'others' });
    if (error) throw error;
  }

  /** Mails the sign-up confirmation link again (the auth server allows one a minute). */
  async resendConfirmation(email: string): Promise<void> {
    const { error } = await (await this.supabase()).auth.resend({ type: 'signup', email });
    if (error) throw error;
  }

  /** Mails a password-recovery link; the auth server answers an unknown address the same way. */
  async requestPasswordReset(email: string): Promise<void> {
    const { error } = await (await this.supabase()).auth.resetPasswordForEmail(email);
    if (error) throw error;
  }

  /** Sets a new password for the signed-in user (after a recovery link, or from Settings). */
  async updatePassword(password: string): Promise<AuthSession> {
    const auth = (await this.supabase()).auth;
    const { error } = await auth.updateUser({ password });
    if (error) throw error;
    const session = await this.currentSession();
    if (!session) throw Object.assign(new Error('No session'), { code: 'session_not_found' });
    return session;
  }

  async signOut(): Promise<void> {
    const { error } = await (await this.supabase()).auth.signOut({ scope: 'local' });
    if (error) throw error;
  }

  /** The stored session (refreshed first when it has expired), or null when signed out. */
  async currentSession(): Promise<AuthSession | null> {
    const { data, error } = await (await this.supabase()).auth.getSession();
    if (error) throw error;
    return toAuthSession(data.session);
  }

  /** For API calls: never throws, so a request without a session still goes out (and gets its 401). */
  async accessToken(): Promise<string | null> {
    try {
      return (await this.currentSession())?.accessToken ?? null;
    } catch {
      return null;
    }
  }

  /** Exchanges the refresh token for a new access token; null when the session is gone. */
  async refreshAccessToken(): Promise<string | null> {
    try {
      const { data, error } = await (await this.supabase()).auth.refreshSession();
      return error ? null : (data.session?.access_token ?? null);
    } catch {
      return null;
    }
  }

  /** The session's assurance levels (read from the stored session, no request). */
  async assuranceLevels(): Promise<AssuranceLevels> {
    const { data, error } = await (await this.supabase()).auth.mfa.getAuthenticatorAssuranceLevel();
    if (error) throw error;
    return { current: data.currentLevel, next: data.nextLevel };
  }

  /** The user's TOTP factors, verified or not (asks the auth server). */
  async totpFactors(): Promise<TotpFactor[]> {
    const { data, error } = await (await this.supabase()).auth.mfa.listFactors();
    if (error) throw error;
    return data.all
      .filter((f) => f.factor_type === 'totp')
      .map((f) => ({ id: f.id, friendlyName: f.friendly_name ?? '', verified: f.status === 'verified', createdAt: f.created_at }));
  }

  /** Starts setting up an authenticator app; the factor counts once a code from it is verified. */
  async enrollTotp(friendlyName: string): Promise<TotpEnrollment> {
    const { data, error } = await (await this.supabase()).auth.mfa.enroll({ factorType: 'totp', friendlyName });
    if (error) throw error;
    return { factorId: data.id, qrCode: data.totp.qr_code, secret: data.totp.secret, uri: data.totp.uri };
  }

  /** Challenges the factor and verifies the code: the session becomes aal2 (and a new factor counts from now). */
  async verifyTotp(factorId: string, code: string): Promise<void> {
    const { error } = await (await this.supabase()).auth.mfa.challengeAndVerify({ factorId, code });
    if (error) throw error;
  }

  async unenrollFactor(factorId: string): Promise<void> {
    const { error } = await (await this.supabase()).auth.mfa.unenroll({ factorId });
    if (error) throw error;
  }

  /** supabase-js auth events, delivered outside its callback (calling supabase-js inside one deadlocks). */
  events(): Observable<AuthSessionEvent> {
    return defer(() => from(this.supabase())).pipe(
      switchMap(
        (client) =>
          new Observable<AuthSessionEvent>((subscriber) => {
            const { data } = client.auth.onAuthStateChange((event, session) => subscriber.next({ event, session: toAuthSession(session) }));
            return () => data.subscription.unsubscribe();
          }),
      ),
      observeOn(asapScheduler),
    );
  }

  private supabase(): Promise<SupabaseClient> {
    this.client ??= this.create().catch((error) => {
      this.client = undefined; // let the next call try again (e.g. the API was still starting)
      throw error;
    });
    return this.client;
  }

  private async create(): Promise<SupabaseClient> {
    const [config, { createClient }] = await Promise.all([firstValueFrom(this.http.get<PublicConfig>(PUBLIC_CONFIG_URL)), import('@supabase/supabase-js')]);
    // A relative supabaseUrl means "same origin" (behind the dev-server proxy).
    const url = new URL(config.supabaseUrl, this.document.location.origin).toString().replace(/\/$/, '');
    return createClient(url, config.supabasePublishableKey, {
      // PKCE for the Google redirect; mailed links still work (verifyOtp with token_hash takes either flow's hash).
      // detectSessionInUrl stays off: /auth/callback exchanges the code itself, to show its own errors.
      auth: { flowType: 'pkce', persistSession: true, autoRefreshToken: true, detectSessionInUrl: false },
    });
  }
}

function decodeClaims(token: string): Record<string, unknown> {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload)) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function toAuthSession(session: Session | null | undefined): AuthSession | null {
  return session?.access_token ? { email: session.user?.email ?? '', accessToken: session.access_token } : null;
}
