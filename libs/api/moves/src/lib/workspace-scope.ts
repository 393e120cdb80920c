import { Injectable } from '@nestjs/common';
import { currentWorkspaceId, Database, Tx, UserClaims } from '@raptorflow/api-platform';
import { BusinessContextManifest, effectiveSubscriptionStatus, grantsAccess } from '@raptorflow/contracts';
import { MovesError } from './moves.errors';

/**
 * Runs a use case as the user (RLS applies) in their current workspace, and reads its manifests. The workspace's
 * subscription must grant access; `write` also refuses the read-only grace period (past_due).
 */
@Injectable()
export class WorkspaceScope {
  constructor(private readonly db: Database) {}

  read<T>(claims: UserClaims, fn: (tx: Tx, workspaceId: string) => Promise<T>): Promise<T> {
    return this.scoped(claims, 'read', fn);
  }

  write<T>(claims: UserClaims, fn: (tx: Tx, workspaceId: string) => Promise<T>): Promise<T> {
    return this.scoped(claims, 'write', fn);
  }

  private scoped<T>(claims: UserClaims, mode: 'read' | 'write', fn: (tx: Tx, workspaceId: string) => Promise<T>): Promise<T> {
    return this.db.asUser(claims, async (tx) => {
      const workspaceId = await currentWorkspaceIdOf(tx, claims.sub);
      if (!workspaceId) throw new MovesError('NOT_A_MEMBER', 'You are not a member of any workspace yet.');
      const subscription = await tx.selectFrom('subscriptions').select(['status', 'current_period_end']).where('workspace_id', '=', workspaceId).executeTakeFirst();
      const status = subscription ? effectiveSubscriptionStatus({ status: subscription.status, currentPeriodEnd: subscription.current_period_end }, new Date()) : 'none';
      if (!grantsAccess(status)) throw new MovesError('PAYMENT_REQUIRED', 'Choose a plan to use moves, campaigns and analytics.');
      if (mode === 'write' && status === 'past_due') throw new MovesError('PAYMENT_REQUIRED', 'Your subscription has lapsed; renew it to make changes.');
      return fn(tx, workspaceId);
    });
  }

  /** The newest manifest of the workspace, or null before the first build. */
  async latestManifest(tx: Tx, workspaceId: string): Promise<BusinessContextManifest | null> {
    const row = await tx
      .selectFrom('bcm_manifests')
      .select('manifest')
      .where('workspace_id', '=', workspaceId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return (row?.manifest as unknown as BusinessContextManifest | undefined) ?? null;
  }

  /** Newest first. */
  manifestVersions(tx: Tx, workspaceId: string): Promise<{ version: number; created_at: Date }[]> {
    return tx.selectFrom('bcm_manifests').select(['version', 'created_at']).where('workspace_id', '=', workspaceId).orderBy('version', 'desc').limit(100).execute();
  }
}

async function currentWorkspaceIdOf(tx: Tx, userId: string): Promise<string | undefined> {
  const row = await tx.selectNoFrom(currentWorkspaceId(userId).as('id')).executeTakeFirst();
  return row?.id ?? undefined;
}
