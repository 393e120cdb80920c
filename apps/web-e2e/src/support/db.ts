import { Client } from 'pg';

/** Runs `fn` on a superuser connection to the e2e database: specs seed through it and check what was stored. */
export async function withDb<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const connectionString = process.env['DATABASE_URL'];
  if (!connectionString) throw new Error('DATABASE_URL must point at the e2e database');
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The rows of one query. */
export function rows<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
  return withDb(async (client) => (await client.query<T>(sql, params)).rows);
}

/** The workspace a user works in (their current one). */
export async function workspaceOf(email: string): Promise<{ userId: string; workspaceId: string }> {
  const [row] = await rows<{ id: string; workspace_id: string | null }>('select id, current_workspace_id as workspace_id from public.users where email = $1', [email]);
  if (!row?.workspace_id) throw new Error(`No workspace for ${email}: sign up first`);
  return { userId: row.id, workspaceId: row.workspace_id };
}
