import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { WorkspaceDirectoryModule } from '@raptorflow/api-auth';
import { BcmContextsModule, BcmQueueModule } from '@raptorflow/api-bcm';
import { OnboardingController } from './onboarding.controller';
import { OnboardingDrafts } from './onboarding.drafts';
import { ONBOARDING_CLEANUP_QUEUE } from './onboarding.jobs';
import { OnboardingCleanupProcessor, OnboardingCleanupScheduler } from './onboarding.processor';
import { OnboardingRepository } from './onboarding.repository';
import { OnboardingService } from './onboarding.service';

const services = [OnboardingRepository, OnboardingDrafts, OnboardingService];
// The tables onboarding writes through their owners: business_contexts (bcm), workspaces.onboarding_status (auth).
const owners = [BcmQueueModule, BcmContextsModule, WorkspaceDirectoryModule];

/** Onboarding API (needs the platform's StorageModule, QueueModule and the AuthModule guard). */
@Module({
  imports: owners,
  controllers: [OnboardingController],
  providers: services,
  exports: [OnboardingService],
})
export class OnboardingModule {}

/** The worker's side, without the controller: the daily onboarding-cleanup job, its one producer and processor. */
@Module({
  imports: [...owners, BullModule.registerQueue({ name: ONBOARDING_CLEANUP_QUEUE })],
  providers: [...services, OnboardingCleanupScheduler, OnboardingCleanupProcessor],
})
export class OnboardingWorkerModule {}
