import { HEARTBEAT_KEY, RedisService } from '@raptorflow/api-platform';
import { eventually, testModule } from '@raptorflow/api-platform/testing';
import { WorkerModule } from './worker.module';

describe('worker', () => {
  it('runs the repeatable heartbeat job end to end: schedule, consume, stamp Redis', async () => {
    const moduleRef = await testModule({ imports: [WorkerModule] }, { REDIS_PREFIX: `${process.env['REDIS_PREFIX']}:worker${Date.now()}` }).compile();
    const app = await moduleRef.init();
    try {
      const redis = app.get(RedisService);
      const stamp = await eventually(() => redis.client.get(redis.key(HEARTBEAT_KEY)), 10_000, 200);
      expect(Date.now() - Date.parse(stamp)).toBeLessThan(15_000);
    } finally {
      await app.close();
    }
  });
});
