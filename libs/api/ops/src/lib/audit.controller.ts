import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@raptorflow/api-auth';
import { currentWorkspaceId, Database, UserClaims } from '@raptorflow/api-platform';
import type { AuditEntryView } from '@raptorflow/contracts';
import { toAuditView } from './ops.service';

/** An owner's view of their current workspace's audit trail; row-level security shows owners only. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly db: Database) {}

  @Get()
  list(@CurrentUser() claims: UserClaims): Promise<AuditEntryView[]> {
    return this.db.asUser(claims, async (tx) =>
      (await tx.selectFrom('audit_log').selectAll().where('workspace_id', '=', currentWorkspaceId(claims.sub)).orderBy('id', 'desc').limit(500).execute()).map(toAuditView),
    );
  }
}
