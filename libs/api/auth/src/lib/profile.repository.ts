import { Injectable } from '@nestjs/common';
import { currentWorkspaceId, Database, SubscriptionRow, Tx, UserClaims, WorkspaceAccess } from '@raptorflow/api-platform';
import { sql } from 'kysely';

export interface ProfileRow {
  id: string;
  email: string;
  full_name: string | null;
  ucid: string;
  created_at: Date;
}

export interface WorkspaceRow {
  id: string;
  name: string;
  owner_id: string;
  onboarding_status: 'not_started' | 'in_progress' | 'completed';
  created_at: Date;
  role: 'owner' | 'admin' | 'member';
}

export interface ProfileSnapshot {
  profile: ProfileRow;
  workspace: WorkspaceRow;
  subscription: SubscriptionRow | null;
}

@Injectable()
export class ProfileRepository {
  constructor(
    private readonly db: Database,
    private readonly access: WorkspaceAccess,
  ) {}

  /** Service path: creates what is missing (idempotent; the function locks per user). False if no such auth user. */
  async ensure(userId: string): Promise<boolean> {
    return this.db.asService(async (tx) => {
      const exists = await tx.selectFrom('auth.users').select('id').where('id', '=', userId).executeTakeFirst();
      if (!exists) return false;
      await sql`select public.ensure_profile(${userId}::uuid)`.execute(tx);
      return true;
    });
  }

  /** Removes the auth user; the database cascades to the profile, owned workspaces and their data. */
  async deleteAccount(userId: string): Promise<void> {
    await this.db.asService((tx) => tx.deleteFrom('auth.users').where('id', '=', userId).execute());
  }

  /** Everything verify-profile needs, read as the user so RLS applies. */
  snapshot(claims: UserClaims): Promise<ProfileSnapshot | null> {
    return this.db.asUser(claims, async (tx) => {
      const profile = await tx
        .selectFrom('users')
        .select(['id', 'email', 'full_name', 'ucid', 'created_at'])
        .where('id', '=', claims.sub)
        .executeTakeFirst();
      if (!profile) return null;
      const workspace = await currentWorkspace(tx, claims.sub);
      if (!workspace) return null;
      const subscription = await this.access.subscription(tx, workspace.id);
      return {
        profile: { id: profile.id, email: profile.email, full_name: profile.full_name, ucid: profile.ucid, created_at: profile.created_at },
        workspace,
        subscription,
      };
    });
  }
}

/** The user's current workspace with their role there. */
export function currentWorkspace(tx: Tx, userId: string): Promise<WorkspaceRow | undefined> {
  return tx
    .selectFrom('workspaces as w')
    .innerJoin('workspace_members as m', (j) => j.onRef('m.workspace_id', '=', 'w.id').on('m.user_id', '=', userId))
    .select(['w.id', 'w.name', 'w.owner_id', 'w.onboarding_status', 'w.created_at', 'm.role'])
    .where('w.id', '=', currentWorkspaceId(userId))
    .executeTakeFirst();
}
