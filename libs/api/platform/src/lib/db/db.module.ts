import { Global, Module } from '@nestjs/common';
import { RedisService } from '../redis/redis';
import { Database } from './database';

@Global()
@Module({
  providers: [Database, RedisService],
  exports: [Database, RedisService],
})
export class StorageModule {}
