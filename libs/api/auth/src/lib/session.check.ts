import { Injectable } from '@nestjs/common';
import { Database, ReadCache, ServiceUnavailableError, UserClaims, userTag } from '@raptorflow/api-platform';
import { sql } from 'kysely';
import { AuthError } from './auth.errors';

// How long a session found active is believed without asking again. Change notifications (a deleted session, a ban,
// a new password: supabase/migrations/*_session_notifications.sql) drop it sooner; this bounds a lost notification.
export const SESSION_CHECK_MAX_AGE_MS = 3_000;

/**
 * GoTrue sessions are the truth about whether a signed-in user is still signed in: a token outlives a logout, a ban,
 * a password change or a deleted account until it expires, its session does not.
 */
@Injectable()
export class SessionCheck {
  constructor(
    private readonly db: Database,
    private readonly readCache: ReadCache,
  ) {}

  async requireActive(claims: UserClaims): Promise<void> {
    const sessionId = claims.session_id;
    if (!sessionId) throw new AuthError('TOKEN_INVALID', 'The access token has no session.');
    const active = await this.readCache.get(`session:${sessionId}`, () => this.isActive(claims.sub, sessionId), () => [userTag(claims.sub)], SESSION_CHECK_MAX_AGE_MS);
    if (!active) throw new AuthError('SESSION_ENDED', 'You have been signed out. Sign in again.');
  }

  private async isActive(userId: string, sessionId: string): Promise<boolean> {
    try {
      const { rows } = await this.db.asServiceStatement((db) =>
        sql<{ active: boolean }>`
          select exists (
            select 1 from auth.sessions s join auth.users u on u.id = s.user_id
            where s.id = ${sessionId} and s.user_id = ${userId} and (s.not_after is null or s.not_after > now())
              and u.deleted_at is null and (u.banned_until is null or u.banned_until <= now())
          ) as active`.execute(db),
      );
      return rows[0].active;
    } catch {
      throw new ServiceUnavailableError('Signing in is briefly unavailable. Try again shortly.');
    }
  }
}
