import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig, Database, withTimeout } from '@raptorflow/api-platform';
import { BusinessContextData, BusinessContextManifest, validateBusinessContext } from '@raptorflow/contracts';
import { AiProvider } from './ai/ai-provider';
import { buildBcm } from './bcm.builder';
import { BcmCache } from './bcm.cache';
import { BcmError } from './bcm.errors';
import { failureMessage, isUnchangedRebuild } from './bcm.policy';
import { BcmRepository } from './bcm.repository';

export interface BcmRebuildResult {
  version: number;
  /** False when the latest manifest already said the same (nothing stored). */
  created: boolean;
}

/** Builds and stores a workspace's next manifest version (the worker's bcm-rebuild jobs). */
@Injectable()
export class BcmRebuildService implements OnModuleDestroy {
  private readonly logger = new Logger(BcmRebuildService.name);
  private readonly enrichments = new Set<Promise<void>>();

  constructor(
    private readonly db: Database,
    private readonly repo: BcmRepository,
    private readonly cache: BcmCache,
    private readonly ai: AiProvider,
    private readonly config: AppConfig,
  ) {}

  /**
   * Builds from the latest business_context and stores version N+1 with the pointer in one transaction, then warms
   * Redis and starts enrichment without waiting for it (the job, and so "rebuilding", ends first). Safe to run
   * twice: an unchanged result stores nothing. On failure the last good manifest stays current and the state shows
   * `failed` with the reason.
   */
  async rebuild(workspaceId: string, jobId: string | null = null, now = new Date()): Promise<BcmRebuildResult> {
    await this.db.asService((tx) => this.repo.markRebuilding(tx, workspaceId, jobId));
    let stored: { id: string; manifest: BusinessContextManifest } | null;
    let result: BcmRebuildResult;
    try {
      ({ stored, result } = await this.db.asService(async (tx) => {
        const latestVersion = await this.repo.lockLatest(tx, workspaceId);
        const context = await this.repo.latestContext(tx, workspaceId);
        if (!context) throw new BcmError('NO_CONTEXT', 'There is no finalized business context to build the BCM from.');
        const candidate = build(context.version, context.data, (latestVersion ?? 0) + 1, now);
        const latest = latestVersion === null ? null : ((await this.repo.manifest(tx, workspaceId, latestVersion))?.manifest ?? null);
        if (isUnchangedRebuild(latest, candidate, now)) {
          await this.repo.markIdle(tx, workspaceId, latestVersion);
          return { stored: null, result: { version: latestVersion as number, created: false } };
        }
        const id = await this.repo.insertManifest(tx, workspaceId, candidate);
        await this.repo.markIdle(tx, workspaceId, candidate.version);
        return { stored: { id, manifest: candidate }, result: { version: candidate.version, created: true } };
      }));
    } catch (error) {
      const message = failureMessage(error);
      await this.db.asService((tx) => this.repo.markFailed(tx, workspaceId, message)).catch(() => undefined);
      this.logger.warn(`BCM rebuild of workspace ${workspaceId} failed: ${message}`);
      throw error;
    }
    if (stored) {
      await this.cache.put(workspaceId, stored.manifest);
      const enrichment = this.enrich(stored.id, stored.manifest).finally(() => this.enrichments.delete(enrichment));
      this.enrichments.add(enrichment);
    }
    return result;
  }

  /** Resolves once every enrichment started so far has been stored or skipped. */
  async settled(): Promise<void> {
    await Promise.all(this.enrichments);
  }

  // Shutdown waits for running enrichments (each bounded by AI_TIMEOUT_MS) before the database closes.
  async onModuleDestroy(): Promise<void> {
    await this.settled();
  }

  // Best effort and bounded: a slow or failing provider leaves the enrichment empty, nothing else. Never rejects.
  private async enrich(manifestId: string, manifest: BusinessContextManifest): Promise<void> {
    try {
      const enrichment = await withTimeout(this.config.AI_TIMEOUT_MS, (signal) => this.ai.enrichBcm(manifest, signal));
      if (enrichment) await this.db.asService((tx) => this.repo.setEnrichment(tx, manifestId, enrichment));
    } catch (error) {
      this.logger.warn(`BCM enrichment of ${manifestId} skipped: ${failureMessage(error)}`);
    }
  }
}

function build(contextVersion: number, data: Record<string, unknown>, version: number, now: Date): BusinessContextManifest {
  const validation = validateBusinessContext(data);
  if (!validation.valid) {
    const problems = validation.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('; ');
    throw new BcmError('CONTEXT_INVALID', `Business context v${contextVersion} cannot be built: ${problems}`);
  }
  try {
    return buildBcm(data as unknown as BusinessContextData, { version, sourceContextVersion: contextVersion, generatedAt: now.toISOString() });
  } catch (error) {
    throw new BcmError('CONTEXT_INVALID', `Business context v${contextVersion} cannot be built: ${failureMessage(error)}`);
  }
}
