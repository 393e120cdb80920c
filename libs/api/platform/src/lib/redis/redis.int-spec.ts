import { testConfig } from '../../testing';
import { RedisService } from './redis';

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
