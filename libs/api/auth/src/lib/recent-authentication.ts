import type { UserClaims } from '@raptorflow/api-platform';

// How recent a sign-in must be for actions that cannot be undone (account deletion).
export const RECENT_AUTHENTICATION_SECONDS = 5 * 60;

/**
 * When the user last proved who they are: the newest `amr` timestamp of a GoTrue access token (a refresh keeps the
 * sign-in's; a new sign-in starts a session with a new one). Null when the token carries none.
 */
export function lastAuthenticatedAt(claims: UserClaims): Date | null {
  const amr = Array.isArray(claims['amr']) ? (claims['amr'] as { timestamp?: unknown }[]) : [];
  const times = amr.map((entry) => entry?.timestamp).filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
  return times.length ? new Date(Math.max(...times) * 1000) : null;
}

export function isRecentlyAuthenticated(claims: UserClaims, now: Date): boolean {
  const at = lastAuthenticatedAt(claims);
  return at !== null && now.getTime() - at.getTime() <= RECENT_AUTHENTICATION_SECONDS * 1000;
}
