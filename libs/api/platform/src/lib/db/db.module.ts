import { Global, Module } from '@nestjs/common';
import { WorkspaceAccess } from '../access/workspace-access';
import { RedisService } from '../redis/redis';
import { Database } from './database';
import { ReadCache } from './read-cache';

@Global()
@Module({
  providers: [Database, RedisService, ReadCache, WorkspaceAccess],
  exports: [Database, RedisService, ReadCache, WorkspaceAccess],
})
export class StorageModule {}
