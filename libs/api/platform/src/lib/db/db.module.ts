import { Global, Module } from '@nestjs/common';
import { WorkspaceAccess } from '../access/workspace-access';
import { RedisService } from '../redis/redis';
import { Database } from './database';
import { ReadCache } from './read-cache';
import { AuditLog } from '../audit/audit-log';

@Global()
@Module({
  providers: [Database, RedisService, ReadCache, WorkspaceAccess, AuditLog],
  exports: [Database, RedisService, ReadCache, WorkspaceAccess, AuditLog],
})
export class StorageModule {}
