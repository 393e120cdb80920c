import { Injectable } from '@nestjs/common';
import type { Tx } from '@raptorflow/api-platform';
import type { BusinessContextManifest } from '@raptorflow/contracts';
import { BcmRepository, VersionRow } from './bcm.repository';

/** Versions listed by GET /context/bcm/versions and analytics, newest first. */
export const BCM_HISTORY_LIMIT = 100;

/** How other features (moves) read a workspace's manifests, in the caller's transaction (RLS applies). */
@Injectable()
export class BcmManifests {
  constructor(private readonly repo: BcmRepository) {}

  /** The newest manifest of the workspace, or null before the first build. */
  async latest(tx: Tx, workspaceId: string): Promise<BusinessContextManifest | null> {
    return (await this.repo.latestManifest(tx, workspaceId)) ?? null;
  }

  /** Newest first. */
  history(tx: Tx, workspaceId: string): Promise<VersionRow[]> {
    return this.repo.versions(tx, workspaceId, BCM_HISTORY_LIMIT);
  }
}
