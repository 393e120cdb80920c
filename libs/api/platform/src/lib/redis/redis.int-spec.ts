import { TcpProxy, testConfig } from '../../testing';
import { REDIS_COMMAND_TIMEOUT_MS, RedisService } from './redis';

describe('RedisService.script', () => {
  const redis = new RedisService(testConfig());
  beforeAll(() => redis.onModuleInit());
  afterAll(() => redis.onApplicationShutdown());

  it('runs a Lua script, also after Redis forgot its scripts (as after a restart)', async () => {
    const key = redis.key('script-probe', String(Date.now()));
    const incr = `return redis.call('INCRBY', KEYS[1], ARGV[1])`;
    expect(await redis.script(incr, [key], [2])).toBe(2);
    await redis.client.script('FLUSH');
    expect(await redis.script(incr, [key], [3])).toBe(5);
    expect(await redis.script(incr, [key], [1])).toBe(6);
    await redis.client.del(key);
  });
});

describe('RedisService deadlines', () => {
  it('fails a command of a Redis that stopped answering within its deadline instead of waiting', async () => {
    const target = new URL(testConfig().REDIS_URL);
    const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 6379) });
    const redis = new RedisService(testConfig({ REDIS_URL: `redis://127.0.0.1:${proxy.port}` }));
    try {
      await redis.onModuleInit();
      await redis.ping();
      proxy.freeze();
      const started = Date.now();
      await expect(redis.client.get(redis.key('deadline-probe'))).rejects.toThrow(/timed out/i);
      expect(Date.now() - started).toBeLessThan(REDIS_COMMAND_TIMEOUT_MS + 1000);
    } finally {
      proxy.thaw();
      await redis.onApplicationShutdown();
      await proxy.cut();
    }
  });
});
