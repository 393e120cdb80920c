import { Global, Module } from '@nestjs/common';
import { RedisService } from '../redis/redis';
import { Database } from './database';
import { ReadCache } from './read-cache';
import { AuditLog } from '../audit/audit-log';

@Global()
@Module({
  providers: [Database, RedisService, ReadCache, AuditLog],
  exports: [Database, RedisService, ReadCache, AuditLog],
})
export class StorageModule {}
