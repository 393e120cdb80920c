import type { PoolClient } from 'pg';

/** A row of auth.mfa_factors. */
export interface FactorRow {
  id: string;
  user_id: string;
  friendly_name: string | null;
  factor_type: 'totp' | 'webauthn' | 'phone';
  status: 'unverified' | 'verified';
  secret: string | null;
  created_at: Date;
  updated_at: Date;
  last_challenged_at: Date | null;
}

export interface ChallengeRow {
  id: string;
  factor_id: string;
  created_at: Date;
  verified_at: Date | null;
  ip_address: string;
}

/** GoTrue's AMR entry (models.AMREntry): how and when a session's user proved who they are. */
export interface AmrEntry {
  method: string;
  timestamp: number;
}

export type Aal = 'aal1' | 'aal2';

/** Sign-in methods that raise a session to aal2 (GoTrue's AMRClaim.IsAAL2Claim). */
const AAL2_METHODS = new Set(['totp', 'mfa/phone', 'mfa/webauthn']);

const FACTOR_COLUMNS = 'id, user_id, friendly_name, factor_type, status, secret, created_at, updated_at, last_challenged_at';

/** GoTrue's factor JSON (models.Factor): the secret is never shown. */
export function toFactor(f: FactorRow) {
  return {
    id: f.id,
    created_at: f.created_at.toISOString(),
    updated_at: f.updated_at.toISOString(),
    status: f.status,
    ...(f.friendly_name ? { friendly_name: f.friendly_name } : {}),
    factor_type: f.factor_type,
    phone: '',
    last_challenged_at: f.last_challenged_at ? f.last_challenged_at.toISOString() : null,
  };
}

export type Factor = ReturnType<typeof toFactor>;

// SQL for auth.mfa_factors, auth.mfa_challenges and auth.mfa_amr_claims; every function takes the caller's transaction.

export async function factorsOf(c: PoolClient, userId: string): Promise<FactorRow[]> {
  const { rows } = await c.query<FactorRow>(`select ${FACTOR_COLUMNS} from auth.mfa_factors where user_id = $1 order by created_at`, [userId]);
  return rows;
}

export async function ownedFactor(c: PoolClient, userId: string, factorId: string): Promise<FactorRow | null> {
  const { rows } = await c.query<FactorRow>(`select ${FACTOR_COLUMNS} from auth.mfa_factors where id = $1 and user_id = $2 for update`, [factorId, userId]);
  return rows[0] ?? null;
}

/** GoTrue's DeleteExpiredFactors: unverified factors never challenged, older than the factor expiry. */
export async function deleteExpiredFactors(c: PoolClient, maxAgeSeconds: number): Promise<void> {
  await c.query(
    `delete from auth.mfa_factors f where f.status <> 'verified' and not exists (select 1 from auth.mfa_challenges ch where ch.factor_id = f.id)
       and f.created_at + make_interval(secs => $1) < now()`,
    [maxAgeSeconds],
  );
}

export async function insertTotpFactor(c: PoolClient, userId: string, friendlyName: string, secret: string): Promise<FactorRow> {
  const { rows } = await c.query<FactorRow>(
    `insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
     values (gen_random_uuid(), $1, $2, 'totp', 'unverified', now(), now(), $3) returning ${FACTOR_COLUMNS}`,
    [userId, friendlyName, secret],
  );
  return rows[0];
}

export async function insertChallenge(c: PoolClient, factorId: string, ip: string): Promise<ChallengeRow> {
  const { rows } = await c.query<ChallengeRow>(
    `insert into auth.mfa_challenges (id, factor_id, created_at, ip_address) values (gen_random_uuid(), $1, now(), $2::inet)
     returning id, factor_id, created_at, verified_at, host(ip_address) as ip_address`,
    [factorId, ip],
  );
  return rows[0];
}

export async function findChallenge(c: PoolClient, factorId: string, challengeId: string): Promise<ChallengeRow | null> {
  const { rows } = await c.query<ChallengeRow>(
    'select id, factor_id, created_at, verified_at, host(ip_address) as ip_address from auth.mfa_challenges where id = $1 and factor_id = $2 for update',
    [challengeId, factorId],
  );
  return rows[0] ?? null;
}

export async function deleteChallenge(c: PoolClient, id: string): Promise<void> {
  await c.query('delete from auth.mfa_challenges where id = $1', [id]);
}

export async function markVerified(c: PoolClient, challengeId: string, factorId: string): Promise<void> {
  await c.query('update auth.mfa_challenges set verified_at = now() where id = $1', [challengeId]);
  await c.query(`update auth.mfa_factors set status = 'verified', updated_at = now() where id = $1`, [factorId]);
}

/** GoTrue's AddClaimToSession: one row per method, its time renewed when the method is used again. */
export async function addAmrClaim(c: PoolClient, sessionId: string, method: string): Promise<void> {
  await c.query(
    `insert into auth.mfa_amr_claims (id, session_id, created_at, updated_at, authentication_method) values (gen_random_uuid(), $1, now(), now(), $2)
     on conflict on constraint mfa_amr_claims_session_id_authentication_method_pkey do update set updated_at = now()`,
    [sessionId, method],
  );
}

/**
 * GoTrue's CalculateAALAndAMR: aal2 once the session holds a second-factor claim; amr newest first. A session without
 * claims (started outside the stand-in, e.g. by a test helper) counts as a password sign-in at its start.
 */
export async function assuranceOf(c: PoolClient, session: { id: string; created_at: Date }): Promise<{ aal: Aal; amr: AmrEntry[] }> {
  const { rows } = await c.query<{ method: string; at: Date }>('select authentication_method as method, updated_at as at from auth.mfa_amr_claims where session_id = $1', [session.id]);
  const claims = rows.length ? rows : [{ method: 'password', at: session.created_at }];
  const amr = [...claims].sort((a, b) => b.at.getTime() - a.at.getTime()).map((r) => ({ method: r.method, timestamp: Math.floor(r.at.getTime() / 1000) }));
  return { aal: amr.some((e) => AAL2_METHODS.has(e.method)) ? 'aal2' : 'aal1', amr };
}

export async function sessionAal(c: PoolClient, sessionId: string): Promise<string | null> {
  const { rows } = await c.query<{ aal: string | null }>('select aal::text as aal from auth.sessions where id = $1', [sessionId]);
  return rows[0]?.aal ?? null;
}

/**
 * After a verified challenge, as GoTrue's verifyTOTPFactor: the session is aal2 and remembers the factor, the session's
 * refresh token is swapped (the aal1 one cannot mint aal2 tokens), the user's sessions below aal2 end, and
 * unverified factors of the type go.
 */
export async function raiseSession(c: PoolClient, session: { id: string; user_id: string }, factor: FactorRow): Promise<string | null> {
  await addAmrClaim(c, session.id, 'totp');
  await c.query(`update auth.sessions set aal = 'aal2', factor_id = $2, updated_at = now() where id = $1`, [session.id, factor.id]);
  await c.query(`delete from auth.sessions where user_id = $1 and aal < 'aal2'`, [session.user_id]);
  await c.query(`delete from auth.mfa_factors where user_id = $1 and status = 'unverified' and factor_type = $2`, [session.user_id, factor.factor_type]);
  const { rows } = await c.query<{ token: string }>('select token from auth.refresh_tokens where session_id = $1 and not revoked order by id desc limit 1', [session.id]);
  return rows[0]?.token ?? null;
}

/** Unenroll, as GoTrue's UnenrollFactor + DowngradeSessionsToAAL1: sessions raised by this factor drop to aal1. */
export async function deleteFactor(c: PoolClient, factor: FactorRow): Promise<void> {
  await c.query(`delete from auth.mfa_amr_claims where authentication_method = 'totp' and session_id in (select id from auth.sessions where factor_id = $1)`, [factor.id]);
  await c.query(`update auth.sessions set aal = 'aal1', factor_id = null, updated_at = now() where user_id = $1 and factor_id = $2`, [factor.user_id, factor.id]);
  await c.query('delete from auth.mfa_factors where id = $1', [factor.id]);
}
