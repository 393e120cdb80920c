import type { WorkspaceMember, WorkspaceRole } from '@raptorflow/contracts';

/** What the settings page lets a role do (domain.md "Identity roles"); the API enforces the same rules. */
export interface SettingsPermissions {
  canRename: boolean;
  canManageMembers: boolean;
  canRebuild: boolean;
  /** Reading and exporting the manifest is open to every member. */
  canExport: boolean;
}

const MANAGERS: readonly WorkspaceRole[] = ['owner', 'admin'];

/** A read-only (past_due) workspace may be read and exported but not changed. */
export function settingsPermissions(role: WorkspaceRole | null, readOnly: boolean): SettingsPermissions {
  const isManager = role !== null && MANAGERS.includes(role) && !readOnly;
  return { canRename: isManager, canManageMembers: isManager, canRebuild: isManager, canExport: role !== null };
}

/** The owner is never changed or removed here, and nobody edits their own role. */
export function canEditMember(permissions: SettingsPermissions, member: WorkspaceMember, currentUserId: string | null): boolean {
  return permissions.canManageMembers && member.role !== 'owner' && member.userId !== currentUserId;
}
