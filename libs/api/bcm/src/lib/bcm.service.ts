import { Injectable } from '@nestjs/common';
import { AppConfig, Database, ReadCache, ServiceUnavailableError, Tx, UserClaims, userTag, workspaceTag } from '@raptorflow/api-platform';
import {
  BcmRebuildResponse,
  BcmResponse,
  BcmVersionSummary,
  BusinessContextManifest,
  effectiveSubscriptionStatus,
  findPlan,
  PLANS,
  WorkspaceRole,
} from '@raptorflow/contracts';
import { BcmCache } from './bcm.cache';
import { BcmError } from './bcm.errors';
import { bcmFreshness } from './bcm.freshness';
import { bcmRebuildJobId } from './bcm.jobs';
import { enrichmentPending, rebuildDayEnds } from './bcm.policy';
import { BcmRebuildQueue } from './bcm.rebuild-queue';
import { BcmAccessRow, BcmRepository } from './bcm.repository';

const REBUILDERS: readonly WorkspaceRole[] = ['owner', 'admin'];
/** Versions listed by GET /context/bcm/versions, newest first. */
export const BCM_HISTORY_LIMIT = 100;

interface BcmView {
  access: BcmAccessRow;
  manifest: BusinessContextManifest | null;
  rebuilding: boolean;
}

/** The current workspace's manifest for the API: reads (Redis first, Postgres as the truth) and rebuild requests. */
@Injectable()
export class BcmService {
  constructor(
    private readonly db: Database,
    private readonly repo: BcmRepository,
    private readonly cache: BcmCache,
    private readonly queue: BcmRebuildQueue,
    private readonly readCache: ReadCache,
    private readonly config: AppConfig,
  ) {}

  /** The current manifest and its state; repeated reads are served from the instance's ReadCache. */
  async current(claims: UserClaims, now = new Date()): Promise<BcmResponse> {
    const { access, manifest, rebuilding } = await this.readCache.get(
      `bcm:${claims.sub}`,
      () => this.load(claims),
      (view) => [userTag(claims.sub), workspaceTag(view.access.workspace_id)],
    );
    return {
      manifest,
      freshness: bcmFreshness({ manifest, latestContextVersion: access.context_version, now, rebuilding }),
      status: access.status ?? 'idle',
      lastError: access.last_error,
      contextVersion: access.context_version,
      // The served manifest is always the latest version, the one this enrichment was made for.
      enrichment: manifest ? (access.enrichment ?? null) : null,
      enrichmentPending: !!manifest && !access.enrichment && !!this.config.VERTEX_AI_API_KEY && enrichmentPending(manifest.generatedAt, this.config.AI_TIMEOUT_MS, now),
    };
  }

  // Redis is asked between transactions, never inside one: a slow Redis must not hold a pooled connection.
  private async load(claims: UserClaims): Promise<BcmView> {
    const access = await this.db.asUser(claims, (tx) => this.requireAccess(tx, claims));
    const [manifest, pending] = await Promise.all([this.latestManifest(claims, access), this.queue.isPending(access.workspace_id)]);
    // The queue knows best whether a rebuild is waiting or running; without Redis, the worker's last word.
    return { access, manifest, rebuilding: pending ?? access.status === 'rebuilding' };
  }

  private async latestManifest(claims: UserClaims, access: BcmAccessRow): Promise<BusinessContextManifest | null> {
    const version = access.latest_version;
    if (version === null) return null;
    const cached = await this.cache.get(access.workspace_id);
    // A cached copy of an older version (a re-warm racing a rebuild) counts as a miss.
    if (cached?.version === version) return cached;
    const row = await this.db.asUser(claims, (tx) => this.repo.manifest(tx, access.workspace_id, version));
    if (row) await this.cache.put(access.workspace_id, row.manifest);
    return row?.manifest ?? null;
  }

  versions(claims: UserClaims): Promise<BcmVersionSummary[]> {
    return this.db.asUser(claims, async (tx) => {
      const access = await this.requireAccess(tx, claims);
      return (await this.repo.versions(tx, access.workspace_id, BCM_HISTORY_LIMIT)).map((row) => ({
        version: row.version,
        checksum: row.checksum,
        sourceContextVersion: row.source_context_version,
        schemaVersion: row.schema_version,
        createdAt: row.created_at.toISOString(),
      }));
    });
  }

  version(claims: UserClaims, version: number): Promise<BusinessContextManifest> {
    return this.db.asUser(claims, async (tx) => {
      const access = await this.requireAccess(tx, claims);
      const row = await this.repo.manifest(tx, access.workspace_id, version);
      if (!row) throw new BcmError('VERSION_NOT_FOUND', `This workspace has no BCM version ${version}.`);
      return row.manifest;
    });
  }

  /** The latest manifest, for download. */
  async latest(claims: UserClaims): Promise<BusinessContextManifest> {
    const { manifest } = await this.current(claims);
    if (!manifest) throw new BcmError('VERSION_NOT_FOUND', 'There is no BCM to export yet: finish onboarding or rebuild it first.');
    return manifest;
  }

  /**
   * Queues a rebuild (owners and admins, paying workspaces with a finalized context). A rebuild already waiting or
   * running is returned instead and not counted; otherwise one is counted against the plan's daily limit.
   */
  async requestRebuild(claims: UserClaims, now = new Date()): Promise<BcmRebuildResponse> {
    if (!this.queue.available) throw new ServiceUnavailableError('Rebuilds are paused for a moment; please try again shortly.');
    const access = await this.db.asUser(claims, (tx) => this.requireAccess(tx, claims));
    if (!REBUILDERS.includes(access.role)) throw new BcmError('ROLE_REQUIRED', 'Only the workspace owner or an admin can rebuild the BCM.');
    const status = access.subscription_status && access.current_period_end
      ? effectiveSubscriptionStatus({ status: access.subscription_status, currentPeriodEnd: access.current_period_end }, now)
      : 'expired';
    // past_due is read-only (domain.md), expired has no access.
    if (status === 'past_due' || status === 'expired') throw new BcmError('SUBSCRIPTION_REQUIRED', 'An active subscription is needed to rebuild the BCM.');
    if (access.context_version === null) throw new BcmError('NO_CONTEXT', 'Finish onboarding first: the BCM is built from your finalized answers.');

    // Concurrent requests of one workspace (across API instances) take turns on a Redis lock, outside any transaction.
    return this.queue.exclusive(access.workspace_id, async () => {
      const jobId = bcmRebuildJobId(access.workspace_id);
      if (await this.queue.isPending(access.workspace_id)) return { jobId, status: 'queued' as const };

      const plan = findPlan(access.plan_id ?? '') ?? PLANS[0];
      const allowed = await this.queue.takeDailyRebuild(access.workspace_id, now, plan.rebuildsPerDay).catch(() => {
        throw new ServiceUnavailableError('Rebuilds are paused for a moment; please try again shortly.');
      });
      if (!allowed) {
        const resetsAt = rebuildDayEnds(now).toISOString();
        throw new BcmError(
          'REBUILD_LIMIT',
          `Your ${plan.name} plan includes ${plan.rebuildsPerDay} BCM rebuilds per day and today's are used up. ` +
            `Try again after midnight IST, or upgrade for more.`,
          { limit: plan.rebuildsPerDay, resetsAt },
        );
      }
      try {
        await this.queue.enqueue(access.workspace_id, 'manual');
      } catch {
        await this.queue.returnDailyRebuild(access.workspace_id, now);
        throw new ServiceUnavailableError('The rebuild could not be queued; please try again shortly.');
      }
      return { jobId, status: 'queued' as const };
    });
  }

  private async requireAccess(tx: Tx, claims: UserClaims): Promise<BcmAccessRow> {
    const access = await this.repo.access(tx, claims.sub);
    if (!access) throw new BcmError('NOT_A_MEMBER', 'You are not a member of any workspace yet.');
    return access;
  }
}
