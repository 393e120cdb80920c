import type { UserClaims } from '@raptorflow/api-platform';
import { isRecentlyAuthenticated as isRecent, lastAuthenticatedAt as lastAt } from '@raptorflow/contracts';

export { RECENT_AUTHENTICATION_SECONDS } from '@raptorflow/contracts';

// The rule itself is in @raptorflow/contracts (account.contracts.ts): the browser applies it to a password change.
export function lastAuthenticatedAt(claims: UserClaims): Date | null {
  return lastAt(claims['amr']);
}

export function isRecentlyAuthenticated(claims: UserClaims, now: Date): boolean {
  return isRecent(claims['amr'], now);
}
