import { Injectable } from '@nestjs/common';
import { effectiveSubscriptionStatus, grantsAccess, grantsWrite, SubscriptionStatus, WorkspaceRole } from '@raptorflow/contracts';
import { currentWorkspaceId } from '../db/current-workspace';
import { Database, Tx, UserClaims } from '../db/database';
import { ReadCache, userTag, workspaceTag } from '../db/read-cache';
import { NotFoundError, OwnerRequiredError } from '../errors/app-error';

/** What the caller may do in their current workspace right now. */
export interface WorkspaceGrant {
  workspaceId: string;
  role: WorkspaceRole;
  planId: string | null;
  /** The subscription's status at the time asked ('none' before the first payment). */
  subscription: SubscriptionStatus | 'none';
  /** See the workspace's data: trialing, active, cancelled until its period ends, and past_due. */
  read: boolean;
  /** Change it: as read, except during the past_due grace period (read-only). Expired: neither. */
  write: boolean;
}

/** A workspace's subscription as stored (payments writes it; this is the one reader outside payments). */
export interface SubscriptionRow {
  plan_id: 'starter' | 'growth' | 'pro';
  period: 'month' | 'year';
  status: SubscriptionStatus;
  current_period_end: Date;
  trial_ends_at: Date | null;
}

interface MembershipRow {
  workspace_id: string;
  role: WorkspaceRole;
  plan_id: string | null;
  status: SubscriptionStatus | null;
  current_period_end: Date | null;
}

/**
 * The one answer to "which workspace is current, what is my role there, what does its subscription allow": the
 * database's public.current_workspace_id picks the workspace. Read in the caller's transaction, or (hot paths)
 * remembered per user by the ReadCache, which drops it on any change of membership, workspace or subscription.
 */
@Injectable()
export class WorkspaceAccess {
  constructor(
    private readonly db: Database,
    private readonly readCache: ReadCache,
  ) {}

  /** The caller's grant, read in their transaction (so it holds for what the transaction does); null without a workspace. */
  async of(tx: Tx, userId: string, now = new Date()): Promise<WorkspaceGrant | null> {
    const row = await membership(tx, userId);
    return row ? toGrant(row, now) : null;
  }

  /** The caller's grant when they own their current workspace, whatever its subscription; else 404 (no workspace) or 403 OWNER_REQUIRED. */
  async owned(tx: Tx, userId: string, action: string): Promise<WorkspaceGrant> {
    const grant = await this.of(tx, userId);
    if (!grant) throw new NotFoundError('Workspace');
    if (grant.role !== 'owner') throw new OwnerRequiredError(action);
    return grant;
  }

  /** The workspace's subscription as stored, read in the caller's transaction (RLS applies); null before the first payment. */
  async subscription(tx: Tx, workspaceId: string): Promise<SubscriptionRow | null> {
    const row = await tx
      .selectFrom('subscriptions')
      .select(['plan_id', 'period', 'status', 'current_period_end', 'trial_ends_at'])
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return (row as SubscriptionRow | undefined) ?? null;
  }

  /** The same, remembered per user by the ReadCache for the hot paths (onboarding saves). */
  async current(claims: UserClaims, now = new Date()): Promise<WorkspaceGrant | null> {
    const row = await this.readCache.get(
      `access:${claims.sub}`,
      () => this.db.asUser(claims, (tx) => membership(tx, claims.sub)),
      (found) => (found ? [userTag(claims.sub), workspaceTag(found.workspace_id)] : [userTag(claims.sub)]),
    );
    // Decided on every call: a remembered grant may have lapsed with the clock since.
    return row ? toGrant(row, now) : null;
  }
}

async function membership(tx: Tx, userId: string): Promise<MembershipRow | null> {
  const row = await tx
    .selectFrom('workspaces as w')
    .innerJoin('workspace_members as m', (j) => j.onRef('m.workspace_id', '=', 'w.id').on('m.user_id', '=', userId))
    .leftJoin('subscriptions as s', 's.workspace_id', 'w.id')
    .select(['w.id as workspace_id', 'm.role', 's.plan_id', 's.status', 's.current_period_end'])
    .where('w.id', '=', currentWorkspaceId(userId))
    .executeTakeFirst();
  return (row as MembershipRow | undefined) ?? null;
}

function toGrant(row: MembershipRow, now: Date): WorkspaceGrant {
  const subscription = row.status && row.current_period_end ? effectiveSubscriptionStatus({ status: row.status, currentPeriodEnd: row.current_period_end }, now) : 'none';
  return { workspaceId: row.workspace_id, role: row.role, planId: row.plan_id, subscription, read: grantsAccess(subscription), write: grantsWrite(subscription) };
}
