import { Injectable, Module } from '@nestjs/common';
import { Tx } from '@raptorflow/api-platform';
import { OnboardingStatus, OwnerContact, WorkspaceRepository } from './workspace.repository';

export type { OnboardingStatus, OwnerContact } from './workspace.repository';

/**
 * What other features read or change of the users, workspaces and members this library owns, in the caller's
 * transaction: onboarding its status (the onboarding_drafts insert trigger moves not_started to in_progress),
 * payments and billing whom to write to and the UCID.
 */
@Injectable()
export class WorkspaceDirectory {
  constructor(private readonly workspaces: WorkspaceRepository) {}

  /** `lock` takes the workspace row for update. */
  onboardingStatus(tx: Tx, workspaceId: string, lock = false): Promise<OnboardingStatus | undefined> {
    return this.workspaces.onboardingStatus(tx, workspaceId, lock);
  }

  completeOnboarding(tx: Tx, workspaceId: string): Promise<void> {
    return this.workspaces.completeOnboarding(tx, workspaceId);
  }

  /** The user's e-mail and name (the workspace owner's when `userId` is null), and the workspace's name. */
  contact(tx: Tx, workspaceId: string, userId: string | null): Promise<OwnerContact | undefined> {
    return this.workspaces.contact(tx, workspaceId, userId);
  }

  ucid(tx: Tx, userId: string): Promise<string | undefined> {
    return this.workspaces.ucid(tx, userId);
  }
}

/** WorkspaceDirectory without the auth controllers or guard (the worker imports it too). */
@Module({ providers: [WorkspaceRepository, WorkspaceDirectory], exports: [WorkspaceDirectory] })
export class WorkspaceDirectoryModule {}
