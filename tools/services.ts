// Makes sure PostgreSQL and Redis answer; starts them when installed but stopped, and says how otherwise.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { Socket } from 'node:net';
import Redis from 'ioredis';

export function reachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

function tryRun(command: string, timeoutMs = 30_000): boolean {
  try {
    execSync(command, { stdio: 'ignore', timeout: timeoutMs });
    return true;
  } catch {
    return false;
  }
}

async function waitFor(host: string, port: number, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds * 4; i++) {
    if (await reachable(host, port)) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

interface Service {
  name: string;
  url: string;
  defaultPort: number;
  start: () => boolean;
  hint: string;
}

const SERVICES = (databaseUrl: string, redisUrl: string): Service[] => [
  {
    name: 'PostgreSQL',
    url: databaseUrl,
    defaultPort: 5432,
    start: () =>
      existsSync('/etc/postgresql') &&
      readdirSync('/etc/postgresql').some((version) => tryRun(`pg_ctlcluster --skip-systemctl-redirect ${version} main start`)),
    hint: 'start it (e.g. `sudo service postgresql start`) or run `docker compose up -d postgres redis`, or set DATABASE_URL',
  },
  {
    name: 'Redis',
    url: redisUrl,
    defaultPort: 6379,
    start: () =>
      tryRun('command -v redis-server') &&
      tryRun('redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no'),
    hint: 'start it (e.g. `redis-server --daemonize yes`) or run `docker compose up -d postgres redis`, or set REDIS_URL',
  },
];

/** Returns the problems found; an empty list means both services answer. */
export async function ensureServices(databaseUrl: string, redisUrl: string): Promise<string[]> {
  const problems: string[] = [];
  for (const service of SERVICES(databaseUrl, redisUrl)) {
    const { hostname, port } = new URL(service.url);
    const p = Number(port || service.defaultPort);
    if (await reachable(hostname, p)) continue;
    const local = ['127.0.0.1', 'localhost', '::1'].includes(hostname);
    if (local && service.start() && (await waitFor(hostname, p, 15))) {
      console.log(`[setup] started ${service.name}`);
      continue;
    }
    problems.push(`${service.name} is not reachable at ${hostname}:${p}: ${service.hint}`);
  }
  return problems;
}

// Debian packages the tests need: Chromium for the browser journeys, poppler's pdftotext to read generated PDFs.
const DEBIAN_TOOLS = [
  { path: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', pkg: 'chromium' },
  { path: '/usr/bin/pdftotext', pkg: 'poppler-utils' },
];

/** Installs the missing ones with apt-get; says what is still missing, or null. */
export function ensureDebianTools(): string | null {
  const missing = DEBIAN_TOOLS.filter((t) => !existsSync(t.path));
  if (!missing.length) return null;
  const pkgs = missing.map((t) => t.pkg).join(' ');
  console.log(`[setup] installing Debian ${pkgs} for the tests (apt-get)…`);
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  tryRun(`${sudo}apt-get update -qq`, 300_000) && tryRun(`DEBIAN_FRONTEND=noninteractive ${sudo}apt-get install -y -qq ${pkgs}`, 900_000);
  const still = missing.filter((t) => !existsSync(t.path));
  return still.length ? `${still.map((t) => t.path).join(', ')} missing and apt-get could not install them (try: apt-get install ${pkgs})` : null;
}

/** Deletes every key under `prefix:` (a test or bench run's namespace). Best effort: never throws. */
export async function deleteRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // best effort
  } finally {
    redis.disconnect();
  }
}
