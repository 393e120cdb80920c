import type { PoolClient } from 'pg';
import { type IdentityRow, USER_COLUMNS, type UserRow } from './auth.store';

export interface FlowStateRow {
  id: string;
  user_id: string | null;
  auth_code: string | null;
  code_challenge_method: 's256' | 'plain' | null;
  code_challenge: string | null;
  provider_type: string;
  provider_access_token: string | null;
  provider_refresh_token: string | null;
  authentication_method: string;
  referrer: string | null;
  created_at: Date;
}

const FLOW_COLUMNS = `id, user_id, auth_code, code_challenge_method, code_challenge, provider_type, provider_access_token, provider_refresh_token,
  authentication_method, referrer, created_at`;
const INSTANCE_ID = '00000000-0000-0000-0000-000000000000';

/** SQL for GoTrue's auth.flow_state and auth.identities, and for users that sign up through a provider. */
export class OAuthStore {
  async createFlowState(c: PoolClient, flow: { provider: string; codeChallenge: string | null; codeChallengeMethod: 's256' | 'plain' | null; referrer: string }): Promise<FlowStateRow> {
    // As models.NewFlowState: the auth code exists from the start when the client asked for PKCE.
    const { rows } = await c.query<FlowStateRow>(
      `insert into auth.flow_state (id, auth_code, code_challenge_method, code_challenge, provider_type, authentication_method, referrer, created_at, updated_at)
       values (gen_random_uuid(), case when $1::text is null then null else gen_random_uuid()::text end, $2, $1, $3, 'oauth', $4, now(), now())
       returning ${FLOW_COLUMNS}`,
      [flow.codeChallenge, flow.codeChallengeMethod, flow.provider, flow.referrer],
    );
    return rows[0];
  }

  async findFlowState(c: PoolClient, id: string): Promise<FlowStateRow | null> {
    const { rows } = await c.query<FlowStateRow>(`select ${FLOW_COLUMNS} from auth.flow_state where id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Locks the flow state (GoTrue: FOR UPDATE SKIP LOCKED, so a concurrent callback finds nothing). */
  async lockFlowState(c: PoolClient, id: string): Promise<FlowStateRow | null> {
    const { rows } = await c.query<FlowStateRow>(`select ${FLOW_COLUMNS} from auth.flow_state where id = $1 for update skip locked`, [id]);
    return rows[0] ?? null;
  }

  async lockFlowStateByAuthCode(c: PoolClient, authCode: string): Promise<FlowStateRow | null> {
    const { rows } = await c.query<FlowStateRow>(`select ${FLOW_COLUMNS} from auth.flow_state where auth_code = $1 for update`, [authCode]);
    return rows[0] ?? null;
  }

  async completeFlowState(c: PoolClient, id: string, userId: string, providerAccessToken: string, providerRefreshToken: string): Promise<void> {
    await c.query(
      `update auth.flow_state set user_id = $2, provider_access_token = $3, provider_refresh_token = $4, auth_code_issued_at = now(), updated_at = now() where id = $1`,
      [id, userId, providerAccessToken, providerRefreshToken],
    );
  }

  async deleteFlowState(c: PoolClient, id: string): Promise<void> {
    await c.query('delete from auth.flow_state where id = $1', [id]);
  }

  async findIdentity(c: PoolClient, provider: string, providerId: string): Promise<IdentityRow | null> {
    const { rows } = await c.query<IdentityRow>('select * from auth.identities where provider = $1 and provider_id = $2', [provider, providerId]);
    return rows[0] ?? null;
  }

  /** Stored identities of any provider carrying one of these addresses (GoTrue's similarIdentities). */
  async identitiesByEmail(c: PoolClient, email: string): Promise<IdentityRow[]> {
    const { rows } = await c.query<IdentityRow>('select * from auth.identities where email = $1', [email]);
    return rows;
  }

  async usersByEmail(c: PoolClient, email: string): Promise<UserRow[]> {
    const { rows } = await c.query<UserRow>(`select ${USER_COLUMNS} from auth.users where email = $1 and is_sso_user = false and deleted_at is null`, [email]);
    return rows;
  }

  async insertIdentity(c: PoolClient, userId: string, provider: string, providerId: string, data: Record<string, unknown>): Promise<void> {
    await c.query(
      `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
       values ($1, $2, $3::jsonb, $4, now(), now(), now())`,
      [providerId, userId, JSON.stringify(data), provider],
    );
  }

  async touchIdentity(c: PoolClient, id: string, data: Record<string, unknown>): Promise<void> {
    await c.query('update auth.identities set identity_data = $2::jsonb, last_sign_in_at = now(), updated_at = now() where id = $1', [id, JSON.stringify(data)]);
  }

  /** A user created by a provider sign-in: no password; confirmed when the provider vouches for the address. */
  async insertProviderUser(c: PoolClient, email: string, provider: string, data: Record<string, unknown>, confirmed: boolean): Promise<UserRow> {
    const { rows } = await c.query<UserRow>(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data,
         created_at, updated_at, is_sso_user, is_anonymous)
       values ($1, gen_random_uuid(), 'authenticated', 'authenticated', $2, null, case when $3 then now() end,
         jsonb_build_object('provider', $4::text, 'providers', jsonb_build_array($4::text)), $5::jsonb, now(), now(), false, false)
       returning ${USER_COLUMNS}`,
      [INSTANCE_ID, email, confirmed, provider, JSON.stringify(data)],
    );
    return rows[0];
  }

  /**
   * GoTrue's UpdateUserMetaData (merge) plus UpdateAppMetaDataProviders: providers = the email one while the user keeps it,
   * then the stored identities' providers; `provider` = the first.
   */
  async mergeUserMetadata(c: PoolClient, id: string, patch: Record<string, unknown>, keepEmailProvider: boolean): Promise<UserRow> {
    const { rows } = await c.query<UserRow>(
      `update auth.users set raw_user_meta_data = coalesce(raw_user_meta_data, '{}'::jsonb) || $2::jsonb,
         raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb) || (
           select jsonb_build_object('provider', p[1], 'providers', to_jsonb(p))
           from (select (case when $3 then array['email'] else array[]::text[] end)
                   || coalesce((select array_agg(distinct provider order by provider) from auth.identities where user_id = $1), array[]::text[]) as p) providers),
         updated_at = now()
       where id = $1 returning ${USER_COLUMNS}`,
      [id, JSON.stringify(patch), keepEmailProvider],
    );
    return rows[0];
  }

  /**
   * GoTrue's RemoveUnconfirmedIdentities + Confirm, for an unconfirmed user who proves the address through a provider:
   * the password (which nobody proved) goes, user_metadata becomes the provider's, the other identities go.
   */
  async replaceUnconfirmedIdentities(c: PoolClient, id: string, keep: { provider: string; providerId: string; data: Record<string, unknown> }): Promise<UserRow> {
    await c.query('delete from auth.identities where user_id = $1 and not (provider = $2 and provider_id = $3)', [id, keep.provider, keep.providerId]);
    const { rows } = await c.query<UserRow>(
      `update auth.users set encrypted_password = null, confirmation_token = '', raw_user_meta_data = $2::jsonb,
         raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb) || jsonb_build_object('provider', $3::text, 'providers', jsonb_build_array($3::text)),
         email_confirmed_at = coalesce(email_confirmed_at, now()), updated_at = now()
       where id = $1 returning ${USER_COLUMNS}`,
      [id, JSON.stringify(keep.data), keep.provider],
    );
    return rows[0];
  }
}
