import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { eventually, TcpProxy, testConfig } from '../../testing';
import { Database } from './database';
import { HEARTBEAT_MS, HEARTBEAT_TIMEOUT_MS, LISTENER_NAME, ReadCache, userTag, workspaceTag } from './read-cache';

describe('ReadCache (Postgres change notifications)', () => {
  const config = testConfig();
  const db = new Database(config);
  const cache = new ReadCache(config, db);
  const pg = new Client({ connectionString: config.DATABASE_URL });
  let loads = 0;
  const read = (key: string, value: string, tags: string[]) => cache.get(key, async () => (loads++, value), () => tags);

  beforeAll(() => pg.connect());
  afterAll(async () => {
    await cache.onApplicationShutdown();
    await db.onApplicationShutdown();
    await pg.end();
  });
  beforeEach(() => (loads = 0));

  // The first read starts listening; reads are cached once the listener is connected.
  const warm = (key: string, tags: string[]) =>
    eventually(async () => {
      loads = 0;
      await read(key, 'v', tags);
      await read(key, 'v', tags);
      return loads === 1;
    });

  it('serves repeated reads from memory and drops them when a row they depend on changes', async () => {
    const userId = randomUUID();
    const workspaceId = randomUUID();
    await warm(`k:${userId}`, [userTag(userId), workspaceTag(workspaceId)]);
    loads = 0;
    await read(`k:${userId}`, 'v', [userTag(userId), workspaceTag(workspaceId)]);
    expect(loads).toBe(0);

    // A trigger-covered table changes for that workspace (as a subscription settling would).
    await pg.query(`select pg_notify('rf_access_change', json_build_object('w', $1::text, 'u', null)::text)`, [workspaceId]);
    await eventually(async () => (await read(`k:${userId}`, 'v', [userTag(userId), workspaceTag(workspaceId)]), loads === 1));
  });

  it('is told by the migration triggers: a new membership drops the user\'s copies', async () => {
    const signUp = async () =>
      (await pg.query<{ id: string }>(`insert into auth.users (id, email) values (gen_random_uuid(), $1) returning id`, [`rc-${randomUUID()}@example.com`])).rows[0].id;
    const userId = await signUp();
    const ownerId = await signUp();
    const key = `member:${userId}`;
    await warm(key, [userTag(userId)]);
    loads = 0;
    const { rows } = await pg.query<{ id: string }>(`select id from public.workspaces where owner_id = $1`, [ownerId]);
    // A team plan has the seat (supabase/migrations/*_seat_limits.sql).
    await pg.query(
      `insert into public.subscriptions (workspace_id, plan_id, period, status, current_period_start, current_period_end)
       values ($1, 'growth', 'month', 'active', now(), now() + interval '30 days')`,
      [rows[0].id],
    );
    await pg.query(`insert into public.workspace_members (workspace_id, user_id, role) values ($1, $2, 'member')`, [rows[0].id, userId]);
    await eventually(async () => (await read(key, 'v', [userTag(userId)]), loads === 1));
  });

  it('stops caching while the notifications are lost and resumes once they are back', async () => {
    const key = `lost:${randomUUID()}`;
    await warm(key, []);
    // Cut the listening connection from the server side.
    await pg.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = $1 and pid <> pg_backend_pid()`, [LISTENER_NAME]);
    await eventually(() => cache.size === 0);
    loads = 0;
    await read(key, 'v', []);
    await read(key, 'v', []);
    expect(loads).toBe(2);
    await eventually(async () => (await read(key, 'v', []), cache.size > 0), 8000);
  });

  it('does not keep a read that a change overtook', async () => {
    const workspaceId = randomUUID();
    // A copy tagged with the workspace: read again from Postgres once the change notification has arrived.
    const seen = `seen:${workspaceId}`;
    await warm(seen, [workspaceTag(workspaceId)]);
    let release!: () => void;
    const slow = cache.get(`race:${workspaceId}`, () => new Promise<string>((r) => (release = () => r('old'))), () => [workspaceTag(workspaceId)]);
    await pg.query(`select pg_notify('rf_access_change', json_build_object('w', $1::text, 'u', null)::text)`, [workspaceId]);
    loads = 0;
    await eventually(async () => (await read(seen, 'v', [workspaceTag(workspaceId)]), loads === 1));
    const sizeBefore = cache.size;
    release();
    expect(await slow).toBe('old');
    expect(cache.size).toBe(sizeBefore);
  });
});

describe('ReadCache on a connection that dies silently', () => {
  let proxy: TcpProxy;
  let db: Database;
  let cache: ReadCache;
  let loads = 0;
  const read = (key: string) => cache.get(key, async () => (loads++, 'v'), () => []);
  // Whether a repeated read is served from memory (else both reads load).
  const cachedNow = async (key: string) => {
    loads = 0;
    await read(key);
    await read(key);
    return loads < 2;
  };

  beforeAll(async () => {
    const target = new URL(testConfig().DATABASE_URL);
    proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    target.host = `127.0.0.1:${proxy.port}`;
    // The listener goes through the proxy; reads (loads) need no database here.
    const config = testConfig({ DATABASE_URL: target.toString() });
    db = new Database(config);
    cache = new ReadCache(config, db);
  });
  afterAll(async () => {
    proxy.thaw();
    await cache.onApplicationShutdown();
    await db.onApplicationShutdown();
    await proxy.cut();
  });

  it('notices within a few seconds that its listener stopped answering, stops caching, and caches again once it is back', async () => {
    const key = `silent:${randomUUID()}`;
    await eventually(() => cachedNow(key));
    // Nothing gets through any more, yet no socket closes: without a heartbeat the copies would live on for 60 s.
    proxy.freeze();
    const frozenAt = Date.now();
    await eventually(async () => !(await cachedNow(key)), HEARTBEAT_MS + HEARTBEAT_TIMEOUT_MS + 1000);
    expect(Date.now() - frozenAt).toBeLessThan(HEARTBEAT_MS + HEARTBEAT_TIMEOUT_MS + 1000);
    proxy.thaw();
    await eventually(() => cachedNow(key), 15_000);
  }, 30_000);
});
