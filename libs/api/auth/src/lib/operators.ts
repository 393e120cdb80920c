// Operators (people who may refund and use every operator action) live in the operators table, owned here beside
// OperatorGuard. Granted by `npx tsx tools/operator.ts grant <email> | revoke <email> | list` against DATABASE_URL;
// the user must have signed in once (their users row exists).

/** What the command needs of a Postgres client (a `pg` Client or PoolClient). */
export interface OperatorSql {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

export async function operatorCommand(client: OperatorSql, command: string, email: string | undefined, grantedBy: string): Promise<string> {
  if (command === 'list') {
    const { rows } = await client.query<{ email: string; granted_by: string; granted_at: Date }>(
      'select u.email, o.granted_by, o.granted_at from public.operators o join public.users u on u.id = o.user_id order by o.granted_at',
    );
    return rows.map((r) => `${r.email}\tgranted by ${r.granted_by} at ${r.granted_at.toISOString()}`).join('\n') || 'no operators';
  }
  if ((command !== 'grant' && command !== 'revoke') || !email) throw new Error('usage: operator.ts grant <email> | revoke <email> | list');
  const user = await client.query<{ id: string }>('select id from public.users where lower(email) = lower($1)', [email]);
  if (user.rowCount !== 1) throw new Error(`no user with e-mail ${email} (they must sign in once first)`);
  if (command === 'grant') {
    await client.query('insert into public.operators (user_id, granted_by) values ($1, $2) on conflict (user_id) do nothing', [user.rows[0].id, grantedBy]);
    return `${email} is an operator`;
  }
  await client.query('delete from public.operators where user_id = $1', [user.rows[0].id]);
  return `${email} is not an operator`;
}
