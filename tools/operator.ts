// Grants, revokes and lists operators (the rule is in libs/api/auth/src/lib/operators.ts):
//   npx tsx tools/operator.ts grant <email> | revoke <email> | list
// against DATABASE_URL. The user must have signed in once (their users row exists).
import { Client } from 'pg';
import { operatorCommand } from '../libs/api/auth/src/lib/operators';

const [command = '', email] = process.argv.slice(2);
const client = new Client({ connectionString: process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
client
  .connect()
  .then(() => operatorCommand(client, command, email, `cli:${process.env['USER'] ?? 'unknown'}`))
  .then((out) => console.log(out))
  .catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 1;
  })
  .finally(() => client.end());
