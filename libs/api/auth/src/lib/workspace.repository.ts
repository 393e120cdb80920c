import { Injectable } from '@nestjs/common';
import { Queryable, Tx } from '@raptorflow/api-platform';
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
  last_sent_at: Date | null;
}

export type OnboardingStatus = 'not_started' | 'in_progress' | 'completed';

export interface OwnerContact {
  email: string;
  fullName: string | null;
  workspaceName: string;
}


/** What an invitation's link may show before it is accepted: whose workspace, who invites, for which address. */
export interface InvitationPreviewRow {
  email: string;
  role: 'admin' | 'member';
  expires_at: Date;
  workspace_name: string;
  inviter_name: string | null;
  inviter_email: string | null;
}

export interface MembershipRow {
  id: string;
  name: string;
  role: 'owner' | 'admin' | 'member';
}

const INVITATION_COLUMNS = ['id', 'email', 'role', 'created_at', 'expires_at', 'last_sent_at'] as const;

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

  /** A new token for a pending invitation (a resend): the old link dies, the new one has 7 more days. */
  async renewToken(tx: Tx, workspaceId: string, id: string, tokenHash: string): Promise<InvitationRow | null> {
    const row = await tx
      .updateTable('workspace_invitations')
      .set({ token_hash: tokenHash, expires_at: sql<Date>`now() + interval '7 days'` })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .returning(INVITATION_COLUMNS)
      .executeTakeFirst();
    return row ?? null;
  }

  /** Writes the invitation's mail to the outbox (SQL function owe_invitation_mail checks it is this invitation's). */
  async oweMail(tx: Tx, invitationId: string, token: string, job: unknown): Promise<void> {
    await sql`select public.owe_invitation_mail(${invitationId}::uuid, ${token}, ${JSON.stringify(job)}::jsonb)`.execute(tx);
  }

  async userName(tx: Tx, userId: string): Promise<{ full_name: string | null; email: string } | undefined> {
    return tx.selectFrom('users').select(['full_name', 'email']).where('id', '=', userId).executeTakeFirst();
  }

  /** Service path (the link is opened before anyone signs in): the token's hash finds at most one invitation. */
  preview(db: Queryable, tokenHash: string): Promise<InvitationPreviewRow | undefined> {
    return db
      .selectFrom('workspace_invitations as i')
      .innerJoin('workspaces as w', 'w.id', 'i.workspace_id')
      .leftJoin('users as u', 'u.id', 'i.invited_by')
      .select(['i.email', 'i.role', 'i.expires_at', 'w.name as workspace_name', 'u.full_name as inviter_name', 'u.email as inviter_email'])
      .where('i.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  /** Every workspace the user belongs to, their own first. */
  memberships(tx: Tx, userId: string): Promise<MembershipRow[]> {
    return tx
      .selectFrom('workspace_members as m')
      .innerJoin('workspaces as w', 'w.id', 'm.workspace_id')
      .select(['w.id', 'w.name', 'm.role'])
      .where('m.user_id', '=', userId)
      .orderBy(sql`m.role = 'owner'`, 'desc')
      .orderBy('m.created_at')
      .execute();
  }

  async setCurrentWorkspace(tx: Tx, userId: string, workspaceId: string): Promise<void> {
    await tx.updateTable('users').set({ current_workspace_id: workspaceId }).where('id', '=', userId).execute();
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
