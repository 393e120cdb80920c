import { Injectable } from '@nestjs/common';
import { Database } from '@raptorflow/api-platform';
import { sql } from 'kysely';

export interface SessionRow {
  id: string;
  user_agent: string | null;
  ip: string | null;
  created_at: Date;
  last_seen_at: Date;
}

/**
 * GoTrue's auth.sessions, read as the service role (GoTrue has no user-facing list and `authenticated` has no grant on
 * its schema): every query is scoped to one user id, the verified token's subject.
 */
@Injectable()
export class AccountSessionsRepository {
  constructor(private readonly db: Database) {}

  /** The user's sessions that are still valid, most recently used first (a refresh touches updated_at). */
  async activeSessions(userId: string): Promise<SessionRow[]> {
    const { rows } = await this.db.asServiceStatement((db) =>
      sql<SessionRow>`
        select id, user_agent, host(ip) as ip, created_at, coalesce(updated_at, created_at) as last_seen_at
        from auth.sessions
        where user_id = ${userId} and (not_after is null or not_after > now())
        order by coalesce(updated_at, created_at) desc, id`.execute(db),
    );
    return rows;
  }
}
