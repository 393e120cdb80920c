import { Injectable } from '@nestjs/common';
import { AppConfig, UserClaims } from '@raptorflow/api-platform';
import { createRemoteJWKSet, errors, JWTHeaderParameters, jwtVerify, JWTPayload } from 'jose';
import { AuthError } from './auth.errors';

/** Tokens remembered as verified (a browser sends the same token for up to an hour). */
const VERIFIED_TOKENS_MAX = 10_000;

/**
 * Verifies Supabase access tokens: asymmetric keys from the project's JWKS (ES256/RS256) and, when configured,
 * the legacy HS256 secret. Checks iss, aud=authenticated, exp and sub. The token's `role` is never trusted:
 * user work always runs as `authenticated`.
 */
@Injectable()
export class JwtVerifier {
  // A verified token's claims until it expires: its signature, issuer and audience cannot change.
  private readonly verified = new Map<string, { claims: UserClaims; expiresAt: number }>();
  private readonly issuer: string;
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;
  private readonly secret?: Uint8Array;

  constructor(config: AppConfig) {
    this.issuer = `${config.SUPABASE_URL.replace(/\/$/, '')}/auth/v1`;
    this.jwks = createRemoteJWKSet(new URL(`${this.issuer}/.well-known/jwks.json`), {
      cacheMaxAge: 10 * 60_000,
      cooldownDuration: 30_000,
      timeoutDuration: 5_000,
    });
    if (config.SUPABASE_JWT_SECRET) this.secret = new TextEncoder().encode(config.SUPABASE_JWT_SECRET);
  }

  async verify(token: string): Promise<UserClaims> {
    const known = this.verified.get(token);
    if (known && known.expiresAt > Date.now()) return known.claims;
    if (known) this.verified.delete(token);
    const { claims, expiresAt } = await this.check(token);
    if (this.verified.size >= VERIFIED_TOKENS_MAX) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { claims, expiresAt });
    return claims;
  }

  private async check(token: string): Promise<{ claims: UserClaims; expiresAt: number }> {
    try {
      const { payload } = await jwtVerify(
        token,
        (header: JWTHeaderParameters, input) => (header.alg === 'HS256' && this.secret ? this.secret : this.jwks(header, input)),
        { issuer: this.issuer, audience: 'authenticated', algorithms: this.secret ? ['ES256', 'RS256', 'HS256'] : ['ES256', 'RS256'], requiredClaims: ['exp', 'sub'] },
      );
      return { claims: Object.freeze(toClaims(payload)), expiresAt: (payload.exp as number) * 1000 };
    } catch (error) {
      if (error instanceof AuthError) throw error;
      if (error instanceof errors.JWTExpired) throw new AuthError('TOKEN_EXPIRED', 'Your session has expired. Sign in again.');
      throw new AuthError('TOKEN_INVALID', 'The access token is not valid.');
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toClaims(payload: JWTPayload): UserClaims {
  if (typeof payload.sub !== 'string' || !UUID.test(payload.sub)) throw new AuthError('TOKEN_INVALID', 'The access token has no valid subject.');
  return {
    sub: payload.sub,
    email: typeof payload['email'] === 'string' ? payload['email'] : undefined,
    session_id: typeof payload['session_id'] === 'string' ? payload['session_id'] : undefined,
    // How and when the user signed in (GoTrue's authentication methods reference), and the assurance level reached.
    amr: Array.isArray(payload['amr']) ? payload['amr'] : undefined,
    aal: typeof payload['aal'] === 'string' ? payload['aal'] : undefined,
    aud: 'authenticated',
  };
}
