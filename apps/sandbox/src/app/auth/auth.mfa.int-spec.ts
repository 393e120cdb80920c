// Contract tests: supabase-js `auth.mfa` (TOTP) against the GoTrue stand-in, on a real database.
import { AuthApiError, createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { FastifyInstance } from 'fastify';
import { decodeJwt } from 'jose';
import { generateSync } from 'otplib';
import { Client } from 'pg';
import ws from 'ws';
import { createSandbox, type SandboxOptions } from '../sandbox';

const databaseUrl = process.env['DATABASE_URL'] as string;
const PASSWORD = 'correct-horse-battery';
let seq = 0;

function client(url: string): SupabaseClient {
  return createClient(url, 'sandbox-publishable-key', {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: ws as unknown as typeof WebSocket },
  });
}

function errorOf(result: { error: unknown }): AuthApiError {
  expect(result.error).toBeInstanceOf(AuthApiError);
  return result.error as AuthApiError;
}

const claimsOf = (token: string) => decodeJwt(token) as { aal: string; amr: { method: string; timestamp: number }[]; session_id: string };

describe('Supabase Auth stand-in: MFA (TOTP) with supabase-js', () => {
  let app: FastifyInstance;
  let url: string;
  const db = new Client({ connectionString: databaseUrl });

  beforeAll(async () => {
    const options: SandboxOptions = { databaseUrl, publicUrl: '', autoconfirm: true };
    app = await createSandbox(options);
    options.publicUrl = url = await app.listen({ port: 0, host: '127.0.0.1' });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await app.close();
  });

  /** A signed-up user, signed in on a fresh client (an aal1 password session). */
  async function signedIn(address = `mfa-${Date.now()}-${seq++}@example.test`) {
    const { error } = await client(url).auth.signUp({ email: address, password: PASSWORD });
    if (error) throw error;
    return { auth: await signIn(address), email: address };
  }

  async function signIn(address: string) {
    const c = client(url);
    const { error } = await c.auth.signInWithPassword({ email: address, password: PASSWORD });
    if (error) throw error;
    return c.auth;
  }

  /** Enrolls a TOTP factor and verifies it with a code computed from the secret shown: the session becomes aal2. */
  async function enrollVerified(auth: SupabaseClient['auth'], friendlyName?: string) {
    const enrolled = await auth.mfa.enroll({ factorType: 'totp', friendlyName });
    if (enrolled.error) throw enrolled.error;
    const verified = await auth.mfa.challengeAndVerify({ factorId: enrolled.data.id, code: generateSync({ secret: enrolled.data.totp.secret }) });
    if (verified.error) throw verified.error;
    return { factorId: enrolled.data.id, secret: enrolled.data.totp.secret, session: verified.data };
  }

  it('enrolls a TOTP factor: a QR code, the secret and its otpauth URI; the user lists it unverified', async () => {
    const { auth, email } = await signedIn();
    const { data, error } = await auth.mfa.enroll({ factorType: 'totp', friendlyName: 'Phone' });
    expect(error).toBeNull();
    expect(data).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), type: 'totp', friendly_name: 'Phone' });
    expect(data?.totp.qr_code).toMatch(/^data:image\/svg\+xml;utf-8,<svg /);
    expect(data?.totp.secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = new URL(data?.totp.uri as string);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(data?.totp.secret);
    expect(decodeURIComponent(uri.pathname)).toContain(email);

    const { data: user } = await auth.getUser();
    expect(user.user?.factors).toEqual([expect.objectContaining({ id: data?.id, factor_type: 'totp', status: 'unverified', friendly_name: 'Phone' })]);
    const listed = await auth.mfa.listFactors();
    expect(listed.data?.all).toHaveLength(1);
    expect(listed.data?.totp).toEqual([]);
    // Unverified factors do not ask for a second step.
    expect((await auth.mfa.getAuthenticatorAssuranceLevel()).data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal1' });
    const { rows } = await db.query('select status::text, secret from auth.mfa_factors where id = $1', [data?.id]);
    expect(rows).toEqual([{ status: 'unverified', secret: data?.totp.secret }]);
  });

  it('verifies a code: a new aal2 session with totp in amr, which a refresh keeps', async () => {
    const { auth } = await signedIn();
    const before = (await auth.getSession()).data.session;
    const { factorId, session } = await enrollVerified(auth);
    const claims = claimsOf(session.access_token);
    expect(claims.aal).toBe('aal2');
    expect(claims.amr.map((e) => e.method)).toEqual(['totp', 'password']);
    expect(claims.session_id).toBe(claimsOf(before?.access_token as string).session_id);
    expect(session.refresh_token).not.toBe(before?.refresh_token);
    expect((await auth.mfa.getAuthenticatorAssuranceLevel()).data).toMatchObject({ currentLevel: 'aal2', nextLevel: 'aal2' });
    expect((await auth.mfa.listFactors()).data?.totp).toEqual([expect.objectContaining({ id: factorId, status: 'verified' })]);

    const refreshed = await auth.refreshSession();
    expect(claimsOf(refreshed.data.session?.access_token as string).aal).toBe('aal2');
    // The aal1 refresh token was swapped out by the verification.
    const stale = await client(url).auth.refreshSession({ refresh_token: before?.refresh_token as string });
    expect(errorOf(stale).code).toMatch(/refresh_token_already_used|refresh_token_not_found/);
  });

  it('a new password sign-in is aal1 with aal2 next; the challenge raises it, and older aal1 sessions end', async () => {
    const { auth, email } = await signedIn();
    const other = await signIn(email);
    const otherSession = claimsOf((await other.getSession()).data.session?.access_token as string).session_id;
    const { factorId, secret } = await enrollVerified(auth);
    // Verifying ended the user's other sessions below aal2.
    // (supabase-js drops a session GoTrue answers session_not_found for, and says so.)
    expect((await other.getUser()).error?.name).toBe('AuthSessionMissingError');
    expect((await db.query('select 1 from auth.sessions where id = $1', [otherSession])).rowCount).toBe(0);

    const again = await signIn(email);
    const level = await again.mfa.getAuthenticatorAssuranceLevel();
    expect(level.data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal2' });
    const token = (await again.getSession()).data.session?.access_token as string;
    expect((await again.mfa.getAuthenticatorAssuranceLevel(token)).data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal2' });

    const challenge = await again.mfa.challenge({ factorId });
    expect(challenge.data).toMatchObject({ id: expect.any(String), type: 'totp', expires_at: expect.any(Number) });
    const wrong = generateSync({ secret, epoch: Date.now() / 1000 - 600 });
    const failed = errorOf(await again.mfa.verify({ factorId, challengeId: challenge.data?.id as string, code: wrong }));
    expect([failed.status, failed.code]).toEqual([422, 'mfa_verification_failed']);
    expect((await again.mfa.getAuthenticatorAssuranceLevel()).data?.currentLevel).toBe('aal1');
    const ok = await again.mfa.verify({ factorId, challengeId: challenge.data?.id as string, code: generateSync({ secret }) });
    expect(ok.error).toBeNull();
    expect((await again.mfa.getAuthenticatorAssuranceLevel()).data).toMatchObject({ currentLevel: 'aal2', nextLevel: 'aal2' });
    // A challenge is spent once.
    const replay = errorOf(await again.mfa.verify({ factorId, challengeId: challenge.data?.id as string, code: generateSync({ secret }) }));
    expect(replay.code).toBe('mfa_ip_address_mismatch');
  });

  it("refuses unknown factors and challenges, empty codes and expired challenges with GoTrue's codes", async () => {
    const { auth } = await signedIn();
    const { factorId, secret } = await enrollVerified(auth);
    const unknown = errorOf(await auth.mfa.challenge({ factorId: '00000000-0000-4000-8000-000000000000' }));
    expect([unknown.status, unknown.code]).toEqual([404, 'mfa_factor_not_found']);
    const noChallenge = errorOf(await auth.mfa.verify({ factorId, challengeId: '00000000-0000-4000-8000-000000000000', code: '123456' }));
    expect([noChallenge.status, noChallenge.code]).toEqual([422, 'mfa_factor_not_found']);
    const challenge = await auth.mfa.challenge({ factorId });
    const empty = errorOf(await auth.mfa.verify({ factorId, challengeId: challenge.data?.id as string, code: '' }));
    expect([empty.status, empty.code]).toEqual([400, 'validation_failed']);
    await db.query(`update auth.mfa_challenges set created_at = now() - interval '6 minutes' where id = $1`, [challenge.data?.id]);
    const expired = errorOf(await auth.mfa.verify({ factorId, challengeId: challenge.data?.id as string, code: generateSync({ secret }) }));
    expect([expired.status, expired.code]).toEqual([422, 'mfa_challenge_expired']);
    expect((await db.query('select 1 from auth.mfa_challenges where id = $1', [challenge.data?.id])).rowCount).toBe(0);
    const phone = errorOf(await auth.mfa.enroll({ factorType: 'phone', phone: '+919999999999' }));
    expect(phone.code).toBe('mfa_phone_enroll_not_enabled');
  });

  it('a second TOTP factor needs aal2 to enroll and signs in when the first is lost; unenroll needs aal2', async () => {
    const { auth, email } = await signedIn();
    const first = await enrollVerified(auth, 'Phone');
    const aal1 = await signIn(email);
    const refused = errorOf(await aal1.mfa.enroll({ factorType: 'totp', friendlyName: 'Backup' }));
    expect([refused.status, refused.code]).toEqual([403, 'insufficient_aal']);
    expect(errorOf(await auth.mfa.enroll({ factorType: 'totp', friendlyName: 'Phone' })).code).toBe('mfa_factor_name_conflict');
    const second = await enrollVerified(auth, 'Backup');

    // The phone is lost: the backup factor passes the challenge.
    const recovering = await signIn(email);
    const verified = await recovering.mfa.challengeAndVerify({ factorId: second.factorId, code: generateSync({ secret: second.secret }) });
    expect(claimsOf(verified.data?.access_token as string).aal).toBe('aal2');

    const aal1Again = await signIn(email);
    const notYet = errorOf(await aal1Again.mfa.unenroll({ factorId: first.factorId }));
    expect([notYet.status, notYet.code]).toEqual([422, 'insufficient_aal']);
    const removed = await recovering.mfa.unenroll({ factorId: first.factorId });
    expect(removed).toEqual({ data: { id: first.factorId }, error: null });
    expect((await recovering.mfa.listFactors()).data?.totp.map((f) => f.id)).toEqual([second.factorId]);

    // Removing the factor the session was raised with brings it back to aal1 on its next token.
    await recovering.mfa.unenroll({ factorId: second.factorId });
    const after = await recovering.refreshSession();
    expect(claimsOf(after.data.session?.access_token as string)).toMatchObject({ aal: 'aal1', amr: [expect.objectContaining({ method: 'password' })] });
    expect((await recovering.getUser()).data.user?.factors ?? []).toEqual([]);
    expect((await recovering.mfa.getAuthenticatorAssuranceLevel()).data).toMatchObject({ currentLevel: 'aal1', nextLevel: 'aal1' });
  });
});
