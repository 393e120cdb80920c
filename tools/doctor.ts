// `npm run doctor`: loads the configuration exactly as the API does, then checks every external dependency
// (PostgreSQL, Redis, Supabase Auth, PhonePe, Resend, Vertex AI when configured) with a timeout and says in
// words what is wrong, where, and how to fix it. Exit code 1 when a required check fails. Never prints secrets.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { AppConfig, ConfigError, loadConfig, SECRET_SETTINGS } from '../libs/api/platform/src/lib/config/env.schema';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  /** A failing required check makes the doctor exit with 1. */
  required: boolean;
  /** One line: what was found (or what is wrong, and where). */
  summary: string;
  /** How to fix it, when something is wrong. */
  fix?: string;
  /** Further lines (e.g. the list of unapplied migrations). */
  details?: string[];
  ms: number;
}

export interface DoctorReport {
  ok: boolean;
  appEnv: string;
  checks: CheckResult[];
  /** The text `npm run doctor` prints, secrets masked. */
  output: string;
}

export interface DoctorOptions {
  /** Per-check timeout in milliseconds (default 5000). */
  timeoutMs?: number;
  /** Where the migration files are (default supabase/migrations of this repo). */
  migrationsDir?: string;
}

const SYMBOL: Record<CheckStatus, string> = { pass: '✓', warn: '!', fail: '✗', skip: '-' };
const RLS_ROLES = ['anon', 'authenticated', 'service_role', 'supabase_auth_admin'];
const SANDBOX_HINT = 'locally this is the sandbox stand-in: start it with `npm start` or `node dist/apps/sandbox/main.js`';

/** Shows that a secret is set without showing it: the first characters of a long key, a length, never the rest. */
export function mask(secret: string | undefined): string {
  if (!secret) return '(not set)';
  return secret.length >= 16 ? `${secret.slice(0, 3)}…(${secret.length} chars)` : `***(${secret.length} chars)`;
}

/** host:port/database without user info. */
function where(url: string, defaultPort: number): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || defaultPort}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return '(unparseable URL)';
  }
}

function isLocalUrl(url: string): boolean {
  try {
    return ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

class TimeoutError extends Error {}

function withTimeout<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function errorText(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { cause?: NodeJS.ErrnoException };
  const code = e?.code ?? e?.cause?.code;
  const message = e?.cause?.message && e.message === 'fetch failed' ? e.cause.message : e?.message ?? String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

/** Words for the usual network failures. */
function networkHint(error: unknown): string {
  const text = errorText(error);
  if (/ECONNREFUSED/.test(text)) return 'connection refused (nothing is listening there)';
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return 'the host name does not resolve';
  if (/ETIMEDOUT|did not answer|aborted|timeout/i.test(text)) return 'no answer in time (firewall, wrong port or a hung server)';
  if (/ECONNRESET|socket hang up/.test(text)) return 'the connection was dropped (TLS mismatch or a proxy?)';
  if (/certificate|SSL|TLS/i.test(text)) return 'TLS problem';
  return text;
}

async function httpRequest(url: string, init: RequestInit, timeoutMs: number): Promise<{ status: number; body: unknown; text: string }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: response.status, body, text };
}

type Check = Omit<CheckResult, 'ms' | 'name' | 'required'>;

// ---------------------------------------------------------------------------------------------- PostgreSQL

async function postgresChecks(config: AppConfig, timeoutMs: number, migrationsDir: string): Promise<CheckResult[]> {
  const at = where(config.DATABASE_URL, 5432);
  const client = new Client({ connectionString: config.DATABASE_URL, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => undefined);
  const results: CheckResult[] = [];
  const started = Date.now();
  try {
    await withTimeout(timeoutMs, `PostgreSQL at ${at}`, client.connect());
  } catch (error) {
    const text = errorText(error);
    let fix = isLocalUrl(config.DATABASE_URL)
      ? 'start PostgreSQL (e.g. `sudo service postgresql start` or `docker compose up -d postgres`) or point DATABASE_URL at a running server'
      : 'check DATABASE_URL (host, port, user, password; on Supabase use the direct or session-pooler connection string)';
    if (/does not exist/.test(text) && /database/.test(text)) fix = 'create it: `npm run db:prepare` (local) or fix the database name in DATABASE_URL';
    if (/password authentication failed|no pg_hba/.test(text)) fix = 'the server refused the credentials: fix the user/password in DATABASE_URL (or pg_hba.conf locally)';
    results.push({ name: 'PostgreSQL', required: true, status: 'fail', summary: `cannot connect to ${at}: ${networkHint(error)}`, fix, ms: Date.now() - started });
    await client.end().catch(() => undefined);
    return results;
  }
  try {
    const q = <T extends object>(text: string) => withTimeout(timeoutMs, 'PostgreSQL query', client.query<T & Record<string, unknown>>(text)).then((r) => r.rows);
    const [info] = await q<{ version: string; num: string; usr: string; db: string }>(
      "select current_setting('server_version') as version, current_setting('server_version_num') as num, current_user as usr, current_database() as db",
    );
    const major = Math.floor(Number(info.num) / 10000);
    const pg: Check =
      major < 14
        ? { status: 'warn', summary: `connected to ${at} as ${info.usr}: PostgreSQL ${info.version} is older than 14`, fix: 'use PostgreSQL 15 or newer (what Supabase runs)' }
        : { status: 'pass', summary: `connected to ${at} as ${info.usr} (PostgreSQL ${info.version})` };
    results.push({ name: 'PostgreSQL', required: true, ...pg, ms: Date.now() - started });

    // Migrations: supabase_migrations.schema_migrations (as the Supabase CLI records them) vs the files.
    const t1 = Date.now();
    const files = readdirSync(migrationsDir)
      .filter((f) => /^\d{14}_.+\.sql$/.test(f))
      .sort();
    const fileVersions = new Map(files.map((f) => [f.slice(0, 14), f]));
    const [{ present }] = await q<{ present: boolean }>("select to_regclass('supabase_migrations.schema_migrations') is not null as present");
    const applied = present ? (await q<{ version: string }>('select version from supabase_migrations.schema_migrations')).map((r) => r.version) : [];
    const missing = files.filter((f) => !applied.includes(f.slice(0, 14)));
    const unknown = applied.filter((v) => !fileVersions.has(v)).sort();
    const howToMigrate = isLocalUrl(config.DATABASE_URL) ? '`npm run db:prepare` (local)' : '`supabase db push` (or `supabase migration up --remote=<url>`)';
    let migrations: Check;
    if (!present) {
      migrations = { status: 'fail', summary: `no migrations applied to ${info.db} (table supabase_migrations.schema_migrations is missing)`, fix: `apply them: ${howToMigrate}` };
    } else if (missing.length) {
      migrations = {
        status: 'fail',
        summary: `${applied.length - unknown.length} of ${files.length} migrations applied; ${missing.length} pending`,
        details: missing.map((f) => `pending: ${f}`),
        fix: `apply them: ${howToMigrate}`,
      };
    } else if (unknown.length) {
      migrations = {
        status: 'warn',
        summary: `all ${files.length} migrations applied, but the database also has ${unknown.length} this checkout does not know`,
        details: unknown.map((v) => `unknown version: ${v}`),
        fix: 'the database is ahead of this code: deploy the matching code (migrations are forward-only)',
      };
    } else {
      migrations = { status: 'pass', summary: `all ${files.length} migrations applied (latest ${files.at(-1) ?? 'none'})` };
    }
    results.push({ name: 'Migrations', required: true, ...migrations, ms: Date.now() - t1 });

    // Row-level security: the roles Supabase provides, and that our user can act as them.
    const t2 = Date.now();
    const roles = await q<{ rolname: string; bypass: boolean }>(`select rolname, rolbypassrls as bypass from pg_roles where rolname in (${RLS_ROLES.map((r) => `'${r}'`).join(',')})`);
    const missingRoles = RLS_ROLES.filter((r) => !roles.some((row) => row.rolname === r));
    let rls: Check;
    if (missingRoles.length) {
      rls = {
        status: 'fail',
        summary: `role${missingRoles.length > 1 ? 's' : ''} ${missingRoles.join(', ')} missing: row-level security cannot work`,
        fix: isLocalUrl(config.DATABASE_URL)
          ? 'on plain PostgreSQL run `npm run db:prepare` (it applies supabase/bootstrap/plain-postgres.sql first)'
          : 'Supabase provides these roles: is DATABASE_URL pointing at the Supabase database? (never run the bootstrap SQL on Supabase)',
      };
    } else {
      const [me] = await q<{ can_auth: boolean; bypass: boolean; auth_uid: boolean }>(
        `select pg_has_role(current_user, 'authenticated', 'MEMBER') as can_auth,
                (select rolsuper or rolbypassrls from pg_roles where rolname = current_user) as bypass,
                to_regprocedure('auth.uid()') is not null as auth_uid`,
      );
      if (!me.auth_uid) {
        rls = { status: 'fail', summary: 'function auth.uid() is missing: the RLS policies cannot resolve the user', fix: isLocalUrl(config.DATABASE_URL) ? 'run `npm run db:prepare`' : 'is DATABASE_URL pointing at the Supabase database?' };
      } else if (!me.can_auth) {
        rls = {
          status: 'fail',
          summary: `${info.usr} cannot switch to role "authenticated", so user requests would fail`,
          fix: `grant authenticated to ${info.usr}; (on Supabase connect as postgres)`,
        };
      } else if (!me.bypass) {
        rls = {
          status: 'warn',
          summary: `roles present, but ${info.usr} has no BYPASSRLS: service work (webhooks, jobs) relies on owning the tables`,
          fix: 'connect as the role that owns the tables (postgres on Supabase)',
        };
      } else {
        rls = { status: 'pass', summary: `roles ${RLS_ROLES.join(', ')} present; ${info.usr} can act as authenticated` };
      }
    }
    results.push({ name: 'RLS roles', required: true, ...rls, ms: Date.now() - t2 });
  } catch (error) {
    results.push({ name: 'PostgreSQL', required: true, status: 'fail', summary: `query on ${at} failed: ${networkHint(error)}`, fix: 'check the server log and DATABASE_URL', ms: Date.now() - started });
  } finally {
    await client.end().catch(() => undefined);
  }
  return results;
}

// ---------------------------------------------------------------------------------------------- Redis

function infoField(info: string, field: string): string | undefined {
  return new RegExp(`^${field}:(.*)$`, 'm').exec(info)?.[1]?.trim();
}

function versionBelow(version: string, min: string): boolean {
  const a = version.split('.').map(Number);
  const b = min.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  return false;
}

const connectOnce = (url: string, timeoutMs: number) =>
  new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, commandTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });

/** REDIS_URL with another host and port: a cluster's nodes share its password and TLS (createRedisClient). */
function nodeUrl(redisUrl: string, node: string): string {
  const u = new URL(redisUrl);
  const at = node.lastIndexOf(':');
  u.hostname = node.slice(0, at);
  u.port = node.slice(at + 1);
  return u.toString();
}

/** One server, or with REDIS_CLUSTER_NODES the cluster: its state and slots, then every master as one server. */
async function redisChecks(config: AppConfig, timeoutMs: number): Promise<CheckResult[]> {
  if (!config.REDIS_CLUSTER_NODES) return redisServerChecks(config, config.REDIS_URL, 'Redis', timeoutMs);
  const seeds = config.REDIS_CLUSTER_NODES.split(',').map((n) => n.trim());
  const started = Date.now();
  let problem = '';
  for (const seed of seeds) {
    const redis = connectOnce(nodeUrl(config.REDIS_URL, seed), timeoutMs);
    redis.on('error', () => undefined);
    try {
      await withTimeout(timeoutMs, `Redis at ${seed}`, redis.connect());
      const info = String(await withTimeout(timeoutMs, 'CLUSTER INFO', redis.call('CLUSTER', 'INFO')));
      const nodes = String(await withTimeout(timeoutMs, 'CLUSTER NODES', redis.call('CLUSTER', 'NODES')));
      // "<id> <ip:port@cport[,hostname]> <flags> ...": the masters that serve slots.
      const masters = nodes
        .split('\n')
        .map((line) => line.split(' '))
        .filter((f) => f.length > 8 && f[2].split(',').includes('master') && !f[2].includes('fail'))
        .map((f) => f[1].split('@')[0]);
      const state = infoField(info, 'cluster_state');
      const slots = Number(infoField(info, 'cluster_slots_assigned') ?? 0);
      const cluster: CheckResult =
        state === 'ok' && slots === 16384
          ? { name: 'Redis Cluster', required: true, status: 'pass', summary: `cluster_state ok via ${seed}: ${masters.length} master(s), all 16384 slots assigned`, ms: Date.now() - started }
          : { name: 'Redis Cluster', required: true, status: 'fail', summary: `cluster_state ${state ?? 'unknown'} via ${seed}, ${slots} of 16384 slots assigned`, fix: 'assign every slot (`redis-cli --cluster fix`) or check the provider console', ms: Date.now() - started };
      const perMaster = await Promise.all(masters.map((node) => redisServerChecks(config, nodeUrl(config.REDIS_URL, node), `Redis master ${node}`, timeoutMs)));
      return [cluster, ...perMaster.flat()];
    } catch (error) {
      problem = `${seed}: ${/cluster support disabled/i.test(errorText(error)) ? 'not a cluster node (cluster support disabled)' : networkHint(error)}`;
    } finally {
      redis.disconnect();
    }
  }
  return [{ name: 'Redis Cluster', required: true, status: 'fail', summary: `no node of REDIS_CLUSTER_NODES answered as a cluster (${problem})`, fix: 'list a few cluster nodes (host:port) in REDIS_CLUSTER_NODES, or unset it for a single Redis', ms: Date.now() - started }];
}

async function redisServerChecks(config: AppConfig, url: string, name: string, timeoutMs: number): Promise<CheckResult[]> {
  const at = where(url, 6379);
  const started = Date.now();
  const redis = connectOnce(url, timeoutMs);
  // ioredis reports the cause (ECONNREFUSED, WRONGPASS, ...) as an event; connect() only says the connection closed.
  let cause: unknown;
  redis.on('error', (error) => (cause ??= error));
  const results: CheckResult[] = [];
  try {
    await withTimeout(timeoutMs, `Redis at ${at}`, redis.connect());
    const pong = await withTimeout(timeoutMs, 'Redis PING', redis.ping());
    if (pong !== 'PONG') throw new Error(`PING answered ${pong}`);
    const info = await withTimeout(timeoutMs, 'Redis INFO', redis.info());
    const version = infoField(info, 'redis_version') ?? 'unknown';
    const base: Check = versionBelow(version, '5.0.0')
      ? { status: 'fail', summary: `Redis ${version} at ${at} is too old: BullMQ needs 5.0 or newer`, fix: 'upgrade Redis (6.2+ recommended)' }
      : versionBelow(version, '6.2.0')
        ? { status: 'warn', summary: `PONG from ${at}, Redis ${version}: BullMQ recommends 6.2 or newer`, fix: 'upgrade Redis when convenient' }
        : { status: 'pass', summary: `PONG from ${at} (Redis ${version}; keys under "${config.redisPrefix}:")` };
    results.push({ name, required: true, ...base, ms: Date.now() - started });

    const policy = infoField(info, 'maxmemory_policy') ?? 'unknown';
    const maxmemory = Number(infoField(info, 'maxmemory') ?? 0);
    const used = Number(infoField(info, 'used_memory') ?? 0);
    const usage = maxmemory > 0 ? ` (${Math.round((used / maxmemory) * 100)}% of maxmemory used)` : '';
    let memory: Check =
      policy === 'noeviction'
        ? { status: 'pass', summary: `maxmemory-policy noeviction${usage}` }
        : {
            status: 'warn',
            summary: `maxmemory-policy is ${policy}: under memory pressure Redis may evict BullMQ job keys and lose jobs`,
            fix: 'set `maxmemory-policy noeviction` (redis.conf, `CONFIG SET maxmemory-policy noeviction`, or the provider console)',
          };
    if (memory.status === 'pass' && maxmemory > 0 && used / maxmemory > 0.8) {
      memory = { status: 'warn', summary: `Redis memory is ${Math.round((used / maxmemory) * 100)}% full; with noeviction writes fail when full`, fix: 'raise maxmemory or find what grows (queues with many failed jobs?)' };
    }
    results.push({ name: `${name} memory`, required: false, ...memory, ms: 0 });
  } catch (thrown) {
    const error = cause && /closed|timed? ?out/i.test(errorText(thrown)) ? cause : thrown;
    const text = errorText(error);
    const fix = /NOAUTH|WRONGPASS|invalid password/i.test(text)
      ? 'Redis wants a password: put it in REDIS_URL (redis://:password@host:port)'
      : isLocalUrl(url)
        ? 'start Redis (e.g. `redis-server --daemonize yes` or `docker compose up -d redis`) or point REDIS_URL at a running server'
        : 'check REDIS_URL (host, port, password; rediss:// for TLS)';
    results.push({ name, required: true, status: 'fail', summary: `cannot reach Redis at ${at}: ${networkHint(error)}`, fix, ms: Date.now() - started });
  } finally {
    redis.disconnect();
  }
  return results;
}

// ---------------------------------------------------------------------------------------------- HTTP services

function unreachable(name: string, url: string, error: unknown, local: boolean, envVar: string): Check {
  return {
    status: 'fail',
    summary: `${name} is not reachable at ${url}: ${networkHint(error)}`,
    fix: local ? SANDBOX_HINT : `check ${envVar} and the network path to it`,
  };
}

async function supabaseJwks(config: AppConfig, timeoutMs: number): Promise<Check> {
  const url = `${config.SUPABASE_URL.replace(/\/$/, '')}/auth/v1/.well-known/jwks.json`;
  try {
    const { status, body } = await httpRequest(url, { headers: { apikey: config.SUPABASE_PUBLISHABLE_KEY } }, timeoutMs);
    const keys = (body as { keys?: { kid?: string; alg?: string }[] } | undefined)?.keys;
    if (status !== 200 || !Array.isArray(keys)) {
      return { status: 'fail', summary: `GET ${url} answered ${status} without a key set`, fix: 'check SUPABASE_URL: it must be the project URL (https://<ref>.supabase.co), without /auth/v1' };
    }
    if (!keys.length) {
      return config.SUPABASE_JWT_SECRET
        ? { status: 'warn', summary: `${url} lists no signing keys; tokens will be checked with the legacy HS256 secret only` , fix: 'migrate the project to asymmetric JWT signing keys (Supabase dashboard > JWT keys)' }
        : { status: 'fail', summary: `${url} lists no signing keys and SUPABASE_JWT_SECRET is not set: no token can be verified`, fix: 'enable JWT signing keys in Supabase, or set SUPABASE_JWT_SECRET to the legacy secret' };
    }
    return { status: 'pass', summary: `${keys.length} signing key${keys.length > 1 ? 's' : ''} (${[...new Set(keys.map((k) => k.alg ?? '?'))].join(', ')}) at ${url}` };
  } catch (error) {
    return unreachable('Supabase Auth', url, error, isLocalUrl(config.SUPABASE_URL), 'SUPABASE_URL');
  }
}

async function supabaseHealth(config: AppConfig, timeoutMs: number): Promise<Check> {
  const url = `${config.SUPABASE_URL.replace(/\/$/, '')}/auth/v1/health`;
  try {
    const { status, body } = await httpRequest(url, { headers: { apikey: config.SUPABASE_PUBLISHABLE_KEY } }, timeoutMs);
    if (status === 401 || status === 403) {
      return { status: 'fail', summary: `${url} refused SUPABASE_PUBLISHABLE_KEY (${status})`, fix: 'copy the publishable (or anon) key of this project from the Supabase dashboard > API keys' };
    }
    if (status !== 200) return { status: 'fail', summary: `GET ${url} answered ${status}`, fix: 'check SUPABASE_URL and the Supabase status page' };
    const b = body as { name?: string; version?: string } | undefined;
    return { status: 'pass', summary: `${url} is up (${b?.name ?? 'GoTrue'} ${b?.version ?? ''})`.trim() };
  } catch (error) {
    return unreachable('Supabase Auth', url, error, isLocalUrl(config.SUPABASE_URL), 'SUPABASE_URL');
  }
}

// The log-in and sign-up pages offer "Continue with Google": GoTrue's /settings says whether the project has it on.
async function googleSignIn(config: AppConfig, timeoutMs: number): Promise<Check> {
  const url = `${config.SUPABASE_URL.replace(/\/$/, '')}/auth/v1/settings`;
  try {
    const { status, body } = await httpRequest(url, { headers: { apikey: config.SUPABASE_PUBLISHABLE_KEY } }, timeoutMs);
    if (status !== 200) return { status: 'warn', summary: `GET ${url} answered ${status}`, fix: 'check SUPABASE_URL and SUPABASE_PUBLISHABLE_KEY' };
    if ((body as { external?: { google?: boolean } } | undefined)?.external?.google === true) return { status: 'pass', summary: `Google provider enabled (${url})` };
    return {
      status: 'warn',
      summary: 'the Google provider is off: "Continue with Google" on the log-in page will fail',
      fix: 'Supabase dashboard > Authentication > Providers > Google, and <WEB_URL>/auth/callback in URL Configuration > Redirect URLs (docs/operations.md)',
    };
  } catch (error) {
    return { ...unreachable('Supabase Auth', url, error, isLocalUrl(config.SUPABASE_URL), 'SUPABASE_URL'), status: 'warn' };
  }
}

// Tables a signed-in user must never reach around the API (DESIGN decision 14): money, membership, identity.
const DATA_API_PROBES = ['payment_transactions', 'workspace_members', 'users'];

/**
 * Proves the Data API back door is shut: `GET /rest/v1/<table>` as a user (DOCTOR_ACCESS_TOKEN, a signed-in user's
 * access token) or else with the publishable key alone (role anon) must not reach any of our tables.
 */
async function supabaseDataApi(config: AppConfig, timeoutMs: number, token: string | undefined): Promise<Check> {
  const base = `${config.SUPABASE_URL.replace(/\/$/, '')}/rest/v1`;
  const as = token ? 'with the user token in DOCTOR_ACCESS_TOKEN' : 'with the publishable key only (role anon)';
  const headers: Record<string, string> = { apikey: config.SUPABASE_PUBLISHABLE_KEY, Accept: 'application/json' };
  if (token) headers['Authorization'] = `Bearer ${token}`;
  const closeIt = 'turn the Data API off (Project Settings > Data API) or expose no schema of ours; see docs/operations.md';
  const seen: string[] = [];
  let postgrest = false;
  try {
    for (const table of DATA_API_PROBES) {
      const { status, body } = await httpRequest(`${base}/${table}?select=*&limit=1`, { headers }, timeoutMs);
      const code = (body as { code?: unknown } | undefined)?.code;
      if (typeof code === 'string') postgrest = true;
      if (status >= 200 && status < 300) {
        return { status: 'fail', summary: `GET ${base}/${table} answered ${status} ${as}: the Data API reaches our tables, around the API`, fix: closeIt };
      }
      if (code === '42501') {
        return { status: 'fail', summary: `the Data API exposes ${table} (${status} permission denied ${as}): only grants stand between it and our data`, fix: closeIt };
      }
      if (code === 'PGRST301' || code === 'PGRST302' || (status === 401 && !postgrest)) {
        return { status: 'warn', summary: `${base} refused the credentials (${status}) ${as}, so the doctor could not tell whether our tables are reachable`, fix: 'set DOCTOR_ACCESS_TOKEN to a current access token of a signed-in user' };
      }
      seen.push(`${table}: ${status}${typeof code === 'string' ? ` ${code}` : ''}`);
    }
  } catch (error) {
    return { status: 'warn', summary: `could not ask ${base}: ${networkHint(error)}`, fix: 'run the doctor where the Supabase project is reachable' };
  }
  if (!postgrest && isLocalUrl(config.SUPABASE_URL) && !config.isProduction) {
    return { status: 'skip', summary: 'not applicable: the local stand-in has no Data API' };
  }
  return { status: 'pass', summary: `none of ${DATA_API_PROBES.join(', ')} is reachable through ${base} ${as}`, details: seen };
}

async function phonePe(config: AppConfig, timeoutMs: number): Promise<Check> {
  const url = `${config.PHONEPE_OAUTH_BASE_URL.replace(/\/$/, '')}/v1/oauth/token`;
  const form = new URLSearchParams({
    client_id: config.PHONEPE_CLIENT_ID,
    client_version: config.PHONEPE_CLIENT_VERSION,
    client_secret: config.PHONEPE_CLIENT_SECRET,
    grant_type: 'client_credentials',
  });
  const creds = `PHONEPE_CLIENT_ID=${config.PHONEPE_CLIENT_ID}, PHONEPE_CLIENT_VERSION=${config.PHONEPE_CLIENT_VERSION}, PHONEPE_CLIENT_SECRET=${mask(config.PHONEPE_CLIENT_SECRET)}`;
  try {
    const { status, body } = await httpRequest(
      url,
      { method: 'POST', body: form.toString(), headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' } },
      timeoutMs,
    );
    const token = body as { access_token?: unknown; expires_at?: unknown } | undefined;
    if (status === 200 && typeof token?.access_token === 'string') {
      const sandboxInProduction = config.isProduction && isLocalUrl(config.PHONEPE_OAUTH_BASE_URL);
      const expires = typeof token.expires_at === 'number' ? `, token valid until ${new Date(token.expires_at * 1000).toISOString()}` : '';
      return sandboxInProduction
        ? { status: 'warn', summary: `token issued, but APP_ENV=production points PhonePe at a local URL (${url})`, fix: 'production: PHONEPE_OAUTH_BASE_URL=https://api.phonepe.com/apis/identity-manager, PHONEPE_PG_BASE_URL=https://api.phonepe.com/apis/pg' }
        : { status: 'pass', summary: `OAuth token issued by ${url} for client ${config.PHONEPE_CLIENT_ID}${expires}` };
    }
    if (status === 400 || status === 401 || status === 403) {
      return {
        status: 'fail',
        summary: `${url} rejected the client credentials (${status})`,
        details: [creds],
        fix: 'copy client id, version and secret from the PhonePe business dashboard (UAT and production credentials differ; the URL must match them)',
      };
    }
    return { status: 'fail', summary: `POST ${url} answered ${status}`, fix: 'check PHONEPE_OAUTH_BASE_URL (production: https://api.phonepe.com/apis/identity-manager) and PhonePe status' };
  } catch (error) {
    return unreachable('PhonePe', url, error, isLocalUrl(config.PHONEPE_OAUTH_BASE_URL), 'PHONEPE_OAUTH_BASE_URL');
  }
}

async function resend(config: AppConfig, timeoutMs: number): Promise<Check> {
  const base = (config.RESEND_BASE_URL ?? 'https://api.resend.com').replace(/\/$/, '');
  const headers = { Authorization: `Bearer ${config.RESEND_API_KEY}`, Accept: 'application/json' };
  const badKey = (status: number): Check => ({
    status: 'fail',
    summary: `${base} refused RESEND_API_KEY=${mask(config.RESEND_API_KEY)} (${status}): the key is wrong or revoked`,
    fix: 'create a key in the Resend dashboard > API keys and set RESEND_API_KEY',
  });
  try {
    const domains = await httpRequest(`${base}/domains`, { headers }, timeoutMs);
    const name = (domains.body as { name?: string } | undefined)?.name;
    if (domains.status === 200) {
      const list = (domains.body as { data?: { name?: string; status?: string }[] } | undefined)?.data ?? [];
      const from = /@([^>\s]+)>?$/.exec(config.EMAIL_FROM)?.[1]?.toLowerCase();
      const domain = list.find((d) => d.name?.toLowerCase() === from);
      if (from && list.length && (!domain || domain.status !== 'verified')) {
        return { status: 'warn', summary: `key accepted by ${base}, but the EMAIL_FROM domain ${from} is ${domain ? domain.status : 'not in this account'}`, fix: 'verify the domain in Resend (DNS records) or change EMAIL_FROM' };
      }
      return { status: 'pass', summary: `key ${mask(config.RESEND_API_KEY)} accepted by ${base} (${list.length} domain${list.length === 1 ? '' : 's'})` };
    }
    // A sending-only key may not list domains; Resend says so by name.
    if ((domains.status === 401 || domains.status === 403) && name === 'restricted_api_key') {
      return { status: 'pass', summary: `sending-only key ${mask(config.RESEND_API_KEY)} accepted by ${base}` };
    }
    if (domains.status === 401 || domains.status === 403) return badKey(domains.status);
    if (domains.status === 404) {
      // A server without /domains (the local stand-in): a read of an email that does not exist checks the key.
      const probe = await httpRequest(`${base}/emails/00000000-0000-4000-8000-000000000000`, { headers }, timeoutMs);
      if (probe.status === 401 || probe.status === 403) return badKey(probe.status);
      if (probe.status === 404 || probe.status === 200) return { status: 'pass', summary: `key ${mask(config.RESEND_API_KEY)} accepted by ${base}` };
      return { status: 'fail', summary: `${base} answered ${probe.status} to an authenticated read`, fix: 'check RESEND_BASE_URL (unset it in production)' };
    }
    if (domains.status === 429) return { status: 'warn', summary: `${base} is rate-limiting this key (429)`, fix: 'try again in a minute' };
    return { status: 'fail', summary: `GET ${base}/domains answered ${domains.status}`, fix: 'check RESEND_BASE_URL (unset it in production) and status.resend.com' };
  } catch (error) {
    return unreachable('Resend', base, error, isLocalUrl(base), 'RESEND_BASE_URL');
  }
}

// A countTokens call checks reachability, the key and the model without spending generation quota
// (express mode keys cannot list models).
async function vertexAi(config: AppConfig, timeoutMs: number): Promise<Check> {
  const key = config.VERTEX_AI_API_KEY;
  if (!key) return { status: 'skip', summary: 'not configured (optional)' };
  const base = config.VERTEX_AI_BASE_URL.replace(/\/+$/, '');
  const url = `${base}/v1/publishers/google/models/${encodeURIComponent(config.VERTEX_AI_MODEL)}:countTokens`;
  const off = 'or unset VERTEX_AI_API_KEY to run without AI (enrichment is optional)';
  try {
    const { status, body, text } = await httpRequest(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-goog-api-key': key }, body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'ping' }] }] }) },
      timeoutMs,
    );
    const error = (body as { error?: { status?: string; message?: string; details?: { reason?: string }[] } } | undefined)?.error;
    if (status === 200) return { status: 'pass', summary: `key ${mask(key)} accepted by ${base} for ${config.VERTEX_AI_MODEL}` };
    if (status === 401 || status === 403 || error?.details?.some((d) => d.reason === 'API_KEY_INVALID')) {
      return {
        status: 'fail',
        summary: `${base} refused VERTEX_AI_API_KEY=${mask(key)} (${status}): the key is wrong, revoked, or not a Vertex AI express mode key`,
        fix: `create an express mode API key (Google Cloud console > Vertex AI > express mode) and set VERTEX_AI_API_KEY, ${off}`,
      };
    }
    if (status === 404) {
      return {
        status: 'fail',
        summary: `${base} does not know the model ${config.VERTEX_AI_MODEL} (404)`,
        fix: 'set VERTEX_AI_MODEL to a Gemini model express mode offers (e.g. gemini-2.5-flash) and check VERTEX_AI_BASE_URL (production: https://aiplatform.googleapis.com)',
      };
    }
    if (status === 429) return { status: 'warn', summary: `key accepted, but ${base} is rate-limiting it (429): enrichment is skipped until quota frees up`, fix: 'raise the quota or wait' };
    return { status: 'fail', summary: `POST ${url} answered ${status}: ${error?.message ?? text.slice(0, 120)}`, fix: `check VERTEX_AI_BASE_URL (production: https://aiplatform.googleapis.com), ${off}` };
  } catch (error) {
    return unreachable('Vertex AI', base, error, isLocalUrl(base), 'VERTEX_AI_BASE_URL');
  }
}

// ---------------------------------------------------------------------------------------------- report

function format(report: Omit<DoctorReport, 'output'>, secrets: string[]): string {
  const width = Math.max(...report.checks.map((c) => c.name.length)) + 2;
  const indent = ' '.repeat(width + 2);
  const lines = [`RaptorFlow doctor (APP_ENV=${report.appEnv})`, ''];
  for (const c of report.checks) {
    lines.push(`${SYMBOL[c.status]} ${c.name.padEnd(width)}${c.summary}${c.ms >= 200 ? ` [${c.ms} ms]` : ''}`);
    for (const d of c.details ?? []) lines.push(`${indent}${d}`);
    if (c.fix && c.status !== 'pass' && c.status !== 'skip') lines.push(`${indent}fix: ${c.fix}`);
  }
  const count = (s: CheckStatus) => report.checks.filter((c) => c.status === s).length;
  const requiredFailures = report.checks.filter((c) => c.status === 'fail' && c.required).length;
  lines.push(
    '',
    `${count('pass')} ok, ${count('warn')} warning${count('warn') === 1 ? '' : 's'}, ${count('fail')} failed${requiredFailures ? ` (${requiredFailures} required)` : ''}, ${count('skip')} skipped: ${report.ok ? 'ready' : 'NOT ready'}`,
  );
  let text = lines.join('\n');
  // Belt and braces: whatever a server echoed back, no secret value leaves this process.
  for (const secret of secrets.filter((s) => s && s.length >= 4).sort((a, b) => b.length - a.length)) text = text.split(secret).join(mask(secret));
  return text;
}

function secretsOf(env: NodeJS.ProcessEnv, config?: AppConfig): string[] {
  const values = [...SECRET_SETTINGS.map((name) => config?.[name] ?? env[name]), env['SUPABASE_SERVICE_ROLE_KEY'], env['DOCTOR_ACCESS_TOKEN']];
  for (const url of [config?.DATABASE_URL ?? env['DATABASE_URL'], config?.REDIS_URL ?? env['REDIS_URL']]) {
    try {
      const password = url ? decodeURIComponent(new URL(url).password) : '';
      if (password) values.push(password, url);
    } catch {
      // unparseable: config validation reports it
    }
  }
  return values.filter((v): v is string => !!v);
}

async function timed(name: string, required: boolean, timeoutMs: number, check: () => Promise<Check>): Promise<CheckResult> {
  const started = Date.now();
  try {
    return { name, required, ...(await withTimeout(timeoutMs + 500, name, check())), ms: Date.now() - started };
  } catch (error) {
    return { name, required, status: 'fail', summary: errorText(error), ms: Date.now() - started };
  }
}

/** What the configuration means, in words: each fail-closed rule and how this environment meets it. */
function configFacts(config: AppConfig, env: NodeJS.ProcessEnv): string[] {
  const proxy = config.trustProxy;
  const facts = [
    config.isProduction
      ? `APP_ENV=${env['APP_ENV'] ? 'production' : 'production (not set, which means production)'}: no local default applies`
      : `APP_ENV=${config.APP_ENV}: local defaults and the stand-ins' credentials apply (never deploy this)`,
    proxy === false
      ? 'TRUST_PROXY not set: X-Forwarded-For is ignored and the socket peer is the client (behind a load balancer every user shares its address)'
      : `TRUST_PROXY=${config.TRUST_PROXY}: the client address is taken from X-Forwarded-For past ${typeof proxy === 'number' ? `${proxy} proxy hop${proxy === 1 ? '' : 's'}` : `the proxies ${proxy.join(', ')}`}`,
    `rate limits: ${config.RATE_LIMIT_PER_MINUTE}/min per route per user (anonymous: per IP), costly routes ${config.RATE_LIMIT_COSTLY_PER_HOUR}/h per user each`,
    `API docs (/api/docs): ${config.apiDocsEnabled ? 'served' : 'off'}`,
  ];
  if (config.isProduction) {
    facts.push(
      'secrets: none is a value published in this repository',
      'API_URL, WEB_URL, SUPABASE_URL and the PhonePe URLs are https://',
      config.DATABASE_TLS === 'off' ? 'PostgreSQL: TLS not required (DATABASE_TLS=off)' : 'PostgreSQL: TLS required (sslmode in DATABASE_URL)',
      config.REDIS_TLS === 'off' ? 'Redis: TLS not required (REDIS_TLS=off)' : 'Redis: TLS (rediss://)',
    );
  }
  return facts;
}

export async function runDoctor(env: NodeJS.ProcessEnv = process.env, options: DoctorOptions = {}): Promise<DoctorReport> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const migrationsDir = options.migrationsDir ?? join(__dirname, '..', 'supabase', 'migrations');
  const appEnv = env['APP_ENV'] || 'production';
  let config: AppConfig;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const unset = env['APP_ENV'] ? '' : 'APP_ENV is not set, which means production: for a local run set APP_ENV=local; ';
    const checks: CheckResult[] = [
      {
        name: 'Configuration',
        required: true,
        status: 'fail',
        summary: `${error.problems.length} problem${error.problems.length > 1 ? 's' : ''}; the API and worker would refuse to start`,
        details: error.problems,
        fix:
          appEnv === 'production'
            ? `${unset}in production no defaults apply, secrets must be your own, URLs https:// and Redis/PostgreSQL TLS: see docs/operations.md`
            : 'fix the variables above (see .env.example for each one)',
        ms: 0,
      },
    ];
    const partial = { ok: false, appEnv, checks };
    return { ...partial, output: format(partial, secretsOf(env)) };
  }

  const configWarnings = [...config.warnings];
  if (config.isProduction) {
    for (const key of ['SUPABASE_URL', 'PHONEPE_OAUTH_BASE_URL', 'PHONEPE_PG_BASE_URL', 'API_URL', 'WEB_URL'] as const) {
      if (isLocalUrl(config[key])) configWarnings.push(`${key} points at this machine (${config[key]}) although APP_ENV=production`);
    }
    if (config.RESEND_BASE_URL) configWarnings.push('RESEND_BASE_URL is set in production: unset it so the SDK uses https://api.resend.com');
    if (config.VERTEX_AI_API_KEY && isLocalUrl(config.VERTEX_AI_BASE_URL)) configWarnings.push(`VERTEX_AI_BASE_URL points at this machine (${config.VERTEX_AI_BASE_URL}) although APP_ENV=production`);
  }
  const checks: CheckResult[] = [
    {
      name: 'Configuration',
      required: true,
      status: configWarnings.length ? 'warn' : 'pass',
      summary: configWarnings.length ? `valid, but ${configWarnings.length} thing${configWarnings.length > 1 ? 's look' : ' looks'} weaker than production should be` : `valid (APP_ENV=${config.APP_ENV}, Redis prefix ${config.redisPrefix})`,
      details: [...configWarnings, ...configFacts(config, env)],
      fix: configWarnings.length ? 'see the production values in .env.example and docs/operations.md' : undefined,
      ms: 0,
    },
  ];

  const [pg, redis, jwks, health, dataApi, pp, rs, ai, google] = await Promise.all([
    withTimeout(timeoutMs * 4, 'PostgreSQL checks', postgresChecks(config, timeoutMs, migrationsDir)).catch((error): CheckResult[] => [
      { name: 'PostgreSQL', required: true, status: 'fail', summary: errorText(error), ms: timeoutMs * 4 },
    ]),
    withTimeout(timeoutMs * 3, 'Redis checks', redisChecks(config, timeoutMs)).catch((error): CheckResult[] => [{ name: 'Redis', required: true, status: 'fail', summary: errorText(error), ms: timeoutMs * 3 }]),
    timed('Supabase JWKS', true, timeoutMs, () => supabaseJwks(config, timeoutMs)),
    timed('Supabase Auth', true, timeoutMs, () => supabaseHealth(config, timeoutMs)),
    timed('Supabase Data API', true, timeoutMs * DATA_API_PROBES.length, () => supabaseDataApi(config, timeoutMs, env['DOCTOR_ACCESS_TOKEN'] || undefined)),
    timed('PhonePe', true, timeoutMs, () => phonePe(config, timeoutMs)),
    timed('Resend', true, timeoutMs, () => resend(config, timeoutMs)),
    timed('Vertex AI', false, timeoutMs, () => vertexAi(config, timeoutMs)),
    timed('Google sign-in', false, timeoutMs, () => googleSignIn(config, timeoutMs)),
  ]);
  checks.push(...pg, ...redis, health, jwks, dataApi, pp, rs, ai, google);
  const partial = { ok: !checks.some((c) => c.status === 'fail' && c.required), appEnv: config.APP_ENV, checks };
  return { ...partial, output: format(partial, secretsOf(env, config)) };
}

if (require.main === module) {
  runDoctor()
    .then((report) => {
      console.log(report.output);
      process.exit(report.ok ? 0 : 1);
    })
    .catch((error) => {
      console.error(`doctor crashed: ${(error as Error).message}`);
      process.exit(1);
    });
}
