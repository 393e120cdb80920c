import { Global, Module } from '@nestjs/common';
import { RedisService } from '../redis/redis';
import { Database } from './database';
import { ReadCache } from './read-cache';

@Global()
@Module({
  providers: [Database, RedisService, ReadCache],
  exports: [Database, RedisService, ReadCache],
})
export class StorageModule {}
