import { Injectable } from '@nestjs/common';
import { AppConfig, Database, ReadCache, ServiceUnavailableError, Tx, UserClaims, userTag, WorkspaceAccess, WorkspaceGrant, workspaceTag } from '@raptorflow/api-platform';
import {
  BcmRebuildResponse,
  BcmResponse,
  BcmVersionSummary,
  BusinessContextManifest,
  findPlan,
  PLANS,
  WorkspaceRole,
} from '@raptorflow/contracts';
import { BcmCache } from './bcm.cache';
import { BcmError } from './bcm.errors';
import { bcmFreshness } from './bcm.freshness';
import { bcmRebuildJobId } from './bcm.jobs';
import { BcmManifests } from './bcm.manifests';
import { enrichmentPending, rebuildDayEnds } from './bcm.policy';
import { BcmRebuildQueue } from './bcm.rebuild-queue';
import { BcmRepository, BcmStateRow } from './bcm.repository';

const REBUILDERS: readonly WorkspaceRole[] = ['owner', 'admin'];

interface BcmView {
  workspaceId: string;
  state: BcmStateRow;
  manifest: BusinessContextManifest | null;
  rebuilding: boolean;
}

/** The current workspace's manifest for the API: reads (Redis first, Postgres as the truth) and rebuild requests. */
@Injectable()
export class BcmService {
  constructor(
    private readonly db: Database,
    private readonly repo: BcmRepository,
    private readonly manifests: BcmManifests,
    private readonly cache: BcmCache,
    private readonly queue: BcmRebuildQueue,
    private readonly readCache: ReadCache,
    private readonly workspaces: WorkspaceAccess,
    private readonly config: AppConfig,
  ) {}

  /** The current manifest and its state; repeated reads are served from the instance's ReadCache. */
  async current(claims: UserClaims, now = new Date()): Promise<BcmResponse> {
    const { state, manifest, rebuilding } = await this.readCache.get(
      `bcm:${claims.sub}`,
      () => this.load(claims),
      (view) => [userTag(claims.sub), workspaceTag(view.workspaceId)],
    );
    return {
      manifest,
      freshness: bcmFreshness({ manifest, latestContextVersion: state.context_version, now, rebuilding }),
      status: state.status ?? 'idle',
      lastError: state.last_error,
      contextVersion: state.context_version,
      // The served manifest is always the latest version, the one this enrichment was made for.
      enrichment: manifest ? (state.enrichment ?? null) : null,
      enrichmentPending: !!manifest && !state.enrichment && !!this.config.VERTEX_AI_API_KEY && enrichmentPending(manifest.generatedAt, this.config.AI_TIMEOUT_MS, now),
    };
  }

  // Redis is asked between transactions, never inside one: a slow Redis must not hold a pooled connection.
  private async load(claims: UserClaims): Promise<BcmView> {
    const { workspaceId, state } = await this.db.asUser(claims, async (tx) => {
      const { workspaceId } = await this.member(tx, claims);
      return { workspaceId, state: await this.repo.state(tx, workspaceId) };
    });
    const [manifest, pending] = await Promise.all([this.latestManifest(claims, workspaceId, state.latest_version), this.queue.isPending(workspaceId)]);
    // The queue knows best whether a rebuild is waiting or running; without Redis, the worker's last word.
    return { workspaceId, state, manifest, rebuilding: pending ?? state.status === 'rebuilding' };
  }

  private async latestManifest(claims: UserClaims, workspaceId: string, version: number | null): Promise<BusinessContextManifest | null> {
    if (version === null) return null;
    const cached = await this.cache.get(workspaceId);
    // A cached copy of an older version (a re-warm racing a rebuild) counts as a miss.
    if (cached?.version === version) return cached;
    const row = await this.db.asUser(claims, (tx) => this.repo.manifest(tx, workspaceId, version));
    if (row) await this.cache.put(workspaceId, row.manifest);
    return row?.manifest ?? null;
  }

  versions(claims: UserClaims): Promise<BcmVersionSummary[]> {
    return this.db.asUser(claims, async (tx) => {
      const { workspaceId } = await this.member(tx, claims);
      return (await this.manifests.history(tx, workspaceId)).map((row) => ({
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
      const { workspaceId } = await this.member(tx, claims);
      const row = await this.repo.manifest(tx, workspaceId, version);
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
    const { grant, state } = await this.db.asUser(claims, async (tx) => {
      const grant = await this.member(tx, claims, now);
      return { grant, state: await this.repo.state(tx, grant.workspaceId) };
    });
    if (!REBUILDERS.includes(grant.role)) throw new BcmError('ROLE_REQUIRED', 'Only the workspace owner or an admin can rebuild the BCM.');
    // past_due is read-only (domain.md), expired has no access.
    if (!grant.write) throw new BcmError('SUBSCRIPTION_REQUIRED', 'An active subscription is needed to rebuild the BCM.');
    if (state.context_version === null) throw new BcmError('NO_CONTEXT', 'Finish onboarding first: the BCM is built from your finalized answers.');
    const workspaceId = grant.workspaceId;

    // Concurrent requests of one workspace (across API instances) take turns on a Redis lock, outside any transaction.
    return this.queue.exclusive(workspaceId, async () => {
      const jobId = bcmRebuildJobId(workspaceId);
      if (await this.queue.isPending(workspaceId)) return { jobId, status: 'queued' as const };

      const plan = findPlan(grant.planId ?? '') ?? PLANS[0];
      const allowed = await this.queue.takeDailyRebuild(workspaceId, now, plan.rebuildsPerDay).catch(() => {
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
        await this.queue.enqueue(workspaceId, 'manual');
      } catch {
        await this.queue.returnDailyRebuild(workspaceId, now);
        throw new ServiceUnavailableError('The rebuild could not be queued; please try again shortly.');
      }
      return { jobId, status: 'queued' as const };
    });
  }

  private async member(tx: Tx, claims: UserClaims, now = new Date()): Promise<WorkspaceGrant> {
    const grant = await this.workspaces.of(tx, claims.sub, now);
    if (!grant) throw new BcmError('NOT_A_MEMBER', 'You are not a member of any workspace yet.');
    return grant;
  }
}
