import { Injectable, Logger } from '@nestjs/common';
import { RedisService } from '@raptorflow/api-platform';
import type { BusinessContextManifest } from '@raptorflow/contracts';
import { BCM_CACHE_TTL_SECONDS, isIntact } from './bcm.policy';

/**
 * The Redis hot copy of each workspace's latest manifest. A cache only (Postgres is the durable copy):
 * every Redis failure reads as a miss or a skipped write, never as an error.
 */
@Injectable()
export class BcmCache {
  private readonly logger = new Logger(BcmCache.name);

  constructor(private readonly redis: RedisService) {}

  /** The cached manifest if present and intact; a corrupt entry is deleted. Each hit refreshes the TTL. */
  async get(workspaceId: string): Promise<BusinessContextManifest | null> {
    const key = this.key(workspaceId);
    let raw: string | null;
    try {
      raw = await this.redis.client.getex(key, 'EX', BCM_CACHE_TTL_SECONDS);
    } catch {
      return null;
    }
    if (raw === null) return null;
    const manifest = parse(raw);
    if (isIntact(manifest)) return manifest;
    this.logger.warn(`Discarding a corrupt cached BCM of workspace ${workspaceId}`);
    await this.redis.client.del(key).catch(() => undefined);
    return null;
  }

  async put(workspaceId: string, manifest: BusinessContextManifest): Promise<void> {
    await this.redis.client.set(this.key(workspaceId), JSON.stringify(manifest), 'EX', BCM_CACHE_TTL_SECONDS).catch(() => undefined);
  }

  private key(workspaceId: string): string {
    return this.redis.key('bcm', workspaceId);
  }
}

function parse(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
