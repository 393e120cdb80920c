import type { NextStep, VerifyProfileResponse } from '@raptorflow/contracts';

/** A verify-profile answer for tests; `next` decides where the user belongs. */
export function makeProfileResponse(next: NextStep = 'payment', email = 'founder@example.com'): VerifyProfileResponse {
  return {
    profile: { id: 'u-1', email, fullName: 'Asha Founder', ucid: 'RF-2026-0001', createdAt: '2026-11-25T00:00:00Z' },
    workspace: { id: 'w-1', name: 'Asha Founder', ownerId: 'u-1', role: 'owner', onboardingStatus: next === 'app' ? 'completed' : 'not_started', createdAt: '2026-11-25T00:00:00Z' },
    subscription: { status: next === 'payment' ? 'none' : 'active', planId: next === 'payment' ? null : 'starter', period: next === 'payment' ? null : 'month', currentPeriodEnd: null, trialEndsAt: null, readOnly: false },
    onboarding: { status: next === 'app' ? 'completed' : 'not_started' },
    next,
  };
}
