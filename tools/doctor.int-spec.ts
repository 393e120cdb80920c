// npm run doctor against the run's fresh database, real Redis and the sandbox stand-ins (in-process).
import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createSandbox } from '../apps/sandbox/src/app/sandbox';
import { loadConfig } from '../libs/api/platform/src/lib/config/env.schema';
import { mask, runDoctor } from './doctor';

describe('doctor', () => {
  let sandbox: FastifyInstance;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const databaseUrl = process.env['DATABASE_URL'] as string;
    sandbox = await createSandbox({ databaseUrl, publicUrl: 'http://127.0.0.1' });
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
    const report = await runDoctor({ ...configured, APP_ENV: 'production' }, { timeoutMs: 2000 });
    expect(byName(report, 'Vertex AI')).toMatchObject({ status: 'skip', summary: 'not configured (optional)' });
    expect(report.output).toMatch(/^- Vertex AI +not configured \(optional\)$/m);
  });
});
