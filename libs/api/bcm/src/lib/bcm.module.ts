import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { AppConfig } from '@raptorflow/api-platform';
import { AiProvider, NoAiProvider } from './ai/ai-provider';
import { VertexAiProvider } from './ai/vertex-ai.provider';
import { BcmCache } from './bcm.cache';
import { BcmController } from './bcm.controller';
import { BCM_REBUILD_QUEUE } from './bcm.jobs';
import { BcmManifests } from './bcm.manifests';
import { BcmRebuildProcessor } from './bcm.processor';
import { BcmRebuildQueue } from './bcm.rebuild-queue';
import { BcmRebuildService } from './bcm.rebuild.service';
import { BcmRepository } from './bcm.repository';
import { BcmService } from './bcm.service';
import { BusinessContexts } from './business-contexts';

const queue = BullModule.registerQueue({ name: BCM_REBUILD_QUEUE });

// Vertex AI when a key is configured, else the deterministic no-op (AI is optional, DESIGN.md decision 10).
const aiProvider = {
  provide: AiProvider,
  inject: [AppConfig],
  useFactory: (config: AppConfig): AiProvider =>
    config.VERTEX_AI_API_KEY
      ? new VertexAiProvider({ apiKey: config.VERTEX_AI_API_KEY, baseUrl: config.VERTEX_AI_BASE_URL, model: config.VERTEX_AI_MODEL })
      : new NoAiProvider(),
};

/** The bcm-rebuild queue's one producer, BcmRebuildQueue (job ids, retries, backoff): the BCM API and onboarding use it. */
@Module({
  imports: [queue],
  providers: [BcmRebuildQueue],
  exports: [BcmRebuildQueue],
})
export class BcmQueueModule {}

/** A workspace's manifests for other features (moves), without the BCM API. */
@Module({
  providers: [BcmRepository, BcmManifests],
  exports: [BcmManifests],
})
export class BcmManifestsModule {}

/** The business contexts the BCM is built from, for onboarding to append and read. */
@Module({
  providers: [BcmRepository, BusinessContexts],
  exports: [BusinessContexts],
})
export class BcmContextsModule {}

/** The BCM API under /context/bcm (needs the platform's StorageModule, QueueModule and the AuthModule guard). */
@Module({
  imports: [BcmQueueModule, BcmManifestsModule],
  controllers: [BcmController],
  providers: [BcmRepository, BcmCache, BcmService],
  exports: [BcmService],
})
export class BcmModule {}

/** The worker's side: runs bcm-rebuild jobs and the optional AI enrichment after each new manifest. */
@Module({
  imports: [queue],
  providers: [BcmRepository, BcmCache, aiProvider, BcmRebuildService, BcmRebuildProcessor],
  exports: [BcmRebuildService],
})
export class BcmWorkerModule {}
