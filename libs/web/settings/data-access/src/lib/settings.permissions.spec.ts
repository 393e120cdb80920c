import type { WorkspaceMember } from '@raptorflow/contracts';
import { canEditMember, settingsPermissions } from './settings.permissions';

const member = (overrides: Partial<WorkspaceMember>): WorkspaceMember => ({ userId: 'u-2', email: 'm@example.com', fullName: null, role: 'member', joinedAt: '2026-11-01T00:00:00Z', ...overrides });

describe('settings permissions', () => {
  it.each([
    ['owner', false, { canRename: true, canManageMembers: true, canRebuild: true, canExport: true }],
    ['admin', false, { canRename: true, canManageMembers: true, canRebuild: true, canExport: true }],
    ['member', false, { canRename: false, canManageMembers: false, canRebuild: false, canExport: true }],
    ['owner', true, { canRename: false, canManageMembers: false, canRebuild: false, canExport: true }],
  ] as const)('%s (read-only: %s)', (role, readOnly, expected) => {
    expect(settingsPermissions(role, readOnly)).toEqual(expected);
  });

  it('gives no rights without a role', () => {
    expect(settingsPermissions(null, false)).toEqual({ canRename: false, canManageMembers: false, canRebuild: false, canExport: false });
  });

  it('never lets anyone edit the owner or their own role', () => {
    const admin = settingsPermissions('admin', false);
    expect(canEditMember(admin, member({}), 'u-1')).toBe(true);
    expect(canEditMember(admin, member({ role: 'owner' }), 'u-1')).toBe(false);
    expect(canEditMember(admin, member({ userId: 'u-1', role: 'admin' }), 'u-1')).toBe(false);
    expect(canEditMember(settingsPermissions('member', false), member({}), 'u-1')).toBe(false);
  });
});
