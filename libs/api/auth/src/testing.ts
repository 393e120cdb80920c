// Test helpers: a minimal Supabase Auth key server (JWKS over HTTP) that mints real ES256 tokens,
// and auth.users rows written as supabase_auth_admin, as GoTrue does.
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, JWK, SignJWT } from 'jose';
import { Client } from 'pg';

export interface TestUser {
  id: string;
  email: string;
  token: string;
}

export interface SignOptions {
  expiresIn?: string | number;
  audience?: string;
  issuer?: string;
  key?: CryptoKey;
  kid?: string;
  /** The token's session_id; by default a new auth.sessions row of the user (as GoTrue starts one per sign-in). */
  sessionId?: string;
  /** When the user last authenticated (GoTrue's `amr` timestamp); by default now. */
  authenticatedAt?: Date;
  /** The session's assurance level; 'aal2' adds a `totp` amr entry, as after a verified MFA challenge. */
  aal?: 'aal1' | 'aal2';
}

export class TestIdentityProvider {
  // While set, key set requests wait for it (to hold requests inside the auth guard).
  private keysHeld: Promise<void> | null = null;

  /** Key set requests wait until the returned function is called. */
  holdKeys(): () => void {
    let release!: () => void;
    this.keysHeld = new Promise<void>((r) => (release = r));
    return () => {
      this.keysHeld = null;
      release();
    };
  }

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly privateKey: CryptoKey,
  ) {}

  static async start(): Promise<TestIdentityProvider> {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
    const started: { idp?: TestIdentityProvider } = {};
    const server = createServer((req, res) => {
      if (req.url === '/auth/v1/.well-known/jwks.json') {
        void Promise.resolve(started.idp?.keysHeld).then(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    started.idp = new TestIdentityProvider(server, `http://127.0.0.1:${port}`, privateKey);
    return started.idp;
  }

  async sign(sub: string, email: string, options: SignOptions = {}): Promise<string> {
    const sessionId = options.sessionId ?? (await startSession(sub));
    const at = Math.floor((options.authenticatedAt ?? new Date()).getTime() / 1000);
    const aal = options.aal ?? 'aal1';
    const amr = aal === 'aal2' ? [{ method: 'totp', timestamp: at }, { method: 'password', timestamp: at }] : [{ method: 'password', timestamp: at }];
    return new SignJWT({ email, role: 'authenticated', session_id: sessionId, aal, amr })
      .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? 'test-key' })
      .setSubject(sub)
      .setIssuer(options.issuer ?? `${this.url}/auth/v1`)
      .setAudience(options.audience ?? 'authenticated')
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '1h')
      .sign(options.key ?? this.privateKey);
  }

  /** Inserts an auth.users row the way GoTrue does (as supabase_auth_admin), firing our trigger. */
  async createUser(email = `user-${randomUUID().slice(0, 8)}@example.com`, fullName = 'Test Founder', { confirmed = true } = {}): Promise<TestUser> {
    const id = randomUUID();
    await asAuthAdmin((c) =>
      c.query(
        `insert into auth.users (id, aud, role, email, email_confirmed_at, raw_user_meta_data, raw_app_meta_data, created_at, updated_at)
         values ($1, 'authenticated', 'authenticated', $2, case when $4 then now() end, $3, '{"provider":"email"}', now(), now())`,
        [id, email, JSON.stringify({ full_name: fullName }), confirmed],
      ),
    );
    return { id, email, token: await this.sign(id, email) };
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A verified TOTP factor of the user in auth.mfa_factors, as GoTrue keeps it after `mfa.verify`; its id. */
export async function enrollVerifiedFactor(userId: string): Promise<string> {
  const id = randomUUID();
  await asAuthAdmin((c) =>
    c.query(
      `insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
       values ($1, $2, '', 'totp', 'verified', now(), now(), 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')`,
      [id, userId],
    ),
  );
  return id;
}

/** A GoTrue session of the user (none if the auth user does not exist); its id either way. */
export async function startSession(userId: string): Promise<string> {
  const id = randomUUID();
  await asAuthAdmin((c) =>
    c.query(`insert into auth.sessions (id, user_id, created_at, updated_at, aal) select $1, id, now(), now(), 'aal1' from auth.users where id = $2`, [id, userId]),
  );
  return id;
}

export async function asAuthAdmin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const url = new URL(process.env['DATABASE_URL'] as string);
  url.username = 'supabase_auth_admin';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Gives a workspace a subscription (insert or update, as the payments module would) whose period ends `endsInDays`
 * from now; a negative number means it ended that many days ago.
 */
export function setSubscription(pg: Client, workspaceId: string, status = 'active', endsInDays = 30, plan = 'growth'): Promise<unknown> {
  return pg.query(
    `insert into subscriptions (workspace_id, plan_id, period, status, current_period_start, current_period_end)
     values ($1, $2, 'month', $3, now() - interval '40 days', now() + make_interval(days => $4))
     on conflict (workspace_id) do update set status = excluded.status, plan_id = excluded.plan_id, current_period_end = excluded.current_period_end`,
    [workspaceId, plan, status, endsInDays],
  );
}
