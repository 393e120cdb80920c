import type { FastifyInstance, FastifyRequest } from 'fastify';
import { generateSecret, generateURI, verifySync } from 'otplib';
import { toString as qrSvg } from 'qrcode';
import { badRequest, forbidden, GoTrueError, unprocessable } from './auth.errors';
import {
  deleteChallenge,
  deleteExpiredFactors,
  deleteFactor,
  factorsOf,
  findChallenge,
  insertChallenge,
  insertTotpFactor,
  markVerified,
  ownedFactor,
  raiseSession,
  sessionAal,
  type FactorRow,
} from './auth.mfa.store';
import type { AuthService, Session } from './auth.service';
import type { AuthStore, SessionRow } from './auth.store';
import type { PoolClient } from 'pg';

type Body = Record<string, unknown>;
type Req = FastifyRequest<{ Body: Body | undefined; Params: { factorId?: string } }>;

// GoTrue's MFA defaults (internal/conf/configuration.go): challenges and never-challenged unverified factors live
// 5 minutes; at most 10 factors; TOTP of 6 digits over 30 s, one step of clock skew either way.
const CHALLENGE_EXPIRY_SECONDS = 300;
const FACTOR_EXPIRY_SECONDS = 300;
const MAX_FACTORS = 10;
const TOTP_PERIOD_SECONDS = 30;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * GoTrue's MFA API as supabase-js `auth.mfa` calls it (internal/api/mfa.go), TOTP only: enroll, challenge, verify,
 * unenroll. A user may enroll several TOTP factors (a second authenticator is the way back in when one is lost:
 * `mfa.challenge` accepts any verified factor).
 */
export function mfaRoutes(app: FastifyInstance, auth: AuthService, store: AuthStore, siteUrl: string): void {
  const body = (request: Req): Body => (request.body && typeof request.body === 'object' ? request.body : {});
  const flows = new MfaFlows(auth, store, new URL(siteUrl).host);
  app.post('/factors', async (request: Req) => flows.enroll(request.headers.authorization, body(request)));
  app.post('/factors/:factorId/challenge', async (request: Req) => flows.challenge(request.headers.authorization, request.params.factorId ?? '', request.ip));
  app.post('/factors/:factorId/verify', async (request: Req) => flows.verify(request.headers.authorization, request.params.factorId ?? '', body(request), request.ip));
  app.delete('/factors/:factorId', async (request: Req) => flows.unenroll(request.headers.authorization, request.params.factorId ?? ''));
}

class MfaFlows {
  constructor(
    private readonly auth: AuthService,
    private readonly store: AuthStore,
    private readonly defaultIssuer: string,
  ) {}

  async enroll(authorization: string | undefined, params: Body) {
    const claims = await this.auth.authenticate(authorization);
    const factorType = params['factor_type'];
    if (factorType === 'phone') throw unprocessable('mfa_phone_enroll_not_enabled', 'MFA enroll is disabled for Phone');
    if (factorType === 'webauthn') throw unprocessable('mfa_webauthn_enroll_not_enabled', 'MFA enroll is disabled for WebAuthn');
    if (factorType !== 'totp') throw badRequest('validation_failed', 'factor_type needs to be totp, phone, or webauthn');
    const friendlyName = typeof params['friendly_name'] === 'string' ? params['friendly_name'] : '';
    const issuer = typeof params['issuer'] === 'string' && params['issuer'] ? params['issuer'] : this.defaultIssuer;
    return this.store.transaction(async (c) => {
      const user = await this.auth.loadUser(c, claims);
      await deleteExpiredFactors(c, FACTOR_EXPIRY_SECONDS);
      const factors = await factorsOf(c, user.id);
      if (friendlyName && factors.some((f) => f.friendly_name === friendlyName)) {
        throw unprocessable('mfa_factor_name_conflict', `A factor with the friendly name "${friendlyName}" for this user already exists`);
      }
      const verified = factors.filter((f) => f.status === 'verified').length;
      if (factors.length >= MAX_FACTORS || verified >= MAX_FACTORS) {
        throw unprocessable('too_many_enrolled_mfa_factors', 'Maximum number of verified factors reached, unenroll to continue');
      }
      if (verified > 0 && (await sessionAal(c, claims.session_id)) !== 'aal2') throw forbidden('insufficient_aal', 'AAL2 required to enroll a new factor');
      const secret = generateSecret();
      const uri = generateURI({ issuer, label: user.email, secret, period: TOTP_PERIOD_SECONDS, digits: 6, algorithm: 'sha1' });
      const factor = await insertTotpFactor(c, user.id, friendlyName, secret);
      // GoTrue sends the SVG itself (auth-js makes it a data: URI); no '#' so that URI needs no escaping.
      const svg = (await qrSvg(uri, { type: 'svg', errorCorrectionLevel: 'H', margin: 2 })).replace(/"#ffffff"/g, '"white"').replace(/"#000000"/g, '"black"');
      return { id: factor.id, type: 'totp', friendly_name: friendlyName, totp: { qr_code: svg, secret, uri } };
    });
  }

  async challenge(authorization: string | undefined, factorId: string, ip: string) {
    const claims = await this.auth.authenticate(authorization);
    return this.store.transaction(async (c) => {
      const factor = await this.loadFactor(c, claims, factorId);
      if (factor.factor_type !== 'totp') throw unprocessable('mfa_totp_verify_not_enabled', 'Only TOTP factors are simulated by the sandbox');
      const challenge = await insertChallenge(c, factor.id, normaliseIp(ip));
      return { id: challenge.id, type: factor.factor_type, expires_at: Math.floor(challenge.created_at.getTime() / 1000) + CHALLENGE_EXPIRY_SECONDS };
    });
  }

  async verify(authorization: string | undefined, factorId: string, params: Body, ip: string): Promise<Session> {
    const claims = await this.auth.authenticate(authorization);
    const challengeId = params['challenge_id'];
    if (typeof challengeId !== 'string' || !UUID.test(challengeId)) throw badRequest('bad_json', 'Could not parse request body as JSON: challenge_id must be an UUID');
    const code = typeof params['code'] === 'string' ? params['code'] : '';
    // An expired challenge is deleted even though the request fails, as GoTrue does; so the outcome leaves the transaction.
    const outcome = await this.store.transaction(async (c): Promise<Session | GoTrueError> => {
      const user = await this.auth.loadUser(c, claims);
      const factor = await this.loadFactor(c, claims, factorId);
      if (!code) return badRequest('validation_failed', 'Code needs to be non-empty');
      const challenge = await findChallenge(c, factor.id, challengeId);
      if (!challenge) return unprocessable('mfa_factor_not_found', 'MFA factor with the provided challenge ID not found');
      if (challenge.verified_at || challenge.ip_address !== normaliseIp(ip)) return unprocessable('mfa_ip_address_mismatch', 'Challenge and verify IP addresses mismatch.');
      if (challenge.created_at.getTime() + CHALLENGE_EXPIRY_SECONDS * 1000 < Date.now()) {
        await deleteChallenge(c, challenge.id);
        return unprocessable('mfa_challenge_expired', `MFA challenge ${challenge.id} has expired, verify against another challenge or create a new challenge.`);
      }
      if (!factor.secret || !verifySync({ secret: factor.secret, token: code.trim(), period: TOTP_PERIOD_SECONDS, epochTolerance: TOTP_PERIOD_SECONDS }).valid) {
        return unprocessable('mfa_verification_failed', 'Invalid TOTP code entered');
      }
      await markVerified(c, challenge.id, factor.id);
      const session = (await this.store.findSession(c, claims.session_id)) as SessionRow;
      const current = await raiseSession(c, session, factor);
      if (!current) return forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
      const refreshToken = await this.store.rotateRefreshToken(c, session, current);
      return this.auth.sessionResponse(c, user, session, refreshToken);
    });
    if (outcome instanceof GoTrueError) throw outcome;
    return outcome;
  }

  async unenroll(authorization: string | undefined, factorId: string): Promise<{ id: string }> {
    const claims = await this.auth.authenticate(authorization);
    return this.store.transaction(async (c) => {
      const factor = await this.loadFactor(c, claims, factorId);
      if (factor.status === 'verified' && (await sessionAal(c, claims.session_id)) !== 'aal2') {
        throw unprocessable('insufficient_aal', 'AAL2 required to unenroll verified factor');
      }
      await deleteFactor(c, factor);
      return { id: factor.id };
    });
  }

  // GoTrue's loadFactor (after requireAuthentication): the user's own factor or 404.
  private async loadFactor(c: PoolClient, claims: { sub: string; session_id: string }, factorId: string): Promise<FactorRow> {
    await this.auth.loadUser(c, { sub: claims.sub, session_id: claims.session_id });
    if (!UUID.test(factorId)) throw new GoTrueError(404, 'validation_failed', 'factor_id must be an UUID');
    const factor = await ownedFactor(c, claims.sub, factorId);
    if (!factor) throw new GoTrueError(404, 'mfa_factor_not_found', 'Factor not found');
    return factor;
  }
}

// Fastify reports an IPv4 client on a dual-stack socket as ::ffff:a.b.c.d; Postgres' host() gives a.b.c.d.
function normaliseIp(ip: string): string {
  return ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}
