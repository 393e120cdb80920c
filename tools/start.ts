// `npm start`: services, database, build, then the whole portal.
import { execSync } from 'node:child_process';
import { prepare } from './db';
import { ensureServices } from './services';
import { runStack, stackPorts } from './stack';

const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/raptorflow';
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

async function main() {
  const problems = await ensureServices(DATABASE_URL, REDIS_URL);
  if (problems.length) {
    problems.forEach((p) => console.error(`✗ ${p}`));
    process.exit(1);
  }
  const applied = await prepare(DATABASE_URL);
  console.log(`[setup] database ready (${applied.length ? `applied ${applied.join(', ')}` : 'up to date'})`);
  console.log('[setup] building api, worker and sandbox…');
  execSync('npx nx run-many -t build -p api worker sandbox --configuration=development --output-style=static', {
    stdio: 'inherit',
    env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' },
  });
  const stop = await runStack({ ...process.env, DATABASE_URL, REDIS_URL });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (stop(), process.exit(0)));
  console.log(`\n  RaptorFlow is running: open http://localhost:${stackPorts().web}\n  (API docs: http://localhost:${stackPorts().api}/api/docs; Ctrl-C stops everything)\n`);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
