// Runs the whole portal from built output: sandbox, API, worker and the web dev server (with its proxy).
// Used by `npm start` and by the Playwright suite. Ports come from the environment so tests can use their own.
import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startRedisDrill } from './redis-drill';

export interface StackPorts {
  api: number;
  web: number;
  sandbox: number;
}

export function stackPorts(env = process.env): StackPorts {
  return {
    api: Number(env['PORT'] ?? 3000),
    web: Number(env['WEB_PORT'] ?? 4200),
    sandbox: Number(env['SANDBOX_PORT'] ?? 54321),
  };
}

export function stackEnv(ports: StackPorts, env = process.env): NodeJS.ProcessEnv {
  const sandboxUrl = `http://127.0.0.1:${ports.sandbox}`;
  return {
    ...env,
    // Unset means production; the stack runs the stand-ins, so it is local unless the caller says otherwise (test).
    APP_ENV: env['APP_ENV'] || 'local',
    PORT: String(ports.api),
    API_URL: `http://127.0.0.1:${ports.api}`,
    WEB_URL: env['WEB_URL'] ?? `http://localhost:${ports.web}`,
    SANDBOX_PORT: String(ports.sandbox),
    SANDBOX_URL: sandboxUrl,
    SUPABASE_URL: env['SUPABASE_URL'] ?? sandboxUrl,
    PHONEPE_OAUTH_BASE_URL: env['PHONEPE_OAUTH_BASE_URL'] ?? `${sandboxUrl}/phonepe`,
    PHONEPE_PG_BASE_URL: env['PHONEPE_PG_BASE_URL'] ?? `${sandboxUrl}/phonepe`,
    PHONEPE_WEBHOOK_URL: env['PHONEPE_WEBHOOK_URL'] ?? `http://127.0.0.1:${ports.api}/api/v1/payments/webhook`,
    RESEND_BASE_URL: env['RESEND_BASE_URL'] ?? `${sandboxUrl}/resend`,
    VERTEX_AI_BASE_URL: env['VERTEX_AI_BASE_URL'] ?? `${sandboxUrl}/vertex`,
    NX_NO_CLOUD: 'true',
    NX_DAEMON: 'false',
    NX_TUI: 'false',
  };
}

async function waitForHttp(url: string, seconds: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

function launch(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  // Own process group, so stopping it also stops what it spawned (npx -> nx -> dev server).
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${name}] ${line}\n`)
      .join('');
  // With RF_LOG_DIR (npm test), each process logs to <dir>/<name>.log and only its stderr reaches the terminal.
  const logDir = env['RF_LOG_DIR'];
  if (logDir) mkdirSync(logDir, { recursive: true });
  const toFile = (c: Buffer) => logDir && appendFileSync(join(logDir, `${name}.log`), c);
  child.stdout?.on('data', (c: Buffer) => (logDir ? toFile(c) : process.stdout.write(prefix(c))));
  child.stderr?.on('data', (c: Buffer) => (toFile(c), process.stderr.write(prefix(c))));
  return child;
}

export async function runStack(env = process.env): Promise<() => void> {
  const ports = stackPorts(env);
  const childEnv = stackEnv(ports, env);
  // e2e only: Redis behind a proxy the Playwright suite can take down (tools/redis-drill.ts).
  const drill = env['REDIS_DRILL_PORT'] ? await startRedisDrill(childEnv['REDIS_URL'] ?? 'redis://127.0.0.1:6379', env['REDIS_PREFIX'], Number(env['REDIS_DRILL_PORT'])) : undefined;
  if (drill) childEnv['REDIS_URL'] = drill.redisUrl;
  const children: ChildProcess[] = [];
  const stop = () =>
    children.forEach((c) => {
      try {
        if (c.exitCode === null && c.pid) process.kill(-c.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    });
  process.once('exit', stop);
  try {
    const sandbox = launch('sandbox', 'node', ['dist/apps/sandbox/main.js'], childEnv);
    children.push(sandbox);
    await waitForHttp(`http://127.0.0.1:${ports.sandbox}/`, 30, sandbox);
    const api = launch('api', 'node', ['dist/apps/api/main.js'], childEnv);
    children.push(api);
    await waitForHttp(`http://127.0.0.1:${ports.api}/api/v1/health`, 60, api);
    children.push(launch('worker', 'node', ['dist/apps/worker/main.js'], childEnv));
    const web = launch('web', 'npx', ['nx', 'run', 'web:serve', `--port=${ports.web}`], childEnv);
    children.push(web);
    await waitForHttp(`http://localhost:${ports.web}/`, 180, web);
  } catch (error) {
    stop();
    throw error;
  }
  return stop;
}

if (require.main === module) {
  runStack()
    .then((stop) => {
      const { web } = stackPorts();
      console.log(`\n  RaptorFlow is running: open http://localhost:${web}\n`);
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (stop(), process.exit(0)));
    })
    .catch((error) => {
      console.error(error.message);
      process.exit(1);
    });
}
