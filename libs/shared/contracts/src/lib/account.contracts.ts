// Account security rules and shapes shared by the API and the browser (issue #15: password, e-mail, sessions).

/**
 * How recent a sign-in must be for account changes that cannot be undone or could lock the owner out: deleting the
 * account (the API refuses it) and changing the password (Settings asks to confirm it is you first).
 */
export const RECENT_AUTHENTICATION_SECONDS = 5 * 60;

/**
 * When the user last proved who they are: the newest timestamp of a GoTrue access token's `amr` claim (a refresh
 * keeps the sign-in's; a new sign-in starts a session with a new one). Null when the token carries none.
 */
export function lastAuthenticatedAt(amr: unknown): Date | null {
  const entries = Array.isArray(amr) ? (amr as { timestamp?: unknown }[]) : [];
  const times = entries.map((entry) => entry?.timestamp).filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
  return times.length ? new Date(Math.max(...times) * 1000) : null;
}

export function isRecentlyAuthenticated(amr: unknown, now: Date): boolean {
  return isRecentSignIn(lastAuthenticatedAt(amr), now);
}

export function isRecentSignIn(at: Date | null, now: Date): boolean {
  return at !== null && now.getTime() - at.getTime() <= RECENT_AUTHENTICATION_SECONDS * 1000;
}

/** One signed-in device of the caller (`GET /api/v1/account/sessions`). */
export interface AccountSession {
  id: string;
  /** Browser and system read from the user agent, e.g. "Chrome on Windows"; "Unknown device" without one. */
  device: string;
  ip: string | null;
  signedInAt: string;
  lastSeenAt: string;
  /** The session of the access token that asked. */
  current: boolean;
}

export interface AccountSessionsResponse {
  sessions: AccountSession[];
}
