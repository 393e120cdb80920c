import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlerModule, ThrottlerStorage } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/env.schema';
import { ConfigModule } from '../config/config.module';
import { StorageModule } from '../db/db.module';
import { ErrorFilter } from '../errors/error.filter';
import { HealthModule } from '../health/health.module';
import { loggerParams } from './logging';
import { RateLimiter, rateLimits } from './rate-limit';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/** Everything an HTTP process needs before any feature: config, storage, logs, rate limits, health. */
@Module({
  imports: [
    ConfigModule,
    StorageModule,
    LoggerModule.forRootAsync({ inject: [AppConfig], useFactory: loggerParams }),
    ThrottlerModule.forRootAsync({ inject: [AppConfig], useFactory: rateLimits }),
    HealthModule,
  ],
  providers: [
    RedisThrottlerStorage,
    { provide: ThrottlerStorage, useExisting: RedisThrottlerStorage },
    RateLimiter,
    { provide: APP_FILTER, useClass: ErrorFilter },
  ],
})
export class HttpPlatformModule {}
