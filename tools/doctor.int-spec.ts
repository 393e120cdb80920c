// npm run doctor against the run's fresh database, real Redis and the sandbox stand-ins (in-process).
import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createSandbox } from '../apps/sandbox/src/app/sandbox';
import { loadConfig } from '../libs/api/platform/src/lib/config/env.schema';
import { mask, runDoctor } from './doctor';
import { startRedisCluster } from './redis-cluster';

describe('doctor', () => {
  let sandbox: FastifyInstance;
  let env: NodeJS.ProcessEnv;
  let dataApi: 'open' | 'closed' | undefined;
  afterEach(() => (dataApi = undefined));

  beforeAll(async () => {
    const databaseUrl = process.env['DATABASE_URL'] as string;
    sandbox = await createSandbox({ databaseUrl, publicUrl: 'http://127.0.0.1' });
    // What a hosted project's Data API answers, as PostgREST words it; unset, the stand-in has none (404).
    sandbox.get('/rest/v1/:table', async (request, reply) => {
      const table = (request.params as { table: string }).table;
      if (dataApi === 'open') return reply.send([]);
      if (dataApi === 'closed') {
        return reply.code(404).send({ code: 'PGRST205', details: null, hint: null, message: `Could not find the table 'public.${table}' in the schema cache` });
      }
      return reply.callNotFound();
    });
    await sandbox.listen({ port: 0, host: '127.0.0.1' });
    const address = sandbox.server.address();
    const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    env = {
      ...process.env,
      APP_ENV: 'test',
      SUPABASE_URL: url,
      PHONEPE_OAUTH_BASE_URL: `${url}/phonepe`,
      PHONEPE_PG_BASE_URL: `${url}/phonepe`,
      PHONEPE_CLIENT_ID: 'RF_SANDBOX_CLIENT',
      PHONEPE_CLIENT_SECRET: 'sandbox-secret-123',
      RESEND_BASE_URL: `${url}/resend`,
      RESEND_API_KEY: 're_sandbox_key',
      VERTEX_AI_BASE_URL: `${url}/vertex`,
      VERTEX_AI_API_KEY: 'vertex_sandbox_key',
    };
  });

  afterAll(async () => {
    await sandbox?.close();
  });

  // Production rules hold (https, own secrets); TLS to the local Postgres and Redis is switched off, with a warning.
  const nowhere = 'https://127.0.0.1:1';
  const productionOverrides = {
    APP_ENV: 'production',
    DATABASE_TLS: 'off',
    REDIS_TLS: 'off',
    API_URL: 'https://api.raptorflow.example',
    WEB_URL: 'https://app.raptorflow.example',
    SUPABASE_URL: nowhere,
    PHONEPE_OAUTH_BASE_URL: nowhere,
    PHONEPE_PG_BASE_URL: nowhere,
    RESEND_BASE_URL: nowhere,
    VERTEX_AI_BASE_URL: nowhere,
    PHONEPE_CLIENT_SECRET: 'not-the-sandbox-secret',
    PHONEPE_WEBHOOK_PASSWORD: 'notTheSandbox42',
    RESEND_API_KEY: 're_not_the_sandbox_key',
    VERTEX_AI_API_KEY: '',
  };

  const byName = (report: Awaited<ReturnType<typeof runDoctor>>, name: string) => report.checks.find((c) => c.name === name);

  it('passes every required check on a migrated database with the stand-ins up', async () => {
    const report = await runDoctor(env, { timeoutMs: 3000 });
    for (const name of ['Configuration', 'PostgreSQL', 'Migrations', 'RLS roles', 'Redis', 'Supabase Auth', 'Supabase JWKS', 'PhonePe', 'Resend']) {
      expect({ name, status: byName(report, name)?.status, summary: byName(report, name)?.summary }).toEqual(expect.objectContaining({ name, status: 'pass' }));
    }
    expect(byName(report, 'Vertex AI')).toMatchObject({ status: 'pass', required: false, summary: expect.stringContaining('accepted by') });
    expect(report.ok).toBe(true);
    expect(report.output).toMatch(/^✓ PostgreSQL /m);
    expect(report.output).toMatch(/^✓ Redis /m);
    expect(report.output).toMatch(/ready$/);
  });

  it('explains an unreachable Redis in words and fails the run', async () => {
    const report = await runDoctor({ ...env, REDIS_URL: 'redis://:redis-pw-not-for-logs@127.0.0.1:1' }, { timeoutMs: 2000 });
    const redis = byName(report, 'Redis');
    expect(redis).toMatchObject({ status: 'fail', required: true });
    expect(redis?.summary).toMatch(/127\.0\.0\.1:1/);
    expect(redis?.summary).toMatch(/refused|nothing is listening/);
    expect(redis?.fix).toMatch(/REDIS_URL/);
    expect(report.ok).toBe(false);
    expect(report.output).toMatch(/^✗ Redis .*127\.0\.0\.1:1/m);
    expect(report.output).toContain('fix: ');
    expect(report.output).not.toContain('redis-pw-not-for-logs');
    expect(byName(report, 'PostgreSQL')?.status).toBe('pass');
  });

  it('checks a Redis Cluster: its state and slots, and every master', async () => {
    const cluster = await startRedisCluster();
    try {
      const report = await runDoctor({ ...env, REDIS_CLUSTER_NODES: cluster.nodes.split(',')[0] }, { timeoutMs: 3000 });
      expect(byName(report, 'Redis Cluster')).toMatchObject({ status: 'pass', summary: expect.stringContaining('3 master(s), all 16384 slots assigned') });
      for (const port of cluster.ports) expect(byName(report, `Redis master 127.0.0.1:${port}`)).toMatchObject({ status: 'pass' });
      expect(report.ok).toBe(true);
    } finally {
      await cluster.stop();
    }
    // A plain server named as a cluster node.
    const plain = await runDoctor({ ...env, REDIS_CLUSTER_NODES: new URL(env['REDIS_URL'] ?? 'redis://127.0.0.1:6379').host }, { timeoutMs: 3000 });
    expect(byName(plain, 'Redis Cluster')).toMatchObject({ status: 'fail', summary: expect.stringContaining('not a cluster node'), fix: expect.stringContaining('REDIS_CLUSTER_NODES') });
    expect(plain.ok).toBe(false);
  }, 60_000);

  it('never prints secrets, even when a service rejects them', async () => {
    const secrets = { RESEND_API_KEY: 're_wrong_key_do_not_print_1234', PHONEPE_CLIENT_SECRET: 'wrong-phonepe-secret-5678', PHONEPE_WEBHOOK_PASSWORD: 'webhookPw9999secret' };
    const report = await runDoctor({ ...env, ...secrets }, { timeoutMs: 3000 });
    expect(byName(report, 'Resend')).toMatchObject({ status: 'fail' });
    expect(byName(report, 'Resend')?.summary).toMatch(/wrong or revoked/);
    expect(byName(report, 'PhonePe')).toMatchObject({ status: 'fail' });
    expect(byName(report, 'PhonePe')?.summary).toMatch(/rejected the client credentials/);
    const everything = JSON.stringify(report);
    for (const value of Object.values(secrets)) expect(everything).not.toContain(value);
    expect(report.output).toContain(mask(secrets.RESEND_API_KEY));
    expect(report.output).toContain(mask(secrets.PHONEPE_CLIENT_SECRET));
  });

  it('reports configuration problems in words without touching the network', async () => {
    const report = await runDoctor({ ...env, REDIS_URL: 'http://not-redis', PHONEPE_WEBHOOK_USERNAME: 'a b' });
    expect(report.ok).toBe(false);
    expect(report.checks).toHaveLength(1);
    expect(report.checks[0].details).toEqual(
      expect.arrayContaining(['REDIS_URL must be a redis:// or rediss:// URL', 'PHONEPE_WEBHOOK_USERNAME must be 5-20 letters, digits or _']),
    );
    expect(report.output).toMatch(/^✗ Configuration/m);
  });

  it('explains a Vertex AI problem in words without failing the run (AI is optional), and never prints the key', async () => {
    const wrongKey = 'AQ.vertex-key-not-for-logs-4321';
    const refused = await runDoctor({ ...env, VERTEX_AI_API_KEY: wrongKey }, { timeoutMs: 3000 });
    expect(byName(refused, 'Vertex AI')).toMatchObject({ status: 'fail', required: false, summary: expect.stringMatching(/refused VERTEX_AI_API_KEY=.*not a Vertex AI express mode key/) });
    expect(byName(refused, 'Vertex AI')?.fix).toMatch(/express mode API key/);
    expect(refused.ok).toBe(true);
    expect(JSON.stringify(refused)).not.toContain(wrongKey);

    const unknownModel = await runDoctor({ ...env, VERTEX_AI_MODEL: 'palm-2' }, { timeoutMs: 3000 });
    expect(byName(unknownModel, 'Vertex AI')?.summary).toMatch(/does not know the model palm-2/);

    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const unreachable = await runDoctor({ ...env, VERTEX_AI_BASE_URL: `http://127.0.0.1:${port}/vertex` }, { timeoutMs: 2000 });
    expect(byName(unreachable, 'Vertex AI')).toMatchObject({ status: 'fail', summary: expect.stringMatching(/not reachable .*nothing is listening/) });
  });

  it('says Vertex AI is not configured (optional) when no key is set', async () => {
    // Local defaults always configure the stand-in, so this runs as production with every other variable set.
    const { VERTEX_AI_API_KEY, ...configured } = { ...loadConfig(env) } as unknown as Record<string, string>;
    void VERTEX_AI_API_KEY;
    const report = await runDoctor({ ...configured, ...productionOverrides }, { timeoutMs: 2000 });
    expect(byName(report, 'Vertex AI')).toMatchObject({ status: 'skip', summary: 'not configured (optional)' });
    expect(report.output).toMatch(/^- Vertex AI +not configured \(optional\)$/m);
  });

  it('says in words what production requires: no published secret, https, TLS, and that an unset APP_ENV is production', async () => {
    const { APP_ENV, ...unset } = { ...loadConfig(env) } as unknown as Record<string, string>;
    void APP_ENV;
    const refused = await runDoctor(unset);
    const config = byName(refused, 'Configuration');
    expect(refused.appEnv).toBe('production');
    expect(config).toMatchObject({ status: 'fail', fix: expect.stringMatching(/^APP_ENV is not set, which means production: for a local run set APP_ENV=local/) });
    expect(config?.details).toEqual(
      expect.arrayContaining([
        'PHONEPE_CLIENT_SECRET is a value published in this repository (a local stand-in\'s): set the real credential',
        'RESEND_API_KEY is a value published in this repository (a local stand-in\'s): set the real credential',
        expect.stringMatching(/^SUPABASE_URL must be an https:\/\/ URL in production/),
        expect.stringMatching(/^DATABASE_URL must ask for TLS in production/),
        'REDIS_URL must be a rediss:// (TLS) URL in production, or set REDIS_TLS=off',
      ]),
    );
    expect(refused.output).not.toContain('sandbox-secret-123');

    const weakened = await runDoctor({ ...unset, ...productionOverrides }, { timeoutMs: 1000 });
    expect(byName(weakened, 'Configuration')).toMatchObject({ status: 'warn' });
    expect(byName(weakened, 'Configuration')?.details).toEqual(
      expect.arrayContaining([
        'DATABASE_TLS=off: the api and worker talk to PostgreSQL without TLS',
        'REDIS_TLS=off: the api and worker talk to Redis without TLS',
        'secrets: none is a value published in this repository',
        'TRUST_PROXY not set: X-Forwarded-For is ignored and the socket peer is the client (behind a load balancer every user shares its address)',
        'API docs (/api/docs): off',
      ]),
    );
  });

  it('proves the Data API reaches none of our tables, and says "not applicable" for the local stand-in', async () => {
    const check = async (extra: NodeJS.ProcessEnv = {}) => byName(await runDoctor({ ...env, ...extra }, { timeoutMs: 2000 }), 'Supabase Data API');
    expect(await check()).toMatchObject({ status: 'skip', summary: 'not applicable: the local stand-in has no Data API' });
    dataApi = 'open';
    expect(await check({ DOCTOR_ACCESS_TOKEN: 'user-token-not-for-logs' })).toMatchObject({
      status: 'fail',
      required: true,
      summary: expect.stringMatching(/rest\/v1\/payment_transactions answered 200 with the user token in DOCTOR_ACCESS_TOKEN: the Data API reaches our tables/),
      fix: expect.stringMatching(/turn the Data API off/),
    });
    dataApi = 'closed';
    expect(await check()).toMatchObject({ status: 'pass', summary: expect.stringMatching(/^none of payment_transactions, workspace_members, users is reachable .* \(role anon\)$/) });
  });

  it('says whether Google sign-in is on in the auth server (not required)', async () => {
    const report = await runDoctor(env, { timeoutMs: 3000 });
    expect(byName(report, 'Google sign-in')).toMatchObject({ status: 'pass', required: false, summary: expect.stringContaining('Google provider enabled') });

    // An auth server with Google off: a warning that names the dashboard setting; the run still passes.
    process.env['GOTRUE_EXTERNAL_GOOGLE_ENABLED'] = 'false';
    const off = await createSandbox({ databaseUrl: process.env['DATABASE_URL'] as string, publicUrl: 'http://127.0.0.1' }).finally(() => delete process.env['GOTRUE_EXTERNAL_GOOGLE_ENABLED']);
    try {
      const url = await off.listen({ port: 0, host: '127.0.0.1' });
      const warned = await runDoctor({ ...env, SUPABASE_URL: url }, { timeoutMs: 3000 });
      expect(byName(warned, 'Google sign-in')).toMatchObject({ status: 'warn', fix: expect.stringContaining('Providers > Google') });
      expect(warned.ok).toBe(true);
    } finally {
      await off.close();
    }
  });
});
