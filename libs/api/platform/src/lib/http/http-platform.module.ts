import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule, ThrottlerStorage } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/env.schema';
import { ConfigModule } from '../config/config.module';
import { StorageModule } from '../db/db.module';
import { ErrorFilter } from '../errors/error.filter';
import { HealthModule } from '../health/health.module';
import { loggerParams } from './logging';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/** Everything an HTTP process needs before any feature: config, storage, logs, rate limits, health. */
@Module({
  imports: [
    ConfigModule,
    StorageModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerParams }),
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }],
      }),
    }),
    HealthModule,
  ],
  providers: [
    RedisThrottlerStorage,
    { provide: ThrottlerStorage, useExisting: RedisThrottlerStorage },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_FILTER, useClass: ErrorFilter },
  ],
})
export class HttpPlatformModule {}
