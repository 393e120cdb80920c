import { ConfigError, loadConfig } from './env.schema';

describe('loadConfig', () => {
  it('works locally with no variables at all', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toMatch(/^postgres:\/\//);
    expect(config.PORT).toBe(3000);
    expect(config.redisPrefix).toBe('rf:local');
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
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL must be a redis:\/\//);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });

  it('converts numbers and keeps an explicit prefix', () => {
    const config = loadConfig({ PORT: '8080', REDIS_PREFIX: 'rf:test:abc' });
    expect(config.PORT).toBe(8080);
    expect(config.redisPrefix).toBe('rf:test:abc');
  });

  it('points AI at the sandbox stand-in locally, and leaves it off in production without a key', () => {
    expect(loadConfig({})).toMatchObject({ VERTEX_AI_BASE_URL: 'http://127.0.0.1:54321/vertex', VERTEX_AI_API_KEY: 'vertex_sandbox_key', VERTEX_AI_MODEL: 'gemini-2.5-flash', AI_TIMEOUT_MS: 8000 });
    const production = loadConfig({ ...loadConfig({}), APP_ENV: 'production', VERTEX_AI_API_KEY: '', VERTEX_AI_BASE_URL: '' } as unknown as NodeJS.ProcessEnv);
    expect(production.VERTEX_AI_API_KEY).toBeUndefined();
    expect(production.VERTEX_AI_BASE_URL).toBe('https://aiplatform.googleapis.com');
  });

  it('lets an empty value switch a local default off (AI off locally), and names a required one as missing', () => {
    expect(loadConfig({ VERTEX_AI_API_KEY: '' }).VERTEX_AI_API_KEY).toBeUndefined();
    expect(() => loadConfig({ DATABASE_URL: '' })).toThrow(/DATABASE_URL is required/);
  });

  it('bounds AI_TIMEOUT_MS', () => {
    expect(loadConfig({ AI_TIMEOUT_MS: '300' }).AI_TIMEOUT_MS).toBe(300);
    expect(() => loadConfig({ AI_TIMEOUT_MS: '50' })).toThrow(/AI_TIMEOUT_MS/);
  });
});
