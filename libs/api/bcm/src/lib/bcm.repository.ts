import { Injectable } from '@nestjs/common';
import { Tx } from '@raptorflow/api-platform';
import type { BcmEnrichment, BcmRebuildStatus, BusinessContextManifest } from '@raptorflow/contracts';
import { sql } from 'kysely';

/** What the BCM endpoints decide on about a workspace, read in one query. */
export interface BcmStateRow {
  context_version: number | null;
  latest_version: number | null;
  status: BcmRebuildStatus | null;
  last_error: string | null;
  /** The AI extras of the latest manifest, if any were stored. */
  enrichment: BcmEnrichment | null;
}

/** A finalized business context: the BCM's input, one version per finalize (onboarding writes it through BusinessContexts). */
export interface ContextRow {
  version: number;
  data: Record<string, unknown>;
  schema_version: number;
  created_at: Date;
}

export interface ManifestRow {
  id: string;
  manifest: BusinessContextManifest;
  created_at: Date;
}

export interface VersionRow {
  version: number;
  checksum: string;
  source_context_version: number;
  schema_version: number;
  created_at: Date;
}

/** BCM SQL. Methods take the caller's transaction: asUser (API reads, RLS applies) or asService (the worker). */
@Injectable()
export class BcmRepository {
  /** The workspace's BCM state, latest context version and the latest manifest's enrichment. */
  async state(tx: Tx, workspaceId: string): Promise<BcmStateRow> {
    const state = await tx
      .selectFrom('bcm_state as b')
      // Enrichment arrives after the manifest, so it is read from Postgres even when Redis has the manifest.
      .leftJoin('bcm_manifests as bm', (j) => j.onRef('bm.workspace_id', '=', 'b.workspace_id').onRef('bm.version', '=', 'b.latest_version'))
      .select(['b.latest_version', 'b.status', 'b.last_error', 'bm.enrichment'])
      .where('b.workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return {
      context_version: await this.latestContextVersion(tx, workspaceId),
      latest_version: state?.latest_version ?? null,
      status: state?.status ?? null,
      last_error: state?.last_error ?? null,
      enrichment: (state?.enrichment as BcmEnrichment | null | undefined) ?? null,
    };
  }

  /** The newest manifest of the workspace. */
  async latestManifest(tx: Tx, workspaceId: string): Promise<BusinessContextManifest | undefined> {
    const row = await tx.selectFrom('bcm_manifests').select('manifest').where('workspace_id', '=', workspaceId).orderBy('version', 'desc').limit(1).executeTakeFirst();
    return row?.manifest as unknown as BusinessContextManifest | undefined;
  }

  async latestContext(tx: Tx, workspaceId: string): Promise<ContextRow | undefined> {
    return tx
      .selectFrom('business_contexts')
      .select(['version', 'data', 'schema_version', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async latestContextVersion(tx: Tx, workspaceId: string): Promise<number | null> {
    const row = await tx.selectFrom('business_contexts').select((c) => c.fn.max('version').as('v')).where('workspace_id', '=', workspaceId).executeTakeFirst();
    return row?.v ?? null;
  }

  /** Version N+1; the caller holds the workspace lock, so N+1 is free. */
  async insertContext(tx: Tx, workspaceId: string, data: object, schemaVersion: number, userId: string): Promise<ContextRow> {
    return tx
      .insertInto('business_contexts')
      .values((eb) => ({
        workspace_id: workspaceId,
        version: eb
          .selectFrom('business_contexts')
          .select(sql<number>`coalesce(max(version), 0) + 1`.as('next'))
          .where('workspace_id', '=', workspaceId),
        data: JSON.stringify(data),
        schema_version: schemaVersion,
        created_by: userId,
      }))
      .returning(['version', 'data', 'schema_version', 'created_at'])
      .executeTakeFirstOrThrow() as Promise<ContextRow>;
  }

  async manifest(tx: Tx, workspaceId: string, version: number): Promise<ManifestRow | undefined> {
    const row = await tx
      .selectFrom('bcm_manifests')
      .select(['id', 'manifest', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      .where('version', '=', version)
      .executeTakeFirst();
    // jsonb comes back untyped; the checksum is verified by the caller before the manifest is served.
    return row && { ...row, manifest: row.manifest as unknown as BusinessContextManifest };
  }

  async versions(tx: Tx, workspaceId: string, limit: number): Promise<VersionRow[]> {
    return tx
      .selectFrom('bcm_manifests')
      .select(['version', 'checksum', 'source_context_version', 'schema_version', 'created_at'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('version', 'desc')
      .limit(limit)
      .execute();
  }

  /** Creates the state row if missing and marks a rebuild as running; visible once committed. */
  async markRebuilding(tx: Tx, workspaceId: string, jobId: string | null): Promise<void> {
    await tx
      .insertInto('bcm_state')
      .values({ workspace_id: workspaceId, status: 'rebuilding', last_job_id: jobId })
      .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ status: 'rebuilding', last_job_id: jobId, updated_at: sql`now()` }))
      .execute();
  }

  /** Locks the workspace's state row (one rebuild at a time) and returns the latest version. */
  async lockLatest(tx: Tx, workspaceId: string): Promise<number | null> {
    const row = await tx.selectFrom('bcm_state').select('latest_version').where('workspace_id', '=', workspaceId).forUpdate().executeTakeFirst();
    return row?.latest_version ?? null;
  }

  async insertManifest(tx: Tx, workspaceId: string, manifest: BusinessContextManifest): Promise<string> {
    const row = await tx
      .insertInto('bcm_manifests')
      .values({
        workspace_id: workspaceId,
        version: manifest.version,
        source_context_version: manifest.sourceContextVersion,
        schema_version: manifest.schemaVersion,
        manifest: JSON.stringify(manifest),
        checksum: manifest.checksum,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Ends a rebuild: idle, error cleared, pointing at `latestVersion`. */
  async markIdle(tx: Tx, workspaceId: string, latestVersion: number | null): Promise<void> {
    await tx
      .updateTable('bcm_state')
      .set({ latest_version: latestVersion, status: 'idle', last_error: null, updated_at: sql`now()` })
      .where('workspace_id', '=', workspaceId)
      .execute();
  }

  async markFailed(tx: Tx, workspaceId: string, message: string): Promise<void> {
    await tx
      .updateTable('bcm_state')
      .set({ status: 'failed', last_error: message, updated_at: sql`now()` })
      .where('workspace_id', '=', workspaceId)
      .execute();
  }

  async setEnrichment(tx: Tx, manifestId: string, enrichment: object): Promise<void> {
    await tx.updateTable('bcm_manifests').set({ enrichment: JSON.stringify(enrichment) }).where('id', '=', manifestId).execute();
  }
}
