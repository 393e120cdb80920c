// `npm test`: every check, in order, against a fresh database and Redis prefix; ends with "N passed, N failed".
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../libs/api/platform/src/lib/config/env.schema';
import { dropDatabase, prepare } from './db';
import { configuredSecrets, scanLogs } from './log-scan';
import { deleteRedisPrefix, ensureDebianTools, ensureServices } from './services';

interface StepResult {
  name: string;
  passed: number;
  failed: number;
  note?: string;
}

const RESULTS = 'tmp/test-results';
// Everything this run prints, and each e2e stack process's own log: the log scan reads them all at the end.
const LOGS = resolve(RESULTS, 'logs');
const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const baseDb = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const dbUrl = (() => {
  const u = new URL(baseDb);
  u.pathname = `/rf_test_${runId}`;
  return u.toString();
})();
const env: NodeJS.ProcessEnv = {
  ...process.env,
  APP_ENV: 'test',
  DATABASE_URL: dbUrl,
  RF_TEST_DATABASE_URL: dbUrl,
  REDIS_URL,
  REDIS_PREFIX: `rf:test:${runId}`,
  LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
  CI: 'true',
  NX_NO_CLOUD: 'true',
  NX_DAEMON: 'false',
  NX_TUI: 'false',
  // The e2e stack gets its own ports so a running `npm start` is left alone.
  PORT: '3100',
  WEB_PORT: '4300',
  SANDBOX_PORT: '54400',
  WEB_URL: 'http://localhost:4300',
};

// The run's own output is also written to logs/npm-test.log (children's output passes through it).
function teeOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      appendFileSync(join(LOGS, 'npm-test.log'), chunk);
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
}

function sh(command: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<boolean> {
  console.log(`\n$ ${command}`);
  const child = spawn(command, { shell: true, stdio: ['inherit', 'pipe', 'pipe'], env: { ...env, ...extraEnv } });
  child.stdout.on('data', (c: Buffer) => process.stdout.write(c));
  child.stderr.on('data', (c: Buffer) => process.stderr.write(c));
  return new Promise((done) => child.on('close', (code) => done(code === 0)));
}

function step(name: string, ok: boolean): StepResult {
  return { name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
}

async function jestStep(name: string, config: string, extra = ''): Promise<StepResult> {
  const out = join(RESULTS, `${name}.json`);
  const ok = await sh(`npx jest -c ${config} ${extra} --json --outputFile=${out}`);
  if (!existsSync(out)) return { name, passed: 0, failed: 1, note: 'jest did not report' };
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const failed = report.numFailedTests + report.numRuntimeErrorTestSuites;
  return { name, passed: report.numPassedTests, failed: failed || (ok ? 0 : 1) };
}

// tsc per project (their compiler options differ), three at a time; output is printed per config.
async function typecheck(): Promise<StepResult> {
  const configs = [
    ...['apps', 'libs/api', 'libs/shared', 'libs/web'].flatMap((root) =>
      existsSync(root)
        ? readdirSync(root, { recursive: true, encoding: 'utf8' })
            .filter((f) => /(^|\/)tsconfig\.(app|lib|spec|e2e)\.json$/.test(f) || /web-e2e\/tsconfig\.json$/.test(f))
            .map((f) => join(root, f))
        : [],
    ),
    'tools/tsconfig.json',
  ].filter((f) => !f.includes('node_modules'));
  const failures: string[] = [];
  const queue = [...configs];
  const worker = async () => {
    for (let config = queue.shift(); config; config = queue.shift()) {
      const current = config;
      const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn('npx', ['tsc', '--noEmit', '-p', current], { env });
        let output = '';
        child.stdout.on('data', (c) => (output += c));
        child.stderr.on('data', (c) => (output += c));
        child.on('close', (code) => resolve({ code, output }));
      });
      console.log(`$ npx tsc --noEmit -p ${current}${result.code === 0 ? '  ✓' : ''}\n${result.output}`);
      if (result.code !== 0) failures.push(current);
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return { name: 'types', passed: configs.length - failures.length, failed: failures.length, note: failures.join(', ') || undefined };
}

async function playwright(): Promise<StepResult> {
  // Absolute: Playwright resolves a relative report path against its config's folder.
  const out = resolve(RESULTS, 'e2e.json');
  // REDIS_DRILL_PORT: the stack puts Redis behind a proxy the Redis-restart spec takes down (tools/redis-drill.ts).
  // The stack logs at info (every request) into files of its own, which the log scan reads.
  await sh('npx playwright test -c apps/web-e2e/playwright.config.mts --reporter=list,json', {
    PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    REDIS_DRILL_PORT: '54410',
    // The AI-timeout spec waits out the model's timeout once; the production default is 8 s.
    AI_TIMEOUT_MS: '2000',
    LOG_LEVEL: 'info',
    RF_LOG_DIR: join(LOGS, 'e2e-stack'),
  });
  if (!existsSync(out)) return { name: 'e2e', passed: 0, failed: 1, note: 'playwright did not report' };
  const { stats } = JSON.parse(readFileSync(out, 'utf8'));
  return { name: 'e2e', passed: stats.expected + stats.flaky, failed: stats.unexpected + (stats.expected + stats.unexpected === 0 ? 1 : 0) };
}

function logScan(): StepResult {
  const { files, leaks } = scanLogs(LOGS, configuredSecrets(loadConfig(env)));
  console.log(`\n$ log scan: ${files} log files under ${LOGS}`);
  for (const leak of leaks) console.log(`✗ ${leak.file}:${leak.line} holds ${leak.what}`);
  const leaking = new Set(leaks.map((l) => l.file)).size;
  return { name: 'log scan', passed: files - leaking, failed: leaking, note: leaks.length ? `${leaks.length} lines with credentials` : undefined };
}

async function main(): Promise<number> {
  rmSync(RESULTS, { recursive: true, force: true });
  mkdirSync(LOGS, { recursive: true });
  teeOutput();
  const problems = await ensureServices(baseDb, REDIS_URL);
  const tools = ensureDebianTools();
  if (tools) problems.push(tools);
  if (problems.length) {
    problems.forEach((p) => console.error(`✗ ${p}`));
    console.log('\n0 passed, 1 failed');
    return 1;
  }

  const results: StepResult[] = [];
  results.push(step('lint', await sh('npx nx run-many -t lint --output-style=static')));
  results.push(await typecheck());
  results.push(await jestStep('unit', 'jest.config.ts'));
  try {
    await prepare(dbUrl);
    results.push(await jestStep('integration', 'jest.int.config.ts', '--runInBand'));
    const built = await sh('npx nx run-many -t build -p api worker sandbox web --output-style=static');
    results.push(step('build', built));
    results.push(built ? await playwright() : { name: 'e2e', passed: 0, failed: 1, note: 'skipped: build failed' });
  } finally {
    await dropDatabase(dbUrl).catch(() => undefined);
    await deleteRedisPrefix(REDIS_URL, env['REDIS_PREFIX'] as string);
  }

  results.push(logScan());

  console.log('\nstep          passed  failed');
  for (const r of results) console.log(`${r.name.padEnd(13)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}${r.note ? `  (${r.note})` : ''}`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`\n${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  },
);
