import { ConfigError, loadConfig, PUBLIC_SECRET_VALUES } from './env.schema';

// What a production deploy sets: real-looking credentials, TLS everywhere.
const PRODUCTION: NodeJS.ProcessEnv = {
  APP_ENV: 'production',
  DATABASE_URL: 'postgres://postgres:pw@db.example.supabase.co:5432/postgres?sslmode=require',
  REDIS_URL: 'rediss://:pw@redis.example.com:6380',
  API_URL: 'https://api.raptorflow.example',
  WEB_URL: 'https://app.raptorflow.example',
  SUPABASE_URL: 'https://abcdefgh.supabase.co',
  SUPABASE_PUBLISHABLE_KEY: 'sb_publishable_abcdefghijkl',
  PHONEPE_OAUTH_BASE_URL: 'https://api.phonepe.com/apis/identity-manager',
  PHONEPE_PG_BASE_URL: 'https://api.phonepe.com/apis/pg',
  PHONEPE_CLIENT_ID: 'M22RAPTOR',
  PHONEPE_CLIENT_SECRET: 'a-real-production-secret',
  PHONEPE_WEBHOOK_USERNAME: 'raptorhooks',
  PHONEPE_WEBHOOK_PASSWORD: 'realHookPass42',
  RESEND_API_KEY: 're_live_0123456789',
  EMAIL_FROM: 'RaptorFlow <hello@raptorflow.example>',
  SELLER_LEGAL_NAME: 'RaptorFlow Technologies Private Limited',
  SELLER_ADDRESS: '4th Floor, 12 Residency Road, Bengaluru 560025',
  SELLER_GSTIN: '29AAGCB7383J1Z4',
  SELLER_STATE_CODE: '29',
};

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
};

describe('loadConfig', () => {
  it('works locally with no other variable than APP_ENV=local (or test)', () => {
    const config = loadConfig({ APP_ENV: 'local' });
    expect(config.DATABASE_URL).toMatch(/^postgres:\/\//);
    expect(config.PORT).toBe(3000);
    expect(config.redisPrefix).toBe('rf:local');
    expect(loadConfig({ APP_ENV: 'test' }).redisPrefix).toBe('rf:test');
  });

  it('treats an unset APP_ENV as production: no local default applies', () => {
    const problems = problemsOf({}).join('\n');
    for (const name of ['DATABASE_URL', 'PHONEPE_CLIENT_SECRET', 'PHONEPE_WEBHOOK_PASSWORD']) expect(problems).toContain(`${name} is required`);
    const { APP_ENV, ...unset } = PRODUCTION;
    void APP_ENV;
    expect(loadConfig(unset)).toMatchObject({ APP_ENV: 'production', isProduction: true });
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig(PRODUCTION);
    expect(config.isProduction).toBe(true);
    expect(config.warnings).toEqual([]);
    expect(config.apiDocsEnabled).toBe(false);
    expect(config.trustProxy).toBe(false);
  });

  it('refuses in production every secret this repository publishes, naming the variable', () => {
    expect(PUBLIC_SECRET_VALUES).toEqual(new Set(['sandbox-secret-123', 'sandboxPass123', 're_sandbox_key', 'vertex_sandbox_key', 'super-secret-jwt-token-with-at-least-32-characters-long']));
    const problems = problemsOf({
      ...PRODUCTION,
      PHONEPE_CLIENT_SECRET: 'sandbox-secret-123',
      PHONEPE_WEBHOOK_PASSWORD: 'sandboxPass123',
      RESEND_API_KEY: 're_sandbox_key',
      VERTEX_AI_API_KEY: 'vertex_sandbox_key',
      SUPABASE_JWT_SECRET: 'super-secret-jwt-token-with-at-least-32-characters-long',
    });
    expect(problems).toHaveLength(5);
    for (const name of ['PHONEPE_CLIENT_SECRET', 'PHONEPE_WEBHOOK_PASSWORD', 'RESEND_API_KEY', 'VERTEX_AI_API_KEY', 'SUPABASE_JWT_SECRET']) {
      expect(problems).toContain(`${name} is a value published in this repository (a local stand-in's): set the real credential`);
    }
    expect(problems.join(' ')).not.toContain('sandbox-secret-123');
  });

  it('requires https:// for the public and vendor URLs in production', () => {
    const plain = { API_URL: 'http://api.raptorflow.example', WEB_URL: 'http://app.raptorflow.example', SUPABASE_URL: 'http://abcdefgh.supabase.co', PHONEPE_OAUTH_BASE_URL: 'http://api.phonepe.com/apis/identity-manager', PHONEPE_PG_BASE_URL: 'http://api.phonepe.com/apis/pg', RESEND_BASE_URL: 'http://api.resend.com' };
    const problems = problemsOf({ ...PRODUCTION, ...plain });
    expect(problems.sort()).toEqual(Object.entries(plain).map(([name, value]) => `${name} must be an https:// URL in production (it is ${value})`).sort());
    // Locally the stand-ins speak plain HTTP.
    expect(problemsOf({ ...PRODUCTION, ...plain, APP_ENV: 'local' })).toEqual([]);
  });

  it('requires TLS to Redis and PostgreSQL in production unless switched off, and warns when it is', () => {
    const plain = { ...PRODUCTION, DATABASE_URL: 'postgres://postgres:pw@10.0.0.5:5432/postgres', REDIS_URL: 'redis://10.0.0.6:6379' };
    expect(problemsOf(plain)).toEqual([
      'DATABASE_URL must ask for TLS in production (?sslmode=require, verify-ca or verify-full), or set DATABASE_TLS=off',
      'REDIS_URL must be a rediss:// (TLS) URL in production, or set REDIS_TLS=off',
    ]);
    expect(problemsOf({ ...plain, DATABASE_URL: `${plain.DATABASE_URL}?sslmode=prefer` })[0]).toMatch(/DATABASE_URL must ask for TLS/);
    const off = loadConfig({ ...plain, DATABASE_TLS: 'off', REDIS_TLS: 'off' });
    expect(off.warnings).toEqual(['DATABASE_TLS=off: the api and worker talk to PostgreSQL without TLS', 'REDIS_TLS=off: the api and worker talk to Redis without TLS']);
    expect(loadConfig({ ...PRODUCTION, DATABASE_URL: `${plain.DATABASE_URL}?sslmode=verify-full` }).warnings).toEqual([]);
    expect(problemsOf({ ...PRODUCTION, REDIS_TLS: 'no' })[0]).toMatch(/REDIS_TLS/);
  });

  it('trusts no proxy by default, a hop count or a list of addresses and CIDRs when told, and names a bad entry', () => {
    expect(loadConfig({ APP_ENV: 'test' }).trustProxy).toBe(false);
    expect(loadConfig({ APP_ENV: 'test', TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ APP_ENV: 'test', TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,fd00::/8,loopback' }).trustProxy).toEqual(['10.0.0.0/8', '192.168.1.7', 'fd00::/8', 'loopback']);
    expect(problemsOf({ APP_ENV: 'test', TRUST_PROXY: 'true' })).toEqual(['TRUST_PROXY must be a hop count or a comma-separated list of IP addresses and CIDRs (not true)']);
    expect(problemsOf({ APP_ENV: 'test', TRUST_PROXY: '10.0.0.0/33' })[0]).toMatch(/not 10\.0\.0\.0\/33/);
  });

  it('serves the API docs outside production, and in production only when API_DOCS=true', () => {
    expect(loadConfig({ APP_ENV: 'local' }).apiDocsEnabled).toBe(true);
    expect(loadConfig({ APP_ENV: 'local', API_DOCS: 'false' }).apiDocsEnabled).toBe(false);
    expect(loadConfig({ ...PRODUCTION, API_DOCS: 'true' }).apiDocsEnabled).toBe(true);
  });

  it('applies no defaults in production and names every missing variable', () => {
    try {
      loadConfig({ APP_ENV: 'production' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['DATABASE_URL', 'REDIS_URL', 'API_URL', 'WEB_URL', 'SUPABASE_URL', 'SUPABASE_PUBLISHABLE_KEY', 'PHONEPE_CLIENT_SECRET', 'RESEND_API_KEY']) expect(problems).toContain(name);
    }
  });

  it('names a malformed variable', () => {
    expect(() => loadConfig({ APP_ENV: 'local', REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL must be a redis:\/\//);
    expect(() => loadConfig({ APP_ENV: 'local', PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ APP_ENV: 'staging' })).toThrow(/APP_ENV/);
  });

  it('converts numbers and keeps an explicit prefix', () => {
    const config = loadConfig({ APP_ENV: 'local', PORT: '8080', REDIS_PREFIX: 'rf:test:abc' });
    expect(config.PORT).toBe(8080);
    expect(config.redisPrefix).toBe('rf:test:abc');
  });

  it('points AI at the sandbox stand-in locally, and leaves it off in production without a key', () => {
    expect(loadConfig({ APP_ENV: 'local' })).toMatchObject({ VERTEX_AI_BASE_URL: 'http://127.0.0.1:54321/vertex', VERTEX_AI_API_KEY: 'vertex_sandbox_key', VERTEX_AI_MODEL: 'gemini-2.5-flash', AI_TIMEOUT_MS: 8000 });
    const production = loadConfig(PRODUCTION);
    expect(production.VERTEX_AI_API_KEY).toBeUndefined();
    expect(production.VERTEX_AI_BASE_URL).toBe('https://aiplatform.googleapis.com');
  });

  it('lets an empty value switch a local default off (AI off locally), and names a required one as missing', () => {
    expect(loadConfig({ APP_ENV: 'local', VERTEX_AI_API_KEY: '' }).VERTEX_AI_API_KEY).toBeUndefined();
    expect(() => loadConfig({ APP_ENV: 'local', DATABASE_URL: '' })).toThrow(/DATABASE_URL is required/);
  });

  it('bounds AI_TIMEOUT_MS', () => {
    expect(loadConfig({ APP_ENV: 'local', AI_TIMEOUT_MS: '300' }).AI_TIMEOUT_MS).toBe(300);
    expect(() => loadConfig({ APP_ENV: 'local', AI_TIMEOUT_MS: '50' })).toThrow(/AI_TIMEOUT_MS/);
  });

  it('refuses a seller GSTIN that is mistyped or registered in another state than SELLER_STATE_CODE', () => {
    expect(problemsOf({ ...PRODUCTION, SELLER_GSTIN: '29AAGCB7383J1Z5' })).toEqual([expect.stringContaining('SELLER_GSTIN: The GSTIN’s last character does not match')]);
    expect(problemsOf({ ...PRODUCTION, SELLER_STATE_CODE: '27' })).toEqual([expect.stringContaining('SELLER_GSTIN: The GSTIN’s first two digits')]);
    expect(problemsOf({ ...PRODUCTION, SELLER_STATE_CODE: '25' })).toEqual(
      expect.arrayContaining([expect.stringContaining('SELLER_STATE_CODE must be a GST state code')]),
    );
    expect(loadConfig(PRODUCTION)).toMatchObject({ GST_SAC: '997331', GST_RATE_BASIS_POINTS: 1800 });
  });
});
