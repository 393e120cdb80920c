import { Injectable } from '@nestjs/common';
import type { UserClaims } from '@raptorflow/api-platform';
import type { AccountSessionsResponse } from '@raptorflow/contracts';
import { AccountSessionsRepository } from './account-sessions.repository';
import { describeDevice } from './user-agent';

@Injectable()
export class AccountSessionsService {
  constructor(private readonly sessions: AccountSessionsRepository) {}

  /** The caller's signed-in devices, this one first. */
  async list(claims: UserClaims): Promise<AccountSessionsResponse> {
    const rows = await this.sessions.activeSessions(claims.sub);
    const sessions = rows.map((row) => ({
      id: row.id,
      device: describeDevice(row.user_agent),
      ip: row.ip,
      signedInAt: row.created_at.toISOString(),
      lastSeenAt: row.last_seen_at.toISOString(),
      current: row.id === claims.session_id,
    }));
    return { sessions: [...sessions.filter((s) => s.current), ...sessions.filter((s) => !s.current)] };
  }
}
