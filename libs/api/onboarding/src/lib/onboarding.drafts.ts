import { Injectable, Logger } from '@nestjs/common';
import { RedisService } from '@raptorflow/api-platform';
import type { Draft } from './onboarding.state';

export const DRAFT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

// Writes only a newer revision (concurrent saves may finish out of order) and refreshes the TTL either way.
const PUT_IF_NEWER = `
local current = tonumber(redis.call('HGET', KEYS[1], 'rev') or '0')
if current < tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'rev', ARGV[1], 'draft', ARGV[2]) end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return current
`;

/**
 * The hot copy of each workspace's onboarding draft: one Redis hash `{ rev, draft }` per workspace, 7-day TTL
 * refreshed on every write. Postgres (onboarding_drafts) is the copy of record; every method here is best effort,
 * so a Redis outage degrades reads to Postgres instead of failing them.
 */
@Injectable()
export class OnboardingDrafts {
  private readonly logger = new Logger(OnboardingDrafts.name);

  constructor(private readonly redis: RedisService) {}

  key(workspaceId: string): string {
    return this.redis.key('onboarding', 'draft', workspaceId);
  }

  /** The cached draft, or null on a miss, an unreadable entry or a Redis error. */
  async get(workspaceId: string): Promise<Draft | null> {
    try {
      const cached = await this.redis.client.hget(this.key(workspaceId), 'draft');
      return cached ? (JSON.parse(cached) as Draft) : null;
    } catch (error) {
      this.logger.warn(`draft cache read failed, using Postgres: ${(error as Error).message}`);
      return null;
    }
  }

  async put(workspaceId: string, draft: Draft): Promise<boolean> {
    try {
      await this.redis.script(PUT_IF_NEWER, [this.key(workspaceId)], [draft.revision, JSON.stringify(draft), DRAFT_TTL_MS]);
      return true;
    } catch (error) {
      this.logger.warn(`draft cache write failed (Postgres has the draft): ${(error as Error).message}`);
      return false;
    }
  }

  async delete(...workspaceIds: string[]): Promise<void> {
    if (workspaceIds.length === 0) return;
    try {
      await this.redis.deleteKeys(workspaceIds.map((id) => this.key(id)));
    } catch (error) {
      // Harmless: reads compare the cached revision with Postgres, so a leftover entry is never served.
      this.logger.warn(`draft cache delete failed: ${(error as Error).message}`);
    }
  }
}
