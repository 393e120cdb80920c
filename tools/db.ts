// Database lifecycle for plain PostgreSQL: create, bootstrap what Supabase provides, apply
// supabase/migrations in order (recorded like the Supabase CLI does), seed, drop.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

const SUPABASE_DIR = join(__dirname, '..', 'supabase');
const MIGRATIONS_DIR = join(SUPABASE_DIR, 'migrations');

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

async function run<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(url: string): Promise<boolean> {
  const name = databaseName(url);
  return run(withDatabase(url, 'postgres'), async (c) => {
    const { rowCount } = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return false;
    await c.query(`create database "${name.replace(/"/g, '""')}"`);
    return true;
  });
}

export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  await run(withDatabase(url, 'postgres'), (c) => c.query(`drop database if exists "${name.replace(/"/g, '""')}" with (force)`));
}

export async function bootstrap(url: string): Promise<void> {
  await run(url, async (c) => {
    // Roles are cluster-wide: serialize concurrent bootstraps of different databases.
    await c.query('select pg_advisory_lock(4242)');
    try {
      await c.query(readFileSync(join(SUPABASE_DIR, 'bootstrap', 'plain-postgres.sql'), 'utf8'));
      await c.query(`alter database "${databaseName(url)}" set search_path = "$user", public, extensions`);
    } finally {
      await c.query('select pg_advisory_unlock(4242)');
    }
  });
}

export async function migrate(url: string): Promise<string[]> {
  return run(url, async (c) => {
    await c.query(`create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (version text primary key, statements text[], name text)`);
    const { rows } = await c.query<{ version: string }>('select version from supabase_migrations.schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    const done: string[] = [];
    for (const file of readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{14}_.+\.sql$/.test(f)).sort()) {
      const [version, ...rest] = file.replace(/\.sql$/, '').split('_');
      if (applied.has(version)) continue;
      const sqlText = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
      await c.query('begin');
      try {
        await c.query(sqlText);
        await c.query('insert into supabase_migrations.schema_migrations (version, statements, name) values ($1, $2, $3)', [version, [sqlText], rest.join('_')]);
        await c.query('commit');
      } catch (error) {
        await c.query('rollback');
        throw new Error(`migration ${file} failed: ${(error as Error).message}`);
      }
      done.push(file);
    }
    return done;
  });
}

export async function seed(url: string): Promise<void> {
  await run(url, (c) => c.query(readFileSync(join(SUPABASE_DIR, 'seed.sql'), 'utf8')));
}

/** Create if missing, bootstrap, migrate, seed: what `npm start` and the test setup need. */
export async function prepare(url: string): Promise<string[]> {
  await createDatabase(url);
  await bootstrap(url);
  const applied = await migrate(url);
  await seed(url);
  return applied;
}

if (require.main === module) {
  const [command = 'prepare'] = process.argv.slice(2);
  const url = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/raptorflow';
  const commands: Record<string, () => Promise<unknown>> = {
    prepare: async () => console.log(`database ${databaseName(url)} ready; applied: ${(await prepare(url)).join(', ') || 'nothing new'}`),
    migrate: async () => console.log(`applied: ${(await migrate(url)).join(', ') || 'nothing new'}`),
    drop: () => dropDatabase(url),
  };
  if (!commands[command]) {
    console.error(`usage: db.ts ${Object.keys(commands).join('|')}`);
    process.exit(2);
  }
  commands[command]().catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
