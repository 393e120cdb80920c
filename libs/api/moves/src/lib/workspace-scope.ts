import { Injectable } from '@nestjs/common';
import { Database, Tx, UserClaims, WorkspaceAccess, WorkspaceGrant } from '@raptorflow/api-platform';
import { MovesError } from './moves.errors';

/**
 * Runs a use case as the user (RLS applies) in their current workspace, as WorkspaceAccess answers it: the
 * subscription must grant reading; `write` also refuses the read-only grace period (past_due).
 */
@Injectable()
export class WorkspaceScope {
  constructor(
    private readonly db: Database,
    private readonly access: WorkspaceAccess,
  ) {}

  read<T>(claims: UserClaims, fn: (tx: Tx, workspaceId: string, grant: WorkspaceGrant) => Promise<T>): Promise<T> {
    return this.scoped(claims, 'read', fn);
  }

  write<T>(claims: UserClaims, fn: (tx: Tx, workspaceId: string, grant: WorkspaceGrant) => Promise<T>): Promise<T> {
    return this.scoped(claims, 'write', fn);
  }

  private scoped<T>(claims: UserClaims, mode: 'read' | 'write', fn: (tx: Tx, workspaceId: string, grant: WorkspaceGrant) => Promise<T>): Promise<T> {
    return this.db.asUser(claims, async (tx) => {
      const grant = await this.access.of(tx, claims.sub);
      if (!grant) throw new MovesError('NOT_A_MEMBER', 'You are not a member of any workspace yet.');
      if (!grant.read) throw new MovesError('PAYMENT_REQUIRED', 'Choose a plan to use moves, campaigns and analytics.');
      if (mode === 'write' && !grant.write) throw new MovesError('PAYMENT_REQUIRED', 'Your subscription has lapsed; renew it to make changes.');
      return fn(tx, grant.workspaceId, grant);
    });
  }
}
