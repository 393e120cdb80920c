// The outbox against real Postgres and Redis (through a proxy the test can cut): an outage delays a message,
// it never drops or doubles one.
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ConfigModule, Database, QueueModule, StorageModule } from '@raptorflow/api-platform';
import { TcpProxy, testModule } from '@raptorflow/api-platform/testing';
import type { Queue } from 'bullmq';
import { Client } from 'pg';
import { EMAIL_QUEUE, emailMessage } from './email.jobs';
import { EmailModule, EmailWorkerModule } from './email.module';
import { EmailSender } from './email-sender';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox.relay';
import { welcomeEmail } from './email.templates';

describe('outbox', () => {
  let app: INestApplicationContext;
  let redis: TcpProxy;
  let pg: Client;
  let queue: Queue;
  let relay: OutboxRelay;
  const sent: string[] = [];

  beforeAll(async () => {
    const redisUrl = new URL(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
    redis = await TcpProxy.start({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
    const moduleRef = await testModule(
      { imports: [ConfigModule, StorageModule, QueueModule, EmailModule, EmailWorkerModule] },
      { REDIS_URL: `redis://127.0.0.1:${redis.port}`, REDIS_PREFIX: `${process.env['REDIS_PREFIX']}:outbox${Date.now()}` },
    )
      // The sender is replaced so the test sees exactly what leaves (Resend's own behaviour is the sandbox's contract test).
      .overrideProvider(EmailSender)
      .useValue({ send: async (_message: unknown, { idempotencyKey }: { idempotencyKey: string }) => (sent.push(idempotencyKey), { id: idempotencyKey }) })
      .compile();
    app = await moduleRef.init();
    relay = app.get(OutboxRelay);
    queue = app.get<Queue>(getQueueToken(EMAIL_QUEUE));
    pg = new Client({ connectionString: process.env['DATABASE_URL'] });
    await pg.connect();
    // Messages other suites left in the run's database (some for queues this module does not register) would fill
    // the relay's batches ahead of this suite's own: they are put out of reach for the length of the suite.
    await pg.query(`update outbox set available_at = now() + interval '1 day' where delivered_at is null`);
  });

  afterAll(async () => {
    await redis?.resume();
    await app?.close();
    await redis?.cut();
    await pg?.end();
  });

  const write = (key: string) =>
    app.get(Database).asService((tx) => app.get(Outbox).add(tx, emailMessage('a@example.com', welcomeEmail({ appUrl: 'https://app.example.com/' }), key)));
  const row = async (key: string) => (await pg.query(`select * from outbox where job_id = $1`, [`email-${key}`])).rows[0];

  it('writes a message once per key, and only when its transaction commits', async () => {
    const key = `once-${Date.now()}`;
    expect(await write(key)).toBe(true);
    expect(await write(key)).toBe(false);
    const rolledBack = `rolled-back-${Date.now()}`;
    await expect(
      app.get(Database).asService(async (tx) => {
        await app.get(Outbox).add(tx, emailMessage('a@example.com', welcomeEmail({ appUrl: 'https://app.example.com/' }), rolledBack));
        throw new Error('the change that owed it failed');
      }),
    ).rejects.toThrow('failed');
    expect(await row(rolledBack)).toBeUndefined();
    expect((await pg.query(`select count(*)::int as n from outbox where job_id = $1`, [`email-${key}`])).rows[0].n).toBe(1);
  });

  it('keeps a message while Redis is down and delivers it once when Redis is back', async () => {
    await relay.drain();
    const key = `outage-${Date.now()}`;
    await write(key);
    await redis.cut();
    await relay.drain();
    const waiting = await row(key);
    expect(waiting.delivered_at).toBeNull();
    expect(waiting.attempts).toBeGreaterThanOrEqual(1);
    expect(waiting.last_error).toEqual(expect.any(String));
    await redis.resume();
    await pg.query(`update outbox set available_at = now() where job_id = $1`, [`email-${key}`]);
    for (let i = 0; (await row(key)).delivered_at === null; i++) {
      if (i > 50) throw new Error('not delivered after Redis came back');
      await relay.drain();
    }
    for (let i = 0; !sent.includes(key); i++) {
      if (i > 100) throw new Error('never sent');
      await new Promise((r) => setTimeout(r, 100));
    }
    // Delivered again (a lost "delivered" mark, once its lease ran out): the same job id adds no second job, so
    // nothing is sent twice.
    const first = await queue.getJob(`email-${key}`);
    await pg.query(`update outbox set delivered_at = null, available_at = now() where job_id = $1`, [`email-${key}`]);
    await relay.drain();
    expect((await row(key)).delivered_at).not.toBeNull();
    expect((await queue.getJob(`email-${key}`))?.timestamp).toBe(first?.timestamp);
    expect(sent.filter((k) => k === key)).toHaveLength(1);
  }, 60_000);

  it('holds no Postgres transaction open while Redis does not answer', async () => {
    await relay.drain();
    const key = `stall-${Date.now()}`;
    await write(key);
    redis.freeze();
    let settled = false;
    const drained = relay.drain().finally(() => (settled = true));
    // A transaction idle for this long is waiting on something outside Postgres.
    const stuck: number[] = [];
    try {
      while (!settled) {
        const { rows } = await pg.query(
          `select count(*)::int as n from pg_stat_activity
           where datname = current_database() and state = 'idle in transaction' and now() - state_change > interval '300 milliseconds'`,
        );
        stuck.push(rows[0].n);
        await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 50))]);
      }
      await drained;
    } finally {
      redis.thaw();
    }
    expect(stuck.filter((n) => n > 0)).toEqual([]);
    expect(await row(key)).toMatchObject({ delivered_at: null, attempts: 1, last_error: expect.stringContaining('Timed out') });
  });

  it('removes delivered messages after a week and keeps undelivered ones however old', async () => {
    const [old, stuck] = [`old-${Date.now()}`, `stuck-${Date.now()}`];
    await write(old);
    await write(stuck);
    await pg.query(`update outbox set delivered_at = now() - interval '8 days' where job_id = $1`, [`email-${old}`]);
    await pg.query(`update outbox set created_at = now() - interval '30 days', available_at = now() + interval '1 hour' where job_id = $1`, [`email-${stuck}`]);
    // A fresh relay prunes on its first drain.
    await new OutboxRelay(app.get(Database), app.get(ModuleRef)).drain();
    expect(await row(old)).toBeUndefined();
    expect(await row(stuck)).toMatchObject({ delivered_at: null });
  });
});
