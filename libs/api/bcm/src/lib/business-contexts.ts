import { Injectable } from '@nestjs/common';
import { Tx } from '@raptorflow/api-platform';
import { BcmRepository, ContextRow } from './bcm.repository';

export type { ContextRow as BusinessContextRow } from './bcm.repository';

/**
 * The business_contexts table, owned by the BCM (it is what a manifest is built from). Onboarding writes a version
 * per finalize and reads the latest through this service, in its own transaction.
 */
@Injectable()
export class BusinessContexts {
  constructor(private readonly repo: BcmRepository) {}

  latest(tx: Tx, workspaceId: string): Promise<ContextRow | undefined> {
    return this.repo.latestContext(tx, workspaceId);
  }

  latestVersion(tx: Tx, workspaceId: string): Promise<number | null> {
    return this.repo.latestContextVersion(tx, workspaceId);
  }

  /** Appends version N+1; the caller holds the workspace lock. */
  append(tx: Tx, workspaceId: string, data: object, schemaVersion: number, userId: string): Promise<ContextRow> {
    return this.repo.insertContext(tx, workspaceId, data, schemaVersion, userId);
  }
}
