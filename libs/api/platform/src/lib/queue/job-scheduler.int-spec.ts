// A Redis restart (our Redis keeps nothing on disk) loses every repeatable job; the worker must put them back
// without a restart of its own.
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { eventually } from '../testing/eventually';
import { TcpProxy } from '../testing/tcp-proxy';
import { keepJobScheduler } from './job-scheduler';

describe('keepJobScheduler', () => {
  const redisUrl = new URL(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const prefix = `${process.env['REDIS_PREFIX']}:scheduler${Date.now()}`;
  let proxy: TcpProxy;
  let queue: Queue;
  let direct: Redis;

  beforeAll(async () => {
    proxy = await TcpProxy.start({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
    queue = new Queue('system', { connection: { host: '127.0.0.1', port: proxy.port, maxRetriesPerRequest: null, retryStrategy: () => 100 }, prefix });
    queue.on('error', () => undefined);
    direct = new Redis(redisUrl.toString());
  });

  afterAll(async () => {
    await queue.close();
    await proxy.cut();
    const keys = await direct.keys(`${prefix}:*`);
    if (keys.length) await direct.del(...keys);
    direct.disconnect();
  });

  it('registers the schedule again after Redis comes back empty', async () => {
    await keepJobScheduler(queue, 'heartbeat', { every: 30_000 }, { name: 'heartbeat' });
    expect(await queue.getJobScheduler('heartbeat')).toMatchObject({ key: 'heartbeat', every: 30_000 });

    // The restart: connections drop, every key is gone, then Redis accepts connections again.
    await proxy.cut();
    const keys = await direct.keys(`${prefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await direct.del(...keys);
    await proxy.resume();

    const scheduler = await eventually(() => queue.getJobScheduler('heartbeat'), 5000, 100);
    expect(scheduler).toMatchObject({ key: 'heartbeat', every: 30_000 });
  });
});
