import { Injectable } from '@nestjs/common';
import { Database } from '../db/database';
import { withTimeout } from '../deadline/with-timeout';
import { HEARTBEAT_KEY } from '../queue/heartbeat.jobs';
import { RedisService } from '../redis/redis';

export interface Readiness {
  // degraded: Redis is down; the API still serves (from Postgres), so it stays in the load balancer.
  // down: Postgres is down; nothing can be served.
  status: 'ok' | 'degraded' | 'down';
  checks: Record<'postgres' | 'redis', { status: 'up' | 'down'; latencyMs: number; error?: string }>;
  // Informational: the API serves without a worker, but jobs then wait.
  worker: { lastHeartbeatAt: string | null };
}

const CHECK_TIMEOUT_MS = 1500;

async function check(probe: () => Promise<unknown>) {
  const started = Date.now();
  try {
    await withTimeout(CHECK_TIMEOUT_MS, probe);
    return { status: 'up' as const, latencyMs: Date.now() - started };
  } catch (error) {
    return { status: 'down' as const, latencyMs: Date.now() - started, error: (error as Error).message };
  }
}

@Injectable()
export class HealthService {
  constructor(
    private readonly db: Database,
    private readonly redis: RedisService,
  ) {}

  async readiness(): Promise<Readiness> {
    const [postgres, redis] = await Promise.all([check(() => this.db.ping()), check(() => this.redis.ping())]);
    const checks = { postgres, redis };
    const lastHeartbeatAt = redis.status === 'up' ? await this.redis.client.get(this.redis.key(HEARTBEAT_KEY)).catch(() => null) : null;
    return {
      status: postgres.status === 'down' ? 'down' : redis.status === 'down' ? 'degraded' : 'ok',
      checks,
      worker: { lastHeartbeatAt },
    };
  }
}
