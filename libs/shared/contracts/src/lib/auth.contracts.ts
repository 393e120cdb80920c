// Identity and routing types shared by the API and the web app.

export const WORKSPACE_ROLES = ['owner', 'admin', 'member'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

export const ONBOARDING_STATUSES = ['not_started', 'in_progress', 'completed'] as const;
export type OnboardingStatus = (typeof ONBOARDING_STATUSES)[number];

export const SUBSCRIPTION_STATUSES = ['trialing', 'active', 'past_due', 'expired', 'cancelled'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** The one page a signed-in user may see next (domain.md "Where a user goes next"). */
export type NextStep = 'payment' | 'onboarding' | 'app';

export const NEXT_STEP_PATHS: Record<NextStep | 'login', string> = {
  login: '/login',
  payment: '/onboarding/payment',
  onboarding: '/onboarding',
  app: '/app/dashboard',
};

export interface Profile {
  id: string;
  email: string;
  fullName: string | null;
  ucid: string;
  createdAt: string;
}

export interface Workspace {
  id: string;
  name: string;
  ownerId: string;
  role: WorkspaceRole;
  onboardingStatus: OnboardingStatus;
  createdAt: string;
}

export interface SubscriptionSummary {
  status: SubscriptionStatus | 'none';
  planId: string | null;
  period: 'month' | 'year' | null;
  currentPeriodEnd: string | null;
  trialEndsAt: string | null;
  /** True when the app may only be read (past_due grace period). */
  readOnly: boolean;
}

export interface VerifyProfileResponse {
  profile: Profile;
  workspace: Workspace;
  subscription: SubscriptionSummary;
  onboarding: { status: OnboardingStatus };
  next: NextStep;
}

export interface WorkspaceMember {
  userId: string;
  email: string;
  fullName: string | null;
  role: WorkspaceRole;
  joinedAt: string;
}

export interface WorkspaceInvitation {
  id: string;
  email: string;
  role: Exclude<WorkspaceRole, 'owner'>;
  createdAt: string;
  expiresAt: string;
  /** When its mail was last written for sending; null for one made without a mail. */
  lastSentAt: string | null;
}

/** What GET /api/v1/invitations/:token shows the holder of a valid link, and nothing more. */
export interface InvitationPreview {
  workspaceName: string;
  inviterName: string;
  email: string;
  role: Exclude<WorkspaceRole, 'owner'>;
  expiresAt: string;
}

/** One workspace the user belongs to (GET /api/v1/workspaces), for the shell's switcher. */
export interface WorkspaceMembership {
  id: string;
  name: string;
  role: WorkspaceRole;
  current: boolean;
}

/** A new invitation with its secret: shown once, for the invitee's POST /api/v1/invitations/:token/accept. */
export interface CreatedWorkspaceInvitation extends WorkspaceInvitation {
  token: string;
}

export interface WorkspaceMembers {
  members: WorkspaceMember[];
  invitations: WorkspaceInvitation[];
}

/** What the browser needs to talk to Supabase Auth; served by GET /api/v1/public-config. */
export interface PublicConfig {
  supabaseUrl: string;
  supabasePublishableKey: string;
}

/** The error body every API error has. */
export interface ApiError {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}
