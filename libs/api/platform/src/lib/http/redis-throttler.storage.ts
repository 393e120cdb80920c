import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { type ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { RedisService } from '../redis/redis';

// One round trip: count the hit, start the window on the first hit, block once over the limit.
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blockTtl = redis.call('PTTL', KEYS[2])
if blockTtl <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blockTtl = tonumber(ARGV[3])
end
return {hits, ttl, blockTtl}
`;

/**
 * Rate-limit counters in Redis so limits hold across API instances. While Redis fails, each instance counts in its own
 * memory with the same limits (a client may then get the limit once per instance), never unlimited.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly fallback = new ThrottlerStorageService();
  private degraded = false;

  constructor(private readonly redis: RedisService) {}

  onApplicationShutdown(): void {
    this.fallback.onApplicationShutdown();
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttler: string): Promise<ThrottlerStorageRecord> {
    // The script takes both keys: one hash tag puts them in one slot of a cluster.
    const base = this.redis.key('throttle', throttler, `{${key}}`);
    try {
      const [hits, ttlMs, blockMs] = (await this.redis.script(INCREMENT, [`${base}:hits`, `${base}:block`], [ttl, limit, blockDuration || ttl])) as number[];
      const isBlocked = blockMs > 0;
      if (this.degraded) {
        this.degraded = false;
        this.logger.log('rate limits are counted in Redis again');
      }
      return { totalHits: hits, timeToExpire: Math.ceil(ttlMs / 1000), isBlocked, timeToBlockExpire: isBlocked ? Math.ceil(blockMs / 1000) : 0 };
    } catch (error) {
      if (!this.degraded) {
        this.degraded = true;
        this.logger.warn(`rate limits fall back to this instance's memory, Redis failed: ${(error as Error).message}`);
      }
      return this.fallback.increment(key, ttl, limit, blockDuration, throttler);
    }
  }
}
