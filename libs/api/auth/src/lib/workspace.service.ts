import { Injectable } from '@nestjs/common';
import { Database, NotFoundError, ReadCache, Tx, UserClaims, WorkspaceAccess } from '@raptorflow/api-platform';
import { CreatedWorkspaceInvitation, findPlan, Workspace, WorkspaceInvitation, WorkspaceMembers, WorkspaceRole } from '@raptorflow/contracts';
import { createHash, randomBytes } from 'node:crypto';
import { AuthError } from './auth.errors';
import { currentWorkspace, WorkspaceRow } from './profile.repository';
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
  return { id: row.id, email: row.email, role: row.role, createdAt: row.created_at.toISOString(), expiresAt: row.expires_at.toISOString() };
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

/** The signed-in user's current workspace and its members; role rules here, RLS as the backstop. */
@Injectable()
export class WorkspaceService {
  constructor(
    private readonly db: Database,
    private readonly workspaces: WorkspaceRepository,
    private readonly readCache: ReadCache,
    private readonly access: WorkspaceAccess,
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
      return { ...toInvitation(invitation), token };
    });
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
