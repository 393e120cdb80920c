import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { BCM_REBUILD_QUEUE } from '@raptorflow/api-bcm';
import { OnboardingController } from './onboarding.controller';
import { OnboardingDrafts } from './onboarding.drafts';
import { OnboardingRepository } from './onboarding.repository';
import { OnboardingService } from './onboarding.service';

/**
 * Onboarding API (needs the platform's StorageModule, QueueModule and the AuthModule guard). The worker imports it
 * for OnboardingService and registers OnboardingCleanupProcessor/Scheduler with the onboarding-cleanup queue itself.
 */
@Module({
  imports: [BullModule.registerQueue({ name: BCM_REBUILD_QUEUE })],
  controllers: [OnboardingController],
  providers: [OnboardingRepository, OnboardingDrafts, OnboardingService],
  exports: [OnboardingService],
})
export class OnboardingModule {}
