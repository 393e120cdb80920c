// The local Redis Cluster tool, and what BullMQ needs on a cluster: every key of a queue in one hash slot, so its
// multi-key scripts run. A hash-tagged prefix ({...}) works; the plain prefix the app uses on one node does not.
import { Queue, QueueEvents, Worker } from 'bullmq';
import { Cluster } from 'ioredis';
import { LocalRedisCluster, startRedisCluster } from './redis-cluster';

describe('local Redis Cluster', () => {
  let cluster: LocalRedisCluster;
  const clients: Cluster[] = [];
  const connect = () => {
    const client = new Cluster(cluster.nodes.split(',').map((n) => ({ host: n.split(':')[0], port: Number(n.split(':')[1]) })), { redisOptions: { maxRetriesPerRequest: null } });
    clients.push(client);
    return client;
  };
  const run = `rf:test:cluster:${Date.now().toString(36)}`;

  beforeAll(async () => {
    cluster = await startRedisCluster();
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.quit().catch(() => undefined)));
    await cluster?.stop();
  });

  it('serves all 16,384 slots from three masters, and keys spread over them', async () => {
    const client = connect();
    const info = await client.cluster('INFO');
    expect(info).toMatch(/cluster_state:ok/);
    expect(info).toMatch(/cluster_slots_assigned:16384/);
    expect(info).toMatch(/cluster_known_nodes:3/);
    await Promise.all(Array.from({ length: 30 }, (_, i) => client.set(`${run}:spread:${i}`, String(i))));
    const holders = await Promise.all(client.nodes('master').map(async (node) => (await node.keys(`${run}:spread:*`)).length));
    expect(holders.filter((n) => n > 0).length).toBe(3);
  });

  it('runs a BullMQ queue under a hash-tagged prefix: jobs with one id coalesce, every job is processed', async () => {
    const prefix = `{${run}}:bull`;
    const queue = new Queue('bcm-rebuild', { connection: connect(), prefix });
    const events = new QueueEvents('bcm-rebuild', { connection: connect(), prefix });
    await events.waitUntilReady();
    const done: string[] = [];
    const worker = new Worker('bcm-rebuild', async (job) => void done.push(job.id as string), { connection: connect(), prefix, concurrency: 4 });
    try {
      const jobs = Array.from({ length: 40 }, (_, i) => ({ name: 'rebuild', data: { i }, opts: { jobId: `bcm-w${i % 20}`, removeOnComplete: true } }));
      await queue.addBulk(jobs);
      await new Promise<void>((resolve) => {
        const check = () => done.length >= 20 && resolve();
        events.on('completed', check);
        check();
      });
      expect(done.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `bcm-w${i}`).sort());
    } finally {
      await worker.close();
      await events.close();
      await queue.close();
    }
  });

  it('refuses a queue whose prefix has no hash tag (its keys fall in different slots)', async () => {
    const queue = new Queue('bcm-rebuild', { connection: connect(), prefix: `${run}:bull` });
    try {
      await expect(queue.add('rebuild', {})).rejects.toThrow(/CROSSSLOT/);
    } finally {
      await queue.close();
    }
  });
});
