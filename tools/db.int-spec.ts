import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDatabase, dropDatabase, migrate, prepare } from './db';

describe('database preparation', () => {
  const url = (() => {
    const u = new URL(process.env['DATABASE_URL'] as string);
    u.pathname = `${u.pathname}_dbtool`;
    return u.toString();
  })();
  afterAll(() => dropDatabase(url));

  it('creates, bootstraps and migrates a database, records each migration once, and is idempotent', async () => {
    const files = readdirSync(join(__dirname, '..', 'supabase', 'migrations')).filter((f) => f.endsWith('.sql'));
    expect(await prepare(url)).toEqual(files.sort());
    expect(await createDatabase(url)).toBe(false);
    expect(await migrate(url)).toEqual([]);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('select version from supabase_migrations.schema_migrations order by version');
      expect(rows.map((r) => r.version)).toEqual(files.map((f) => f.split('_')[0]).sort());
      const roles = await client.query(`select rolname, rolbypassrls from pg_roles where rolname in ('anon','authenticated','service_role','supabase_auth_admin') order by rolname`);
      expect(roles.rows).toEqual([
        { rolname: 'anon', rolbypassrls: false },
        { rolname: 'authenticated', rolbypassrls: false },
        { rolname: 'service_role', rolbypassrls: true },
        { rolname: 'supabase_auth_admin', rolbypassrls: false },
      ]);
    } finally {
      await client.end();
    }
  });
});
