import { randomBytes } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';

export interface UserRow {
  id: string;
  aud: string;
  role: string;
  email: string;
  phone: string | null;
  email_confirmed_at: Date | null;
  confirmed_at: Date | null;
  confirmation_sent_at: Date | null;
  recovery_sent_at: Date | null;
  /** A pending e-mail change: the new address ('' when none), and when its confirmation was mailed. */
  email_change: string | null;
  email_change_sent_at: Date | null;
  reauthentication_sent_at: Date | null;
  last_sign_in_at: Date | null;
  banned_until: Date | null;
  raw_app_meta_data: Record<string, unknown> | null;
  raw_user_meta_data: Record<string, unknown> | null;
  created_at: Date;
  updated_at: Date;
  is_anonymous: boolean;
  /** The user's stored (provider) identities, as auth.identities rows. */
  identity_rows: IdentityRow[];
}

export interface IdentityRow {
  id: string;
  provider_id: string;
  user_id: string;
  identity_data: Record<string, unknown>;
  provider: string;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
  email: string | null;
}

export interface SessionRow {
  id: string;
  user_id: string;
  created_at: Date;
}

/** The auth.users columns GoTrue keeps a mailed token in: `<kind>_token` and `<kind>_sent_at`. */
export type MailToken = 'confirmation' | 'recovery' | 'reauthentication';

/** How a session was signed in (GoTrue's amr methods this stand-in issues). */
export type AmrMethod = 'password' | 'otp' | 'magiclink' | 'oauth' | 'totp' | 'recovery';

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
}

export const USER_COLUMNS = `id, aud, role, email, phone, email_confirmed_at, confirmed_at, confirmation_sent_at, recovery_sent_at,
  email_change, email_change_sent_at, reauthentication_sent_at, last_sign_in_at, banned_until,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous,
  (select coalesce(jsonb_agg(to_jsonb(i) order by i.created_at), '[]'::jsonb) from auth.identities i where i.user_id = users.id) as identity_rows`;

const INSTANCE_ID = '00000000-0000-0000-0000-000000000000';

/**
 * SQL for auth.users, auth.sessions and auth.refresh_tokens (GoTrue's tables: on plain Postgres the bootstrap creates them);
 * every method takes the caller's transaction client.
 */
export class AuthStore {
  private readonly pool: Pool;

  constructor(connectionString: string) {
    // supabase_auth_admin has search_path=auth on Supabase; unqualified names in triggers resolve the same way here.
    this.pool = new Pool({ connectionString, application_name: 'raptorflow-sandbox-auth', options: '-c search_path=auth', max: 5 });
    // An idle connection dropped by the server (e.g. a test database removed) must not crash the sandbox.
    this.pool.on('error', () => undefined);
  }

  async transaction<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const result = await fn(client);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback');
      throw error;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  async insertUser(c: PoolClient, email: string, password: string, data: Record<string, unknown>, confirmed: boolean): Promise<UserRow> {
    const { rows } = await c.query<UserRow>(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, confirmation_sent_at,
         raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_sso_user, is_anonymous)
       values ($1, gen_random_uuid(), 'authenticated', 'authenticated', $2, extensions.crypt($3, extensions.gen_salt('bf', 10)),
         case when $4 then now() end, null,
         '{"provider":"email","providers":["email"]}', $5::jsonb, now(), now(), false, false)
       returning ${USER_COLUMNS}`,
      [INSTANCE_ID, email, password, confirmed, JSON.stringify(data)],
    );
    return rows[0];
  }

  async emailTaken(c: PoolClient, email: string): Promise<boolean> {
    const { rowCount } = await c.query('select 1 from auth.users where email = $1 and is_sso_user = false', [email]);
    return (rowCount ?? 0) > 0;
  }

  /** The user if the password matches; null for an unknown email or a wrong password alike. */
  async findByPassword(c: PoolClient, email: string, password: string): Promise<UserRow | null> {
    const { rows } = await c.query<UserRow>(
      `select ${USER_COLUMNS} from auth.users
       where email = $1 and is_sso_user = false and deleted_at is null and coalesce(encrypted_password, '') <> ''
         and extensions.crypt($2, encrypted_password) = encrypted_password`,
      [email, password],
    );
    return rows[0] ?? null;
  }

  async findUser(c: PoolClient, id: string): Promise<UserRow | null> {
    const { rows } = await c.query<UserRow>(`select ${USER_COLUMNS} from auth.users where id = $1 and deleted_at is null`, [id]);
    return rows[0] ?? null;
  }

  async findUserByEmail(c: PoolClient, email: string): Promise<UserRow | null> {
    const { rows } = await c.query<UserRow>(`select ${USER_COLUMNS} from auth.users where email = $1 and is_sso_user = false`, [email]);
    return rows[0] ?? null;
  }

  async updateUser(c: PoolClient, id: string, changes: { metadata?: Record<string, unknown>; password?: string; confirm?: boolean; signedIn?: boolean }): Promise<UserRow> {
    const { rows } = await c.query<UserRow>(
      `update auth.users set
         raw_user_meta_data = coalesce($2::jsonb, raw_user_meta_data),
         encrypted_password = case when $3::text is null then encrypted_password else extensions.crypt($3, extensions.gen_salt('bf', 10)) end,
         email_confirmed_at = case when $4 then coalesce(email_confirmed_at, now()) else email_confirmed_at end,
         last_sign_in_at = case when $5 then now() else last_sign_in_at end,
         updated_at = now()
       where id = $1 returning ${USER_COLUMNS}`,
      [id, changes.metadata ? JSON.stringify(changes.metadata) : null, changes.password ?? null, changes.confirm ?? false, changes.signedIn ?? false],
    );
    return rows[0];
  }

  /** Stores a mailed token (hashed, as GoTrue) in its column and when it was sent. */
  async setMailToken(c: PoolClient, id: string, kind: MailToken, hash: string): Promise<void> {
    await c.query(`update auth.users set ${kind}_token = $2, ${kind}_sent_at = now(), updated_at = now() where id = $1`, [id, hash]);
  }

  /**
   * Spends the unexpired mailed token and confirms the address (a recovery link proves it too, as in GoTrue's
   * recoverVerify); null when no user holds it.
   */
  async spendMailToken(c: PoolClient, kind: MailToken, hash: string, maxAgeSeconds: number): Promise<UserRow | null> {
    const { rows } = await c.query<UserRow>(
      `update auth.users set ${kind}_token = '', email_confirmed_at = coalesce(email_confirmed_at, now()),
         raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || '{"email_verified": true}', updated_at = now()
       where ${kind}_token = $1 and ${kind}_token <> '' and deleted_at is null
         and ${kind}_sent_at > now() - make_interval(secs => $2)
       returning ${USER_COLUMNS}`,
      [hash, maxAgeSeconds],
    );
    return rows[0] ?? null;
  }

  async passwordMatches(c: PoolClient, id: string, password: string): Promise<boolean> {
    const { rowCount } = await c.query('select 1 from auth.users where id = $1 and extensions.crypt($2, encrypted_password) = encrypted_password', [id, password]);
    return (rowCount ?? 0) > 0;
  }

  async createSession(c: PoolClient, userId: string, client: ClientInfo, method: AmrMethod = 'password'): Promise<{ session: SessionRow; refreshToken: string }> {
    const { rows } = await c.query<SessionRow>(
      `insert into auth.sessions (id, user_id, created_at, updated_at, aal, user_agent, ip)
       values (gen_random_uuid(), $1, now(), now(), 'aal1', $2, $3) returning id, user_id, created_at`,
      [userId, client.userAgent, client.ip || null],
    );
    await c.query(`insert into auth.mfa_amr_claims (session_id, created_at, updated_at, authentication_method) values ($1, now(), now(), $2)`, [rows[0].id, method]);
    const refreshToken = await this.insertRefreshToken(c, rows[0], null);
    return { session: rows[0], refreshToken };
  }

  async findSession(c: PoolClient, id: string): Promise<SessionRow | null> {
    const { rows } = await c.query<SessionRow>('select id, user_id, created_at from auth.sessions where id = $1', [id]);
    return rows[0] ?? null;
  }

  /** Locks the token row so concurrent refreshes with the same token serialize. */
  async lockRefreshToken(c: PoolClient, token: string): Promise<{ revoked: boolean; session: SessionRow } | null> {
    const { rows } = await c.query<{ revoked: boolean; id: string; user_id: string; created_at: Date }>(
      `select rt.revoked, s.id, s.user_id, s.created_at from auth.refresh_tokens rt join auth.sessions s on s.id = rt.session_id
       where rt.token = $1 for update of rt`,
      [token],
    );
    const row = rows[0];
    return row ? { revoked: row.revoked, session: { id: row.id, user_id: row.user_id, created_at: row.created_at } } : null;
  }

  async rotateRefreshToken(c: PoolClient, session: SessionRow, parent: string): Promise<string> {
    await c.query('update auth.refresh_tokens set revoked = true, updated_at = now() where token = $1', [parent]);
    await c.query('update auth.sessions set refreshed_at = now(), updated_at = now() where id = $1', [session.id]);
    return this.insertRefreshToken(c, session, parent);
  }

  async revokeSessionTokens(c: PoolClient, sessionId: string): Promise<void> {
    await c.query('update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and not revoked', [sessionId]);
  }

  async deleteSessions(c: PoolClient, userId: string, scope: 'global' | 'local' | 'others', sessionId: string): Promise<void> {
    const where = { global: 'user_id = $1', local: 'user_id = $1 and id = $2', others: 'user_id = $1 and id <> $2' }[scope];
    await c.query(`delete from auth.sessions where ${where}`, scope === 'global' ? [userId] : [userId, sessionId]);
  }

  private async insertRefreshToken(c: PoolClient, session: SessionRow, parent: string | null): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await c.query(`insert into auth.refresh_tokens (instance_id, token, user_id, revoked, created_at, updated_at, parent, session_id)
       values ($1, $2, $3, false, now(), now(), $4, $5)`, [
      INSTANCE_ID,
      token,
      session.user_id,
      parent,
      session.id,
    ]);
    return token;
  }

  /** GoTrue's sendEmailChange: the new address waits in email_change with the hash of the code mailed to it. */
  async setEmailChange(c: PoolClient, id: string, newEmail: string, hash: string): Promise<void> {
    await c.query(
      `update auth.users set email_change = $2, email_change_token_new = $3, email_change_token_current = '', email_change_confirm_status = 0,
         email_change_sent_at = now(), updated_at = now() where id = $1`,
      [id, newEmail, hash],
    );
  }

  /** GoTrue's ConfirmEmailChange: the unexpired token moves email_change into email; null when no user holds it. */
  async spendEmailChangeToken(c: PoolClient, hash: string, maxAgeSeconds: number): Promise<UserRow | null> {
    const { rows } = await c.query<UserRow>(
      `update auth.users set email = email_change, email_change = '', email_change_token_new = '', email_change_token_current = '',
         email_change_confirm_status = 0, email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now()
       where email_change_token_new = $1 and email_change_token_new <> '' and coalesce(email_change, '') <> '' and deleted_at is null
         and email_change_sent_at > now() - make_interval(secs => $2)
       returning ${USER_COLUMNS}`,
      [hash, maxAgeSeconds],
    );
    return rows[0] ?? null;
  }

  /** True when the nonce's hash is the user's unexpired reauthentication token; spends it. */
  async spendReauthenticationToken(c: PoolClient, id: string, hash: string, maxAgeSeconds: number): Promise<boolean> {
    const { rowCount } = await c.query(
      `update auth.users set reauthentication_token = '', updated_at = now()
       where id = $1 and reauthentication_token = $2 and reauthentication_token <> '' and reauthentication_sent_at > now() - make_interval(secs => $3)`,
      [id, hash, maxAgeSeconds],
    );
    return (rowCount ?? 0) > 0;
  }

  /** As GoTrue's UpdatePassword: mailed links and codes issued under the old password stop working. */
  async clearMailTokens(c: PoolClient, id: string): Promise<void> {
    await c.query(
      `update auth.users set confirmation_token = '', confirmation_sent_at = null, recovery_token = '', recovery_sent_at = null,
         email_change_token_current = '', email_change_token_new = '', email_change_sent_at = null, reauthentication_token = '', reauthentication_sent_at = null
       where id = $1`,
      [id],
    );
  }
}
