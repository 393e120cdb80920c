// A local Redis Cluster of three masters (no replicas) from Debian's redis-server, for tests and benches that need
// a cluster. Installs redis-server with apt-get when it is missing (as services.ts does for Chromium).
//   npx tsx tools/redis-cluster.ts   starts one, prints REDIS_CLUSTER_NODES=host:port,... and runs until Ctrl-C.
import { ChildProcess, execFileSync, execSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../libs/api/platform/src/lib/testing/tcp-proxy';

export interface LocalRedisCluster {
  /** host:port of every master, comma-separated: the value REDIS_CLUSTER_NODES takes. */
  nodes: string;
  ports: number[];
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ensureRedisServer(): void {
  const has = (bin: string) => existsSync(`/usr/bin/${bin}`) || existsSync(`/usr/local/bin/${bin}`);
  if (has('redis-server') && has('redis-cli')) return;
  console.log('[setup] installing Debian redis-server for the Redis Cluster tests (apt-get)…');
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  execSync(`${sudo}apt-get update -qq && DEBIAN_FRONTEND=noninteractive ${sudo}apt-get install -y -qq redis-server`, { stdio: 'ignore', timeout: 600_000 });
}

const cli = (port: number, ...args: string[]) => execFileSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8', timeout: 10_000 });

export async function startRedisCluster(masters = 3): Promise<LocalRedisCluster> {
  ensureRedisServer();
  const dir = mkdtempSync(join(tmpdir(), 'rf-redis-cluster-'));
  const ports: number[] = [];
  for (let i = 0; i < masters; i++) ports.push(await freePort());
  const servers: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--dir', dir, '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore', detached: true },
    ),
  );
  const stop = async () => {
    for (const server of servers) {
      try {
        if (server.exitCode === null && server.pid) process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await Promise.all(servers.map((s) => (s.exitCode === null ? new Promise((r) => s.once('exit', r)) : undefined)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      for (let i = 0; ; i++) {
        try {
          if (cli(port, 'ping').trim() === 'PONG') break;
        } catch {
          if (i > 100) throw new Error(`redis-server on ${port} did not start`);
        }
        await sleep(50);
      }
    }
    execFileSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], { stdio: 'ignore', timeout: 30_000 });
    // Every node must agree that all slots are served before clients connect.
    for (let i = 0; ports.some((p) => !/cluster_state:ok/.test(cli(p, 'cluster', 'info'))); i++) {
      if (i > 200) throw new Error('the Redis Cluster did not reach cluster_state:ok');
      await sleep(50);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes: ports.map((p) => `127.0.0.1:${p}`).join(','), ports, stop };
}

if (require.main === module) {
  startRedisCluster()
    .then((cluster) => {
      console.log(`REDIS_CLUSTER_NODES=${cluster.nodes}`);
      const end = () => void cluster.stop().then(() => process.exit(0));
      process.once('SIGINT', end);
      process.once('SIGTERM', end);
    })
    .catch((error) => {
      console.error((error as Error).message);
      process.exit(1);
    });
}
