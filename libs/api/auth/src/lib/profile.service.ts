import { Injectable } from '@nestjs/common';
import { AppError, ReadCache, UserClaims, userTag, workspaceTag } from '@raptorflow/api-platform';
import {
  effectiveSubscriptionStatus,
  grantsAccess,
  grantsWrite,
  NextStep,
  SubscriptionSummary,
  VerifyProfileResponse,
} from '@raptorflow/contracts';
import { AuthError } from './auth.errors';
import { isRecentlyAuthenticated } from './recent-authentication';
import { ProfileRepository, ProfileSnapshot } from './profile.repository';

/** Where a user goes next (domain.md): pay, then onboard, then the app. */
export function nextStep(subscription: SubscriptionSummary, onboardingStatus: string): NextStep {
  if (!grantsAccess(subscription.status)) return 'payment';
  return onboardingStatus === 'completed' ? 'app' : 'onboarding';
}

export function toVerifyProfileResponse({ profile, workspace, subscription }: ProfileSnapshot, now: Date): VerifyProfileResponse {
  const status = subscription ? effectiveSubscriptionStatus({ status: subscription.status, currentPeriodEnd: subscription.current_period_end }, now) : 'none';
  const summary: SubscriptionSummary = {
    status,
    planId: subscription?.plan_id ?? null,
    period: subscription?.period ?? null,
    currentPeriodEnd: subscription?.current_period_end.toISOString() ?? null,
    trialEndsAt: subscription?.trial_ends_at?.toISOString() ?? null,
    readOnly: grantsAccess(status) && !grantsWrite(status),
  };
  return {
    profile: { id: profile.id, email: profile.email, fullName: profile.full_name, ucid: profile.ucid, createdAt: profile.created_at.toISOString() },
    workspace: {
      id: workspace.id,
      name: workspace.name,
      ownerId: workspace.owner_id,
      role: workspace.role,
      onboardingStatus: workspace.onboarding_status,
      createdAt: workspace.created_at.toISOString(),
    },
    subscription: summary,
    onboarding: { status: workspace.onboarding_status },
    next: nextStep(summary, workspace.onboarding_status),
  };
}

@Injectable()
export class ProfileService {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly readCache: ReadCache,
  ) {}

  /** Creates or repairs the profile, personal workspace and membership; safe to call any number of times. */
  async ensureProfile(claims: UserClaims): Promise<VerifyProfileResponse> {
    if (!(await this.profiles.ensure(claims.sub))) throw new AuthError('ACCOUNT_NOT_FOUND', 'This account no longer exists.');
    return this.current(claims);
  }

  async deleteAccount(claims: UserClaims, confirmEmail: string): Promise<void> {
    if (!isRecentlyAuthenticated(claims, new Date())) {
      throw new AuthError('REAUTHENTICATION_REQUIRED', 'Enter your password again to delete your account: your last sign-in was more than 5 minutes ago.');
    }
    const { profile } = await this.current(claims);
    if (profile.email !== confirmEmail) {
      throw new AppError('VALIDATION_FAILED', 'confirmEmail: type your account email to confirm', 400, [{ field: 'confirmEmail', problems: ['does not match your account email'] }]);
    }
    await this.profiles.deleteAccount(claims.sub);
    // The deleted user's next request here must not be let in by a remembered session or profile.
    this.readCache.forgetUser(claims.sub);
  }

  /** The browser's routing question, asked on every navigation: repeated calls come from the ReadCache. */
  async verifyProfile(claims: UserClaims): Promise<VerifyProfileResponse> {
    const snapshot = await this.readCache.get(
      `profile:${claims.sub}`,
      () => this.profiles.snapshot(claims),
      (found) => [userTag(claims.sub), ...(found ? [workspaceTag(found.workspace.id)] : [])],
    );
    if (snapshot) return toVerifyProfileResponse(snapshot, new Date());
    // A profile the trigger failed to create is repaired rather than leaving the user stuck.
    return this.ensureProfile(claims);
  }

  private async current(claims: UserClaims): Promise<VerifyProfileResponse> {
    const snapshot = await this.profiles.snapshot(claims);
    if (!snapshot) throw new AuthError('ACCOUNT_NOT_FOUND', 'This account has no profile.');
    return toVerifyProfileResponse(snapshot, new Date());
  }
}
