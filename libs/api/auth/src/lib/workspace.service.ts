import { Injectable } from '@nestjs/common';
import { emailMessage, invitationEmail } from '@raptorflow/api-email';
import { AppConfig, Database, NotFoundError, ReadCache, Tx, UserClaims, WorkspaceAccess } from '@raptorflow/api-platform';
import {
  CreatedWorkspaceInvitation,
  findPlan,
  InvitationPreview,
  VerifyProfileResponse,
  Workspace,
  WorkspaceInvitation,
  WorkspaceMembers,
  WorkspaceMembership,
  WorkspaceRole,
} from '@raptorflow/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { AuthError } from './auth.errors';
import { currentWorkspace, ProfileRepository, WorkspaceRow } from './profile.repository';
import { toVerifyProfileResponse } from './profile.service';
import { InvitationRow, WorkspaceRepository } from './workspace.repository';

const MANAGERS: WorkspaceRole[] = ['owner', 'admin'];

function toWorkspace(row: WorkspaceRow): Workspace {
  return {
    id: row.id,
    name: row.name,
    ownerId: row.owner_id,
    role: row.role,
    onboardingStatus: row.onboarding_status,
    createdAt: row.created_at.toISOString(),
  };
}

function toInvitation(row: InvitationRow): WorkspaceInvitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    lastSentAt: row.last_sent_at?.toISOString() ?? null,
  };
}

// An invitation is a bearer secret for its address: 32 random bytes, of which only the SHA-256 is stored.
const newInvitationToken = () => randomBytes(32).toString('base64url');
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// accept_invitation's refusals (supabase/migrations/*_invitation_accept.sql, raised with these hints).
const ACCEPT_REFUSALS: Record<string, () => AuthError> = {
  invitation_not_found: () => new AuthError('INVITATION_NOT_FOUND', 'This invitation does not exist or has already been used.'),
  invitation_expired: () => new AuthError('INVITATION_EXPIRED', 'This invitation has expired. Ask for a new one.'),
  email_not_confirmed: () => new AuthError('EMAIL_NOT_CONFIRMED', 'Confirm your e-mail address first, then accept the invitation.'),
  invitation_email_mismatch: () => new AuthError('INVITATION_EMAIL_MISMATCH', 'This invitation is for another e-mail address. Sign in with the invited address.'),
  already_member: () => new AuthError('ALREADY_MEMBER', 'You are already a member of this workspace.'),
};
const SEAT_LIMIT_CONSTRAINT = 'workspace_members_seat_limit';

// owe_invitation_mail's refusals (supabase/migrations/*_invitation_mail.sql).
const MAIL_REFUSALS: Record<string, () => AuthError> = {
  invitation_not_found: () => new AuthError('INVITATION_NOT_FOUND', 'This invitation does not exist or has already been used.'),
  role_required: () => new AuthError('ROLE_REQUIRED', 'Only the workspace owner or admin can send invitations.'),
  invitation_resend_too_soon: () => new AuthError('INVITATION_RESEND_TOO_SOON', 'This invitation was mailed less than a minute ago. Wait a minute, then send it again.'),
};

// The key of one mail for one token of one invitation; its emailJobId is public.invitation_mail_job_id's.
const invitationMailKey = (invitationId: string, tokenHash: string) => `invitation/${invitationId}/${tokenHash.slice(0, 16)}`;

// How an invitation names who sent it, in the mail and on the link's page.
const inviterName = (fullName: string | null | undefined, email: string | null | undefined) => fullName?.trim() || email || 'A teammate';

/** The signed-in user's current workspace and its members; role rules here, RLS as the backstop. */
@Injectable()
export class WorkspaceService {
  constructor(
    private readonly db: Database,
    private readonly workspaces: WorkspaceRepository,
    private readonly readCache: ReadCache,
    private readonly access: WorkspaceAccess,
    private readonly profiles: ProfileRepository,
    private readonly config: AppConfig,
  ) {}

  get(claims: UserClaims): Promise<Workspace> {
    return this.inWorkspace(claims, async (_, ws) => toWorkspace(ws));
  }

  rename(claims: UserClaims, name: string): Promise<Workspace> {
    return this.inWorkspace(claims, async (tx, ws) => {
      requireRole(ws, MANAGERS, 'rename the workspace');
      await this.workspaces.rename(tx, ws.id, name);
      return toWorkspace({ ...ws, name });
    });
  }

  members(claims: UserClaims): Promise<WorkspaceMembers> {
    return this.inWorkspace(claims, async (tx, ws) => ({
      members: (await this.workspaces.members(tx, ws.id)).map((m) => ({
        userId: m.user_id,
        email: m.email,
        fullName: m.full_name,
        role: m.role,
        joinedAt: m.created_at.toISOString(),
      })),
      // RLS shows invitations to owners and admins only.
      invitations: (await this.workspaces.invitations(tx, ws.id)).map(toInvitation),
    }));
  }

  invite(claims: UserClaims, email: string, role: 'admin' | 'member'): Promise<CreatedWorkspaceInvitation> {
    return this.inWorkspace(claims, async (tx, ws) => {
      requireRole(ws, MANAGERS, 'invite members');
      if (await this.workspaces.isMemberEmail(tx, ws.id, email)) throw new AuthError('ALREADY_MEMBER', `${email} is already a member.`);
      const seats = findPlan((await this.access.subscription(tx, ws.id))?.plan_id ?? '')?.seats ?? 1;
      if ((await this.workspaces.seatsTaken(tx, ws.id)) >= seats) {
        throw new AuthError('SEAT_LIMIT_REACHED', `Your plan has ${seats} seat${seats === 1 ? '' : 's'}, all taken. Upgrade to invite more people.`);
      }
      const token = newInvitationToken();
      const invitation = await this.workspaces.invite(tx, ws.id, email, role, claims.sub, hashToken(token));
      if (!invitation) throw new AuthError('ALREADY_INVITED', `${email} has already been invited.`);
      return { ...toInvitation(await this.oweMail(tx, claims, ws, invitation, token)), token };
    });
  }

  /** A new mail with a new link (the old one dies) and 7 more days; at most one a minute per invitation. */
  resendInvitation(claims: UserClaims, id: string): Promise<WorkspaceInvitation> {
    return this.inWorkspace(claims, async (tx, ws) => {
      requireRole(ws, MANAGERS, 'resend invitations');
      const token = newInvitationToken();
      const invitation = await this.workspaces.renewToken(tx, ws.id, id, hashToken(token));
      if (!invitation) throw new NotFoundError('Invitation');
      return toInvitation(await this.oweMail(tx, claims, ws, invitation, token));
    });
  }

  /** What a valid link shows before anyone signs in: the workspace, the inviter and the invited address. */
  async preview(token: string): Promise<InvitationPreview> {
    const row = await this.db.asServiceStatement((db) => this.workspaces.preview(db, hashToken(token)));
    if (!row) throw ACCEPT_REFUSALS['invitation_not_found']();
    if (row.expires_at <= new Date()) throw ACCEPT_REFUSALS['invitation_expired']();
    return {
      workspaceName: row.workspace_name,
      inviterName: inviterName(row.inviter_name, row.inviter_email),
      email: row.email,
      role: row.role,
      expiresAt: row.expires_at.toISOString(),
    };
  }

  /** The workspaces the user belongs to, for the switcher. */
  workspacesOf(claims: UserClaims): Promise<WorkspaceMembership[]> {
    return this.db.asUser(claims, async (tx) => {
      const current = await currentWorkspace(tx, claims.sub);
      return (await this.workspaces.memberships(tx, claims.sub)).map((m) => ({ ...m, current: m.id === current?.id }));
    });
  }

  /** Makes a workspace the user belongs to their current one; every page then follows it. */
  async switchTo(claims: UserClaims, workspaceId: string): Promise<VerifyProfileResponse> {
    await this.db.asUser(claims, async (tx) => {
      if (!(await this.workspaces.memberRole(tx, workspaceId, claims.sub))) throw new AuthError('NOT_A_MEMBER', 'You are not a member of this workspace.');
      // users_update's check refuses a workspace the user is not a member of, should this check ever be skipped.
      await this.workspaces.setCurrentWorkspace(tx, claims.sub, workspaceId);
    });
    // Copies remembered for this user (verify-profile, the manifest, access) belong to the old workspace.
    await this.readCache.announce(workspaceId, claims.sub).catch(() => undefined);
    const snapshot = await this.profiles.snapshot(claims);
    if (!snapshot) throw new AuthError('ACCOUNT_NOT_FOUND', 'This account has no profile.');
    return toVerifyProfileResponse(snapshot, new Date());
  }

  // The invitation's mail, in the transaction that made its token: no invitation without the mail it owes.
  private async oweMail(tx: Tx, claims: UserClaims, ws: WorkspaceRow, invitation: InvitationRow, token: string): Promise<InvitationRow> {
    const inviter = await this.workspaces.userName(tx, claims.sub);
    const mail = invitationEmail({
      workspaceName: ws.name,
      inviterName: inviterName(inviter?.full_name, inviter?.email),
      role: invitation.role,
      acceptUrl: `${this.config.WEB_URL}/invite/${token}`,
      expiresAt: invitation.expires_at,
    });
    const key = invitationMailKey(invitation.id, hashToken(token));
    try {
      await this.workspaces.oweMail(tx, invitation.id, token, emailMessage(invitation.email, mail, key));
    } catch (error) {
      const refusal = MAIL_REFUSALS[(error as { hint?: string }).hint ?? ''];
      throw refusal ? refusal() : error;
    }
    return { ...invitation, last_sent_at: new Date() };
  }

  /**
   * The invitee's own acceptance: signed in with the invited, confirmed address, within 7 days, once. The joined
   * workspace becomes the current one.
   */
  async accept(claims: UserClaims, token: string): Promise<Workspace> {
    const workspaceId = await this.db.asUser(claims, (tx) => this.workspaces.accept(tx, hashToken(token))).catch((error: { hint?: string; constraint?: string }) => {
      const refusal = ACCEPT_REFUSALS[error.hint ?? ''];
      if (refusal) throw refusal();
      if (error.constraint === SEAT_LIMIT_CONSTRAINT) throw new AuthError('SEAT_LIMIT_REACHED', 'This workspace has no free seat. Ask its owner to upgrade the plan.');
      throw error;
    });
    // The next requests (verify-profile) must see the new membership, before the change notification lands.
    await this.readCache.announce(workspaceId, claims.sub).catch(() => undefined);
    return this.get(claims);
  }

  changeRole(claims: UserClaims, userId: string, role: 'admin' | 'member'): Promise<void> {
    return this.inWorkspace(claims, async (tx, ws) => {
      requireRole(ws, MANAGERS, 'change roles');
      await this.requireChangeableMember(tx, ws.id, userId);
      await this.workspaces.changeRole(tx, ws.id, userId, role);
    });
  }

  removeMember(claims: UserClaims, userId: string): Promise<void> {
    return this.inWorkspace(claims, async (tx, ws) => {
      // Anyone but the owner may leave; removing someone else takes an owner or admin.
      if (userId !== claims.sub) requireRole(ws, MANAGERS, 'remove members');
      await this.requireChangeableMember(tx, ws.id, userId);
      await this.workspaces.removeMember(tx, ws.id, userId);
    });
  }

  revokeInvitation(claims: UserClaims, id: string): Promise<void> {
    return this.inWorkspace(claims, async (tx, ws) => {
      requireRole(ws, MANAGERS, 'revoke invitations');
      if (!(await this.workspaces.deleteInvitation(tx, ws.id, id))) throw new NotFoundError('Invitation');
    });
  }

  private async requireChangeableMember(tx: Tx, workspaceId: string, userId: string): Promise<void> {
    const role = await this.workspaces.memberRole(tx, workspaceId, userId);
    if (!role) throw new NotFoundError('Member');
    if (role === 'owner') throw new AuthError('OWNER_IMMUTABLE', 'The owner cannot be changed or removed.');
  }

  private inWorkspace<T>(claims: UserClaims, fn: (tx: Tx, ws: WorkspaceRow) => Promise<T>): Promise<T> {
    return this.db.asUser(claims, async (tx) => {
      const ws = await currentWorkspace(tx, claims.sub);
      if (!ws) throw new AuthError('NOT_A_MEMBER', 'You are not a member of any workspace yet.');
      return fn(tx, ws);
    });
  }
}

function requireRole(ws: WorkspaceRow, roles: WorkspaceRole[], action: string): void {
  if (!roles.includes(ws.role)) throw new AuthError('ROLE_REQUIRED', `Only the workspace ${roles.join(' or ')} can ${action}.`);
}
