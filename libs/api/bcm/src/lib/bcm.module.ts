import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AiProvider, NoAiProvider } from './ai/ai-provider';
import { BcmCache } from './bcm.cache';
import { BcmController } from './bcm.controller';
import { BCM_REBUILD_QUEUE } from './bcm.jobs';
import { BcmRebuildProcessor } from './bcm.processor';
import { BcmRebuildQueue } from './bcm.rebuild-queue';
import { BcmRebuildService } from './bcm.rebuild.service';
import { BcmRepository } from './bcm.repository';
import { BcmService } from './bcm.service';

const queue = BullModule.registerQueue({ name: BCM_REBUILD_QUEUE });

/** The BCM API under /context/bcm (needs the platform's StorageModule, QueueModule and the AuthModule guard). */
@Module({
  imports: [queue],
  controllers: [BcmController],
  providers: [BcmRepository, BcmCache, BcmRebuildQueue, BcmService],
  exports: [BcmService],
})
export class BcmModule {}

/**
 * The worker's side: runs bcm-rebuild jobs. No AI model is configured yet, so enrichment uses the deterministic
 * no-op adapter; a Vertex AI adapter would be chosen here by config.
 */
@Module({
  imports: [queue],
  providers: [BcmRepository, BcmCache, { provide: AiProvider, useClass: NoAiProvider }, BcmRebuildService, BcmRebuildProcessor],
  exports: [BcmRebuildService],
})
export class BcmWorkerModule {}
