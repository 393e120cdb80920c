import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { QUEUE_CALL_TIMEOUT_MS, ReadCache, RedisService, ServiceUnavailableError, withTimeout } from '@raptorflow/api-platform';
import { JobState, Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { BCM_REBUILD_JOB, BCM_REBUILD_QUEUE, BcmRebuildJob, bcmRebuildJobId } from './bcm.jobs';
import { rebuildDay } from './bcm.policy';

const PENDING_STATES: readonly (JobState | 'unknown')[] = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'];
// Counters outlive their IST day a little, so a clock skew between instances never resets one early.
const COUNTER_TTL_SECONDS = 2 * 24 * 60 * 60;

// One rule for every rebuild (finalize and the rebuild endpoint): a job is safe to run again.
const BCM_REBUILD_ATTEMPTS = 5;
// A request holds the lock for a few Redis round trips; the expiry only matters if its instance dies meanwhile.
const LOCK_TTL_MS = 5_000;
const LOCK_RETRY_MS = 20;
const UNLOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/** The API's side of the bcm-rebuild queue: per-workspace job lookup, enqueue, and the daily rebuild counter. */
@Injectable()
export class BcmRebuildQueue {
  constructor(
    @InjectQueue(BCM_REBUILD_QUEUE) private readonly queue: Queue<BcmRebuildJob>,
    private readonly redis: RedisService,
    private readonly readCache: ReadCache,
  ) {}

  /** Whether Redis (and so the queue) answers right now. */
  get available(): boolean {
    return this.redis.client.status === 'ready';
  }

  /** Whether a rebuild of the workspace is waiting or running; undefined when the queue cannot be asked. */
  async isPending(workspaceId: string): Promise<boolean | undefined> {
    if (!this.available) return undefined;
    try {
      return PENDING_STATES.includes(await withTimeout(QUEUE_CALL_TIMEOUT_MS, () => this.state(workspaceId)));
    } catch {
      return undefined;
    }
  }

  /**
   * Queues a rebuild under the workspace's job id and returns that id. A finished job still kept under the id
   * (another producer's options) is removed first, since BullMQ would silently ignore the new one.
   */
  async enqueue(workspaceId: string, reason: BcmRebuildJob['reason']): Promise<string> {
    const jobId = bcmRebuildJobId(workspaceId);
    await withTimeout(QUEUE_CALL_TIMEOUT_MS, async () => {
      const existing = await this.queue.getJob(jobId);
      if (existing && !PENDING_STATES.includes(await existing.getState())) await existing.remove();
      await this.queue.add(
        BCM_REBUILD_JOB,
        { workspaceId, reason },
        // Finished jobs are removed so the next rebuild is not swallowed by the id; waiting ones still coalesce.
        { jobId, attempts: BCM_REBUILD_ATTEMPTS, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: true, removeOnFail: true },
      );
    });
    // Readers show "rebuilding" from now on, before the worker's first write.
    await this.readCache.announce(workspaceId).catch(() => undefined);
    return jobId;
  }

  /** Runs fn holding the workspace's rebuild-request lock (every API instance); 503 when it cannot be had in time. */
  async exclusive<T>(workspaceId: string, fn: () => Promise<T>): Promise<T> {
    const key = this.redis.key('bcm', 'rebuild-lock', workspaceId);
    const token = randomUUID();
    const deadline = Date.now() + QUEUE_CALL_TIMEOUT_MS;
    const busy = () => new ServiceUnavailableError('Rebuilds are paused for a moment; please try again shortly.');
    for (;;) {
      const taken = await this.redis.client.set(key, token, 'PX', LOCK_TTL_MS, 'NX').catch(() => {
        throw busy();
      });
      if (taken === 'OK') break;
      if (Date.now() > deadline) throw busy();
      await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
    }
    try {
      return await fn();
    } finally {
      await this.redis.script(UNLOCK, [key], [token]).catch(() => undefined);
    }
  }

  /** Counts one rebuild against today's limit; false (and nothing counted) when the limit is reached. */
  async takeDailyRebuild(workspaceId: string, now: Date, limit: number): Promise<boolean> {
    const key = this.counterKey(workspaceId, now);
    const results = await this.redis.client.multi().incr(key).expire(key, COUNTER_TTL_SECONDS, 'NX').exec();
    const [error, count] = results?.[0] ?? [new Error('Redis transaction aborted'), 0];
    if (error) throw error;
    if ((count as number) <= limit) return true;
    await this.redis.client.decr(key);
    return false;
  }

  /** Gives a counted rebuild back when it could not be queued. */
  async returnDailyRebuild(workspaceId: string, now: Date): Promise<void> {
    await this.redis.client.decr(this.counterKey(workspaceId, now)).catch(() => undefined);
  }

  private async state(workspaceId: string): Promise<JobState | 'unknown'> {
    const job = await this.queue.getJob(bcmRebuildJobId(workspaceId));
    return job ? job.getState() : 'unknown';
  }

  private counterKey(workspaceId: string, now: Date): string {
    return this.redis.key('bcm', 'rebuilds', workspaceId, rebuildDay(now));
  }
}
