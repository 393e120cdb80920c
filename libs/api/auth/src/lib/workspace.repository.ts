import { Injectable } from '@nestjs/common';
import { Tx } from '@raptorflow/api-platform';
import { sql } from 'kysely';

export interface MemberRow {
  user_id: string;
  email: string;
  full_name: string | null;
  role: 'owner' | 'admin' | 'member';
  created_at: Date;
}

export interface InvitationRow {
  id: string;
  email: string;
  role: 'admin' | 'member';
  created_at: Date;
  expires_at: Date;
}

export type OnboardingStatus = 'not_started' | 'in_progress' | 'completed';

export interface OwnerContact {
  email: string;
  fullName: string | null;
  workspaceName: string;
}

const INVITATION_COLUMNS = ['id', 'email', 'role', 'created_at', 'expires_at'] as const;

/** Workspace SQL; every method runs inside the caller's asUser transaction, so RLS applies. */
@Injectable()
export class WorkspaceRepository {
  /** `lock` takes the workspace row for update (finalize serializes on it). */
  async onboardingStatus(tx: Tx, workspaceId: string, lock = false): Promise<OnboardingStatus | undefined> {
    let query = tx.selectFrom('workspaces').select('onboarding_status').where('id', '=', workspaceId);
    if (lock) query = query.forUpdate();
    return (await query.executeTakeFirst())?.onboarding_status;
  }

  async completeOnboarding(tx: Tx, workspaceId: string): Promise<void> {
    await tx.updateTable('workspaces').set({ onboarding_status: 'completed' }).where('id', '=', workspaceId).execute();
  }

  contact(tx: Tx, workspaceId: string, userId: string | null): Promise<OwnerContact | undefined> {
    return tx
      .selectFrom('workspaces as w')
      .innerJoin('users as u', (j) => (userId ? j.on('u.id', '=', userId) : j.onRef('u.id', '=', 'w.owner_id')))
      .select(['u.email', 'u.full_name as fullName', 'w.name as workspaceName'])
      .where('w.id', '=', workspaceId)
      .executeTakeFirst();
  }

  async ucid(tx: Tx, userId: string): Promise<string | undefined> {
    return (await tx.selectFrom('users').select('ucid').where('id', '=', userId).executeTakeFirst())?.ucid;
  }

  rename(tx: Tx, workspaceId: string, name: string) {
    return tx.updateTable('workspaces').set({ name }).where('id', '=', workspaceId).executeTakeFirst();
  }

  members(tx: Tx, workspaceId: string): Promise<MemberRow[]> {
    return tx
      .selectFrom('workspace_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select(['m.user_id', 'u.email', 'u.full_name', 'm.role', 'm.created_at'])
      .where('m.workspace_id', '=', workspaceId)
      .orderBy(sql`array_position(array['owner','admin','member'], m.role)`)
      .orderBy('m.created_at')
      .execute();
  }

  invitations(tx: Tx, workspaceId: string): Promise<InvitationRow[]> {
    return tx
      .selectFrom('workspace_invitations')
      .select(INVITATION_COLUMNS)
      .where('workspace_id', '=', workspaceId)
      .where('expires_at', '>', sql<Date>`now()`)
      .orderBy('created_at')
      .execute();
  }

  async seatsTaken(tx: Tx, workspaceId: string): Promise<number> {
    const row = await tx
      .selectNoFrom((eb) => [
        eb.selectFrom('workspace_members').select(eb.fn.countAll<string>().as('n')).where('workspace_id', '=', workspaceId).as('members'),
        eb
          .selectFrom('workspace_invitations')
          .select(eb.fn.countAll<string>().as('n'))
          .where('workspace_id', '=', workspaceId)
          .where('expires_at', '>', sql<Date>`now()`)
          .as('invitations'),
      ])
      .executeTakeFirstOrThrow();
    return Number(row.members) + Number(row.invitations);
  }

  async isMemberEmail(tx: Tx, workspaceId: string, email: string): Promise<boolean> {
    const row = await tx
      .selectFrom('workspace_members as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .select('m.user_id')
      .where('m.workspace_id', '=', workspaceId)
      .where('u.email', '=', email)
      .executeTakeFirst();
    return !!row;
  }

  /** Null when an unexpired invitation for this email exists; an expired one is replaced. */
  async invite(tx: Tx, workspaceId: string, email: string, role: 'admin' | 'member', invitedBy: string, tokenHash: string): Promise<InvitationRow | null> {
    const row = await tx
      .insertInto('workspace_invitations')
      .values({ workspace_id: workspaceId, email, role, invited_by: invitedBy, token_hash: tokenHash })
      .onConflict((oc) =>
        oc
          .columns(['workspace_id', 'email'])
          .doUpdateSet({ role, invited_by: invitedBy, token_hash: tokenHash, expires_at: sql<Date>`default` })
          .where('workspace_invitations.expires_at', '<=', sql<Date>`now()`),
      )
      .returning(INVITATION_COLUMNS)
      .executeTakeFirst();
    return row ?? null;
  }

  /** Joins the calling user to the invitation's workspace (SQL function accept_invitation); its id. */
  async accept(tx: Tx, tokenHash: string): Promise<string> {
    const { rows } = await sql<{ workspace_id: string }>`select public.accept_invitation(${tokenHash}) as workspace_id`.execute(tx);
    return rows[0].workspace_id;
  }

  async memberRole(tx: Tx, workspaceId: string, userId: string): Promise<MemberRow['role'] | null> {
    const row = await tx
      .selectFrom('workspace_members')
      .select('role')
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.role ?? null;
  }

  async changeRole(tx: Tx, workspaceId: string, userId: string, role: 'admin' | 'member'): Promise<boolean> {
    const res = await tx.updateTable('workspace_members').set({ role }).where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async removeMember(tx: Tx, workspaceId: string, userId: string): Promise<boolean> {
    const res = await tx.deleteFrom('workspace_members').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  }

  async deleteInvitation(tx: Tx, workspaceId: string, id: string): Promise<boolean> {
    const res = await tx.deleteFrom('workspace_invitations').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  }
}
