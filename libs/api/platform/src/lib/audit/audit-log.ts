import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { Tx } from '../db/database';

/** One line of the append-only audit trail (supabase/migrations/*_audit_log.sql). */
export interface AuditEntry {
  actorId: string | null;
  actorEmail?: string | null;
  actorKind: 'operator' | 'owner' | 'member' | 'system';
  /** `<noun>.<verb>`, e.g. `payment.refund`, `member.role_change`. */
  action: string;
  workspaceId?: string | null;
  target?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  requestId?: string | null;
}

/** Writes audit rows inside the caller's service transaction, so the entry commits with the change or not at all. */
@Injectable()
export class AuditLog {
  async record(tx: Tx, entry: AuditEntry): Promise<void> {
    await tx
      .insertInto('audit_log')
      .values({
        actor_id: entry.actorId,
        actor_email: entry.actorEmail ?? null,
        actor_kind: entry.actorKind,
        action: entry.action,
        workspace_id: entry.workspaceId ?? null,
        target: entry.target ?? null,
        before: entry.before === undefined ? null : JSON.stringify(entry.before),
        after: entry.after === undefined ? null : JSON.stringify(entry.after),
        reason: entry.reason ?? null,
        request_id: entry.requestId ?? null,
      })
      .execute();
  }
}

/** The request id pino-http gave this request (from a valid `x-request-id` header or a fresh uuid). */
export const RequestId = createParamDecorator((_data: unknown, ctx: ExecutionContext): string | null => {
  const request = ctx.switchToHttp().getRequest<{ id?: unknown; raw?: { id?: unknown } }>();
  const id = request.raw?.id ?? request.id;
  return typeof id === 'string' ? id : null;
});
