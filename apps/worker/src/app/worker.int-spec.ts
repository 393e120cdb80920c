import { HEARTBEAT_KEY, RedisService } from '@raptorflow/api-platform';
import { testModule } from '@raptorflow/api-platform/testing';
import { WorkerModule } from './worker.module';

describe('worker', () => {
  it('runs the repeatable heartbeat job end to end: schedule, consume, stamp Redis', async () => {
    const moduleRef = await testModule({ imports: [WorkerModule] }, { REDIS_PREFIX: `${process.env['REDIS_PREFIX']}:worker${Date.now()}` }).compile();
    const app = await moduleRef.init();
    try {
      const redis = app.get(RedisService);
      let stamp: string | null = null;
      for (let i = 0; i < 50 && !stamp; i++) {
        await new Promise((r) => setTimeout(r, 200));
        stamp = await redis.client.get(redis.key(HEARTBEAT_KEY));
      }
      expect(stamp).not.toBeNull();
      expect(Date.now() - Date.parse(stamp as string)).toBeLessThan(15_000);
    } finally {
      await app.close();
    }
  });
});
